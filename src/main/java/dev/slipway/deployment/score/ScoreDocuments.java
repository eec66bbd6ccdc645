package dev.slipway.deployment.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.slipway.api.NulCharacter;
import dev.slipway.api.SlipwayException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML a Score workload arrives in. A YAML stream may hold several documents (a later
 * version deploys several workloads from one stream), so {@link #parse} answers every document and
 * the caller decides how many it takes.
 */
final class ScoreDocuments {
    /** The field a problem with the document as a whole is reported on. */
    static final String FIELD = "score";

    /** A key given twice in one mapping is an error: silently keeping the last would hide a typo. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private ScoreDocuments() {
    }

    /**
     * Every document of the stream, in order, as JSON trees (an empty document is an empty string).
     *
     * @throws SlipwayException.Invalid when the text is empty, is not YAML or uses aliases
     */
    static List<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            throw SlipwayException.Invalid.field(FIELD, "is empty; send a Score workload (apiVersion: score.dev/v1b1)");
        }
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = new AliasRefusingParser((YAMLParser) YAML.createParser(text))) {
            while (parser.nextToken() != null) {
                documents.add(refuseNul(YAML.readTree(parser)));
            }
        } catch (UnsupportedAlias e) {
            throw SlipwayException.Invalid.field(FIELD, describe(e));
        } catch (JsonProcessingException e) {
            throw SlipwayException.Invalid.field(FIELD, "is not valid YAML: " + describe(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
        if (documents.isEmpty()) {
            throw SlipwayException.Invalid.field(FIELD, "holds no YAML document; send a Score workload (apiVersion: score.dev/v1b1)");
        }
        return documents;
    }

    /** YAML's {@code "\0"} escape reads as NUL, which no stored text may hold: refused by its path in the document. */
    private static JsonNode refuseNul(JsonNode document) {
        List<Object> path = NulCharacter.pathIn(document);
        if (path == null) {
            return document;
        }
        StringBuilder field = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(step);
            }
        }
        throw SlipwayException.Invalid.field(field.isEmpty() ? FIELD : field.toString(), NulCharacter.MESSAGE);
    }

    /** What went wrong and where, without the parser's excerpt of the input. */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            String where = yaml.getProblemMark() == null
                    ? ""
                    : " (line " + (yaml.getProblemMark().getLine() + 1) + ", column " + (yaml.getProblemMark().getColumn() + 1) + ")";
            return yaml.getProblem() + (yaml.getContext() == null ? "" : ", " + yaml.getContext()) + where;
        }
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("unreadable");
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1
                ? message
                : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Jackson reads an alias ({@code *name}) as the text "name" instead of the anchored value;
     * rather than deploy that silently, an alias is refused.
     */
    private static final class AliasRefusingParser extends JsonParserDelegate {
        AliasRefusingParser(YAMLParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (((YAMLParser) delegate).isCurrentAlias()) {
                throw new UnsupportedAlias(this, "uses a YAML alias (*" + delegate.getText() + "), which Slipway does not expand; "
                        + "write the value out");
            }
            return token;
        }
    }

    private static final class UnsupportedAlias extends JsonParseException {
        UnsupportedAlias(JsonParser parser, String message) {
            super(parser, message);
        }
    }
}
