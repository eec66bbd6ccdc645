package dev.slipway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonMergePatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The test cases of RFC 7386, appendix A: original | patch | result. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":\"b\"}                | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
            "{\"a\":\"b\"}                | {\"b\":\"c\"}                    | {\"a\":\"b\",\"b\":\"c\"}",
            "{\"a\":\"b\"}                | {\"a\":null}                     | {}",
            "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}                     | {\"b\":\"c\"}",
            "{\"a\":[\"b\"]}              | {\"a\":\"c\"}                    | {\"a\":\"c\"}",
            "{\"a\":\"c\"}                | {\"a\":[\"b\"]}                  | {\"a\":[\"b\"]}",
            "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
            "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}                      | {\"a\":[1]}",
            "[\"a\",\"b\"]                | [\"c\",\"d\"]                    | [\"c\",\"d\"]",
            "{\"a\":\"b\"}                | [\"c\"]                          | [\"c\"]",
            "{\"a\":\"foo\"}              | null                             | null",
            "{\"a\":\"foo\"}              | \"bar\"                          | \"bar\"",
            "{\"e\":null}                 | {\"a\":1}                        | {\"e\":null,\"a\":1}",
            "[1,2]                        | {\"a\":\"b\",\"c\":null}         | {\"a\":\"b\"}",
            "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}}  | {\"a\":{\"bb\":{}}}",
    })
    void appliesTheRfcExamples(String original, String patch, String expected) throws JsonProcessingException {
        JsonNode target = JSON.readTree(original);
        JsonNode before = target.deepCopy();

        JsonNode result = JsonMergePatch.apply(target, JSON.readTree(patch));

        assertEquals(JSON.readTree(expected), result);
        assertEquals(before, target, "the target must not be modified");
    }

    /** The diff is the patch that turns source into target: applying it gives the target back. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":1,\"b\":2}              | {\"b\":3}                     | {\"a\":null,\"b\":3}",
            "{\"a\":{\"x\":1,\"y\":2}}    | {\"a\":{\"y\":2}}           | {\"a\":{\"x\":null}}",
            "{\"a\":[1,2]}                  | {\"a\":[2]}                   | {\"a\":[2]}",
            "{\"a\":1}                      | {\"a\":1}                     | {}",
            "{}                             | {\"a\":{\"b\":1}}           | {\"a\":{\"b\":1}}",
            "{\"a\":\"s\"}                | {\"a\":{\"b\":1}}           | {\"a\":{\"b\":1}}",
            "{\"a\":{\"b\":1}}            | {}                            | {\"a\":null}",
    })
    void diffIsThePatchFromSourceToTarget(String source, String target, String expected) throws JsonProcessingException {
        JsonNode patch = JsonMergePatch.diff(JSON.readTree(source), JSON.readTree(target));
        assertEquals(JSON.readTree(expected), patch);
        assertEquals(JSON.readTree(target), JsonMergePatch.apply(JSON.readTree(source), patch));
    }
}
