package dev.slipway.api.rest;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.slipway.api.NulCharacter;

/**
 * Refuses NUL in every string a JSON body carries, as it is read: string values (fields, list
 * items, map values, untyped values), map keys, and every text and member name of a body read as
 * a tree (merge patches, specs). The failure carries the field's path like any other binding error.
 */
final class NulRefusingModule extends SimpleModule {
    NulRefusingModule() {
        super("nul-refusing");
        addDeserializer(String.class, new Strings());
        KeyDeserializer keys = new Keys();
        addKeyDeserializer(String.class, keys);
        addKeyDeserializer(Object.class, keys);
        addDeserializer(JsonNode.class, new Trees());
    }

    private static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (NulCharacter.in(value)) {
                throw new NulCharacter.InJson(parser);
            }
            return value;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (NulCharacter.in(key)) {
                NulCharacter.InJson refused = new NulCharacter.InJson(context.getParser());
                refused.prependPath(new JsonMappingException.Reference(null, NulCharacter.printable(key)));
                throw refused;
            }
            return key;
        }
    }

    private static final class Trees extends StdDeserializer<JsonNode> {
        private final JsonDeserializer<? extends JsonNode> standard = JsonNodeDeserializer.getDeserializer(JsonNode.class);

        Trees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = standard.deserialize(parser, context);
            List<Object> path = NulCharacter.pathIn(tree);
            if (path != null) {
                NulCharacter.InJson refused = new NulCharacter.InJson(parser);
                for (int i = path.size() - 1; i >= 0; i--) {
                    refused.prependPath(path.get(i) instanceof Integer index
                            ? new JsonMappingException.Reference(null, index)
                            : new JsonMappingException.Reference(null, (String) path.get(i)));
                }
                throw refused;
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
    }
}
