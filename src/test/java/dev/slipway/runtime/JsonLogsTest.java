package dev.slipway.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.JsonLogsProfile;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production log format: one JSON object per line, and every line written for a request
 * carries its request id, trace and span ids, and (once known) its caller and application, also
 * when the line is written on a worker thread; a reconciler job's lines carry its deployment and
 * application; exceptions come as fields.
 */
@QuarkusTest
@TestProfile(JsonLogsProfile.class)
class JsonLogsTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();

    @Test
    void aRequestsLinesCarryItsRequestIdTraceCallerAndApplication() {
        String app = Names.unique("json-logs");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String requestId = "json-logs-" + UUID.randomUUID();
        as(ALICE).header("X-Request-Id", requestId).get("/api/v1/applications/{a}/environments", app).then().statusCode(200);

        List<JsonNode> lines = await(record -> requestId.equals(JsonLogsProfile.mdc(record, "requestId"))
                && record.path("message").asText().startsWith("served GET"));
        assertEquals(app, JsonLogsProfile.mdc(lines.get(0), "application"), lines.toString());
        for (JsonNode line : lines) {
            assertEquals("user:alice", JsonLogsProfile.mdc(line, "caller"), line.toString());
            assertTrue(JsonLogsProfile.mdc(line, "traceId").matches("[0-9a-f]{32}"), line.toString());
            assertTrue(JsonLogsProfile.mdc(line, "spanId").matches("[0-9a-f]{16}"), line.toString());
            assertNotNull(line.get("message"), line.toString());
            assertNotNull(line.get("level"), line.toString());
            assertNotNull(line.get("timestamp"), line.toString());
        }
        // Every line of the request, also before the caller is known, has its request id and trace.
        List<JsonNode> all = JsonLogsProfile.records().stream()
                .filter(record -> requestId.equals(JsonLogsProfile.mdc(record, "requestId"))).toList();
        assertTrue(all.stream().allMatch(record -> JsonLogsProfile.mdc(record, "traceId") != null), all.toString());
        assertEquals(1, all.stream().map(record -> JsonLogsProfile.mdc(record, "traceId")).distinct().count(), all.toString());
    }

    @Test
    void workerThreadLinesOfARequestAndOfAReconcilerJobCarryTheirFields() throws Exception {
        String cluster = Names.unique("json-far");
        as(ADMIN).body(Map.of("name", cluster, "apiUrl", TestClusters.refusingUrl(), "credentials", Map.of("token", "far-token")))
                .post("/api/v1/clusters").then().statusCode(201);
        try {
            // The health check runs on a worker thread; its line still belongs to the request.
            String requestId = "json-logs-" + UUID.randomUUID();
            as(ADMIN).header("X-Request-Id", requestId).get("/api/v1/clusters/{name}:health", cluster).then().statusCode(200);
            JsonNode health = await(record -> requestId.equals(JsonLogsProfile.mdc(record, "requestId"))
                    && record.path("message").asText().contains("health check of cluster " + cluster)).get(0);
            assertEquals("user:platform-admin", JsonLogsProfile.mdc(health, "caller"), health.toString());
            assertFalse(health.path("threadName").asText().contains("vert.x-eventloop"), health.toString());

            // A deployment to it fails in the reconciler: its lines name the deployment and application, its
            // failure detail comes with the exception as fields.
            String app = Names.unique("json-logs");
            createApplication(ALICE, app, "team-a").statusCode(201);
            as(ALICE).body(Map.of("name", "far", "type", "development", "cluster", cluster))
                    .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
            String id = as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "nginx:1.27")))))
                    .post("/api/v1/applications/{a}/environments/far/deployments", app).then().statusCode(202).extract().path("id");
            List<JsonNode> job = await(record -> id.equals(JsonLogsProfile.mdc(record, "deploymentId"))
                    && record.path("message").asText().contains("failed on cluster"));
            assertEquals(app, JsonLogsProfile.mdc(job.get(0), "application"), job.toString());
            assertEquals("far", JsonLogsProfile.mdc(job.get(0), "environment"), job.toString());
            assertTrue(job.get(0).path("threadName").asText().startsWith("slipway-reconciler"), job.toString());
            JsonNode detail = await(record -> id.equals(JsonLogsProfile.mdc(record, "deploymentId"))
                    && record.has("exception")).get(0);
            String type = detail.path("exception").path("exceptionType").asText();
            assertFalse(type.isEmpty(), detail.toString());
            assertFalse(detail.path("exception").path("message").asText().isEmpty(), detail.toString());
            assertTrue(detail.path("stackTrace").asText().contains(type), detail.toString());
            assertEquals(app, JsonLogsProfile.mdc(detail, "application"), detail.toString());
            as(ALICE).delete("/api/v1/applications/{a}/environments/far", app).then().statusCode(204);
        } finally {
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    /** The lines that match, once there is one (lines reach the file a moment after they are logged). */
    private static List<JsonNode> await(Predicate<JsonNode> wanted) {
        List<List<JsonNode>> found = new java.util.ArrayList<>(List.of(List.of()));
        Polling.await("a matching log line", Duration.ofSeconds(30), () -> {
            found.set(0, JsonLogsProfile.records().stream().filter(wanted).toList());
            return !found.get(0).isEmpty();
        });
        return found.get(0);
    }
}
