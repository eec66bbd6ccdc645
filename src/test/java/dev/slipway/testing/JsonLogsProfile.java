package dev.slipway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Logs as production writes them: JSON on the console, and the same format into a file the tests
 * read back (this JVM's own, so no earlier run's lines count). Tracing is on (spans created, none
 * exported), so request lines carry traceId and spanId; Slipway's debug lines are written too, and
 * every REST request ends with a line of its own ({@link RequestLogLine}).
 */
public class JsonLogsProfile implements QuarkusTestProfile {
    public static final Path FILE = Path.of("target", "json-logs", "slipway-" + ProcessHandle.current().pid() + ".log");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.log.console.json.enabled", "true"),
                Map.entry("quarkus.log.console.level", "INFO"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", FILE.toString()),
                Map.entry("quarkus.log.file.rotation.max-file-size", "1G"),
                Map.entry("quarkus.log.file.json.enabled", "true"),
                Map.entry("quarkus.log.file.json.exception-output-type", "detailed-and-formatted"),
                Map.entry("quarkus.log.category.\"dev.slipway\".level", "DEBUG"),
                Map.entry("slipway.test.log-each-request", "true"),
                Map.entry("quarkus.otel.sdk.disabled", "false"),
                Map.entry("quarkus.otel.traces.exporter", "none"));
    }

    /** The file's lines so far, as written. */
    public static List<String> lines() {
        try {
            return Files.exists(FILE) ? Files.readAllLines(FILE) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line parsed; a line that is not one JSON object fails the test. */
    public static List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(line);
                if (!record.isObject()) {
                    throw new AssertionError("a log line is not a JSON object: " + line);
                }
                records.add(record);
            } catch (IOException e) {
                throw new AssertionError("a log line is not JSON: " + line, e);
            }
        }
        return records;
    }

    /** An MDC field of a record, or null. */
    public static String mdc(JsonNode record, String field) {
        JsonNode value = record.path("mdc").get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
