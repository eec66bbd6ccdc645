package dev.slipway.infra.template;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPathTest {

    private static final JsonNode OBJECT = read("""
            {"metadata": {"name": "db", "annotations": {"example.com/key": "annotated"}},
             "status": {"readyReplicas": 2, "writeService": "db-rw",
                        "conditions": [{"type": "Progressing", "status": "True"}, {"type": "Ready", "status": "False", "message": "full"}],
                        "endpoints": [{"host": "a"}, {"host": "b"}]}}
            """);

    @Test
    void readsFieldsIndexesQuotedNamesAndFilters() {
        assertEquals(Optional.of("2"), text("$.status.readyReplicas"));
        assertEquals(Optional.of("db-rw"), text(".status.writeService"));
        assertEquals(Optional.of("db-rw"), text("{.status.writeService}"));
        assertEquals(Optional.of("annotated"), text("$.metadata.annotations['example.com/key']"));
        assertEquals(Optional.of("Progressing"), text("$.status.conditions[0].type"));
        assertEquals(Optional.of("b"), text("$.status.endpoints[-1].host"));
        assertEquals(Optional.of("a"), text("$.status.endpoints[*].host"));
        assertEquals(Optional.of("full"), text("$.status.conditions[?(@.type=='Ready')].message"));
        assertEquals(Optional.of("Ready"), text("$.status.conditions[?(@.status != 'True')].type"));
        assertEquals(Optional.of("{\"host\":\"a\"}"), text("$.status.endpoints[0]"));
    }

    @Test
    void whatIsNotThereIsEmpty() {
        assertTrue(text("$.status.readService").isEmpty());
        assertTrue(text("$.status.conditions[5].type").isEmpty());
        assertTrue(text("$.status.conditions[?(@.type=='Healthy')].status").isEmpty());
        assertTrue(text("$.metadata.name.deeper").isEmpty());
    }

    @Test
    void malformedPathsSayWhatIsWrong() {
        assertEquals("JSONPath '$' selects nothing: write e.g. $.status.readyReplicas",
                assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$.status[abc]")).getMessage()
                .contains("expected an index"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$.a['b")).getMessage().contains("unterminated"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("status")).getMessage().contains("expected '.'"));
    }

    private static Optional<String> text(String path) {
        return JsonPath.parse(path).text(OBJECT);
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
