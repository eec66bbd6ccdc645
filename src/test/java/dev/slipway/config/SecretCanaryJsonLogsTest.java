package dev.slipway.config;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.JsonLogsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The canary with production's JSON logs: the same flow, and the secret must also be absent from
 * every JSON line written (its message, its MDC fields, its exception fields and stack trace).
 */
@QuarkusTest
@TestProfile(JsonLogsProfile.class)
class SecretCanaryJsonLogsTest extends SecretCanaryTest {

    @Override
    protected List<String> writtenLogLines() {
        List<JsonNode> records = JsonLogsProfile.records(); // every line is JSON, or this fails
        // The controls: the file holds the flow's lines, with the fields that could carry a value.
        assertTrue(records.stream().anyMatch(record -> record.path("message").asText().contains("re-encrypted")),
                "the JSON log file holds the flow's lines");
        assertTrue(records.stream().anyMatch(record -> JsonLogsProfile.mdc(record, "requestId") != null
                && JsonLogsProfile.mdc(record, "caller") != null && JsonLogsProfile.mdc(record, "application") != null),
                "request lines with their MDC fields were written");
        assertTrue(records.stream().anyMatch(record -> JsonLogsProfile.mdc(record, "deploymentId") != null),
                "reconciler lines were written");
        return JsonLogsProfile.lines();
    }
}
