package dev.slipway.api.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.JsonErrors;
import dev.slipway.api.NulCharacter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The request mapper's refusals, named by path, wherever the string sits in the body. */
class StrictJsonTest {
    record Inner(List<String> tags, Map<String, Object> params, JsonNode spec) {
    }

    record Outer(String name, Inner inner) {
    }

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static Exception refused(String json, Class<?> type) {
        return assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, type));
    }

    @Test
    void nulIsRefusedInEveryKindOfStringWithItsPath() {
        Map<String, String> bodies = Map.of(
                "{\"name\":\"a\\u0000\"}", "name",
                "{\"inner\":{\"tags\":[\"x\",\"y\\u0000\"]}}", "inner.tags[1]",
                "{\"inner\":{\"params\":{\"k\":[\"\\u0000\"]}}}", "inner.params.k", // untyped lists do not add their index
                "{\"inner\":{\"params\":{\"k\\u0000\":1}}}", "inner.params.k\\u0000",
                "{\"inner\":{\"spec\":{\"a\":[{\"b\\u0000\":1}]}}}", "inner.spec.a[0].b\\u0000",
                "{\"inner\":{\"spec\":{\"a\":\"\\u0000\"}}}", "inner.spec.a");
        bodies.forEach((json, field) -> {
            Exception e = refused(json, Outer.class);
            assertInstanceOf(NulCharacter.InJson.class, e, json);
            assertEquals(field, JsonErrors.fieldPath(e), json);
            assertEquals(NulCharacter.MESSAGE, JsonErrors.describe(e), json);
        });
        assertEquals("a.b[1]", JsonErrors.fieldPath(refused("{\"a\":{\"b\":[1,\"\\u0000\"]}}", JsonNode.class)));
    }

    @Test
    void aMemberGivenTwiceIsRefusedWithItsPath() {
        Map<String, String> bodies = Map.of(
                "{\"name\":\"a\",\"name\":\"a\"}", "name",
                "{\"inner\":{\"tags\":[],\"tags\":[]}}", "inner.tags",
                "{\"inner\":{\"params\":{\"k\":1,\"k\":2}}}", "inner.params.k",
                "{\"inner\":{\"spec\":{\"a\":[{\"b\":1,\"b\":1}]}}}", "inner.spec.a[0].b");
        bodies.forEach((json, field) -> {
            Exception e = refused(json, Outer.class);
            assertEquals(field, JsonErrors.fieldPath(e), json);
            assertEquals("is given more than once", JsonErrors.describe(e), json);
        });
        Exception tree = refused("{\"x\":1,\"x\":null}", JsonNode.class);
        assertEquals("x", JsonErrors.fieldPath(tree));
    }

    @Test
    void ordinaryTextStillReads() throws Exception {
        Outer read = MAPPER.readValue("{\"name\":\"n\\u0001\",\"inner\":{\"tags\":[\"t\"],\"params\":{\"k\":\"v\"},\"spec\":{\"a\":null}}}",
                Outer.class);
        assertEquals("n\u0001", read.name());
        assertEquals(Map.of("k", "v"), read.inner().params());
        assertInstanceOf(JsonMappingException.class, refused("{\"name\":1}", Outer.class));
    }
}
