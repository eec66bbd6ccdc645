package dev.slipway.operation;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.operation.OperationsFixture.DEVELOPER;
import static dev.slipway.operation.OperationsFixture.OWNER;
import static dev.slipway.operation.OperationsFixture.VIEWER;
import static dev.slipway.operation.OperationsFixture.spec;
import static dev.slipway.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime view, logs, :scale and :restart over REST, against the sandbox cluster. */
@QuarkusTest
class RuntimeResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SandboxCluster sandbox;

    @TestHTTPResource("/")
    URI base;

    @Test
    void runtimeShowsAHealthyWorkloadWithItsPodsAndEvents() {
        OperationsFixture f = OperationsFixture.create();
        String deploymentId = f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 2, null)).getString("id");

        JsonPath runtime = as(VIEWER).get(f.path("/runtime")).then().statusCode(200).extract().jsonPath();
        assertEquals(deploymentId, runtime.getString("deploymentId"));
        assertEquals(f.namespace(), runtime.getString("namespace"));
        assertEquals(1, runtime.getList("workloads").size());
        assertEquals(f.app(), runtime.getString("workloads[0].name"));
        assertEquals("service", runtime.getString("workloads[0].kind"));
        assertEquals(f.app(), runtime.getString("workloads[0].objectName"));
        assertEquals(2, runtime.getInt("workloads[0].desiredReplicas"));
        assertEquals(2, runtime.getInt("workloads[0].readyReplicas"));
        assertEquals(2, runtime.getList("workloads[0].pods").size());
        assertEquals("Running", runtime.getString("workloads[0].pods[0].phase"));
        assertEquals("running", runtime.getString("workloads[0].pods[0].containers[0].state"));
        assertEquals("ghcr.io/acme/web:1.0.0", runtime.getString("workloads[0].pods[0].containers[0].image"));
        assertTrue(runtime.getBoolean("workloads[0].pods[0].ready"));
        assertFalse(runtime.getList("workloads[0].events").isEmpty(), "the scheduler's and kubelet's events show");
    }

    @Test
    void logsSkipContainersThatNeverStarted() {
        // A pod pulling an image it cannot get has no log: the API server answers 400 for it, which
        // is not a failure of the read (nor is a pod that went away between listing and reading).
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        assertEquals("FAILED", f.deploy(spec("ghcr.io/acme/web:fail", 1, null)).getString("status"));
        JsonPath logs = as(DEVELOPER).get(f.path("/logs")).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> lines = logs.getList("lines");
        assertTrue(lines.stream().noneMatch(line -> String.valueOf(line.get("pod")).isEmpty()),
                () -> "lines of running pods only: " + lines);
    }

    @Test
    void runtimeShowsACrashLoopWithItsRestartsAndEvents() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        assertEquals("FAILED", f.deploy(spec("ghcr.io/acme/crash:2.0.0", 1, null)).getString("status"));

        JsonPath runtime = as(VIEWER).get(f.path("/runtime")).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> pods = runtime.getList("workloads[0].pods");
        Map<String, Object> crashing = pods.stream()
                .filter(pod -> ((List<Map<String, Object>>) pod.get("containers")).get(0).get("image").toString().contains("crash"))
                .findFirst().orElseThrow(() -> new AssertionError("no crash-looping pod in " + pods));
        Map<String, Object> container = ((List<Map<String, Object>>) crashing.get("containers")).get(0);
        assertEquals("waiting", container.get("state"));
        assertEquals("CrashLoopBackOff", container.get("reason"));
        assertEquals(3, container.get("restartCount"));
        assertEquals(3, crashing.get("restarts"));
        assertEquals(false, crashing.get("ready"));
        List<Map<String, Object>> events = runtime.getList("workloads[0].events");
        assertTrue(events.stream().anyMatch(event -> crashing.get("name").equals(event.get("objectName"))
                && "Warning".equals(event.get("type"))), () -> "a warning about the crashing pod in " + events);
    }

    @Test
    void withoutACurrentDeploymentTheRuntimeIsEmptyAndOperationsConflict() {
        OperationsFixture f = OperationsFixture.create();
        as(VIEWER).get(f.path("/runtime")).then().statusCode(200).body("workloads.size()", equalTo(0));
        as(DEVELOPER).get(f.path("/logs")).then().statusCode(200).body("lines.size()", equalTo(0));
        as(DEVELOPER).body(Map.of("replicas", 2)).post(f.path(":scale")).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("no current deployment"));
        as(DEVELOPER).body(Map.of()).post(f.path(":restart")).then().statusCode(409);
    }

    @Test
    void logsTailTheLastLinesOfEachContainerWithTimestamps() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        Polling.await("a few heartbeat lines", Duration.ofSeconds(10),
                () -> as(DEVELOPER).get(f.path("/logs")).then().statusCode(200).extract().jsonPath().getList("lines").size() >= 3);

        JsonPath tail = as(DEVELOPER).queryParam("tailLines", 2).get(f.path("/logs")).then().statusCode(200).extract().jsonPath();
        assertEquals(2, tail.getList("lines").size());
        assertEquals("web", tail.getString("lines[0].container"));
        assertTrue(tail.getString("lines[0].pod").startsWith(f.app() + "-"));
        Instant first = Instant.parse(tail.getString("lines[0].timestamp"));
        Instant second = Instant.parse(tail.getString("lines[1].timestamp"));
        assertFalse(second.isBefore(first), "ordered by timestamp");
        assertFalse(tail.getString("lines[1].text").startsWith("20"), "the timestamp prefix is taken off the text");

        Instant before = Instant.now().minusSeconds(3);
        JsonPath recent = as(DEVELOPER).queryParam("sinceSeconds", 2).get(f.path("/logs")).then().statusCode(200).extract().jsonPath();
        List<String> stamps = recent.getList("lines.timestamp");
        assertTrue(stamps.stream().allMatch(stamp -> Instant.parse(stamp).isAfter(before)), () -> "only recent lines: " + stamps);
        JsonPath all = as(DEVELOPER).queryParam("tailLines", 5000).get(f.path("/logs")).then().statusCode(200).extract().jsonPath();
        assertTrue(all.getList("lines").size() > stamps.size(), "sinceSeconds leaves the older lines out");
        assertEquals("Starting web (image ghcr.io/acme/web:1.0.0)", all.getString("lines[0].text"));
    }

    @Test
    void logParametersAreCheckedAndNamed() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        as(DEVELOPER).queryParam("tailLines", 5001).queryParam("sinceSeconds", "soon").get(f.path("/logs")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("tailLines")).body("errors.field", hasItem("sinceSeconds"));
        as(DEVELOPER).queryParam("follow", "maybe").get(f.path("/logs")).then().statusCode(400).body("errors.field", hasItem("follow"));
        as(DEVELOPER).queryParam("workload", "nope").get(f.path("/logs")).then().statusCode(400)
                .body("errors.field", hasItem("workload")).body("detail", containsString(f.app()));
        as(DEVELOPER).queryParam("container", "nope").get(f.path("/logs")).then().statusCode(400)
                .body("errors.field", hasItem("container")).body("detail", containsString("web"));
        as(DEVELOPER).queryParam("workload", "nope").queryParam("follow", "true").get(f.path("/logs")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("workload"));
    }

    @Test
    void viewersMayNotReadLogsNorScaleNorRestart() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        as(VIEWER).get(f.path("/logs")).then().statusCode(403).contentType("application/problem+json");
        as(VIEWER).queryParam("follow", "true").get(f.path("/logs")).then().statusCode(403).contentType("application/problem+json");
        as(VIEWER).body(Map.of("replicas", 2)).post(f.path(":scale")).then().statusCode(403);
        as(VIEWER).body(Map.of()).post(f.path(":restart")).then().statusCode(403);
        as(TestTokens.user("stranger")).get(f.path("/runtime")).then().statusCode(404);
        as(TestTokens.user("stranger")).get(f.path("/logs")).then().statusCode(404);
    }

    @Test
    void secretValuesAreMaskedInLogLines() {
        OperationsFixture f = OperationsFixture.create();
        String secret = "hunter2-" + System.nanoTime();
        as(OWNER).body(Map.of("changes", List.of(Map.of("name", "API_TOKEN", "secret", secret)), "message", "token"))
                .patch(f.path("/config")).then().statusCode(200);
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, List.of("--token=$(API_TOKEN)")));

        String body = as(DEVELOPER).get(f.path("/logs")).then().statusCode(200).extract().asString();
        assertFalse(body.contains(secret), "the secret never leaves in a log line");
        JsonPath logs = JsonPath.from(body);
        assertTrue(logs.getList("lines.text").contains("--token=****"), () -> "the masked command line in " + logs.getList("lines.text"));
    }

    @Test
    void resourceSecretOutputsAsTheClusterHoldsThemAreMaskedToo() {
        OperationsFixture f = OperationsFixture.create();
        String output = "db-pass-" + System.nanoTime();
        Map<String, Object> spec = spec("ghcr.io/acme/web:1.0.0", 1, List.of("--db-password=$(DB_PASSWORD)"));
        ((List<Map<String, Object>>) spec.get("containers")).get(0).put("env", Map.of("DB_PASSWORD", output));
        f.deploySucceeded(spec);
        // Where a resource's secret outputs reach the containers (here put by hand: no resource driver needed).
        sandbox.client().secrets().inNamespace(f.namespace()).resource(new SecretBuilder().withNewMetadata()
                .withName(f.app() + "-container-secrets").endMetadata()
                .addToData("db-password", Base64.getEncoder().encodeToString(output.getBytes(StandardCharsets.UTF_8))).build()).create();

        String body = as(DEVELOPER).get(f.path("/logs")).then().statusCode(200).extract().asString();
        assertFalse(body.contains(output));
        assertTrue(JsonPath.from(body).getList("lines.text").contains("--db-password=****"), body);
    }

    @Test
    void followStreamsNewLinesAsTheyAreWritten() throws Exception {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(f.path("/logs").substring(1) + "?follow=true&tailLines=1"))
                .header("Authorization", TestTokens.bearer(DEVELOPER)).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        Instant opened = Instant.now();
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            JsonNode fresh = CompletableFuture.supplyAsync(() -> firstLineWrittenAfter(reader, opened)).get(15, TimeUnit.SECONDS);
            assertEquals("web", fresh.get("container").asText());
            assertTrue(fresh.get("text").asText().startsWith("tick "), fresh.toString());
        }
    }

    private static JsonNode firstLineWrittenAfter(BufferedReader reader, Instant opened) {
        try {
            String event = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "log".equals(event)) {
                    JsonNode data = JSON.readTree(line.substring(5).trim());
                    if (Instant.parse(data.get("timestamp").asText()).isAfter(opened)) {
                        return data;
                    }
                }
            }
            throw new AssertionError("the stream ended without a new line");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scaleChangesTheClusterIsAuditedAndTheNextDeploymentKeepsIt() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 2, null));

        as(DEVELOPER).body(Map.of("replicas", 3)).post(f.path(":scale")).then().statusCode(200)
                .body("workload", equalTo(f.app())).body("objectName", equalTo(f.app()))
                .body("previousReplicas", equalTo(2)).body("replicas", equalTo(3));
        assertEquals(3, liveDeployment(f).getSpec().getReplicas());
        Polling.await("three ready pods", Duration.ofSeconds(10),
                () -> as(VIEWER).get(f.path("/runtime")).then().extract().jsonPath().getInt("workloads[0].readyReplicas") == 3);
        as(VIEWER).get(f.path("/drift")).then().statusCode(200).body("inSync", equalTo(true));
        JsonPath audit = as(OWNER).queryParam("application", f.app()).queryParam("action", "environment.scale")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        assertEquals("ALLOWED", audit.getString("items[0].outcome"));
        assertEquals(f.app() + "/" + OperationsFixture.ENV, audit.getString("items[0].resource"));
        assertTrue(audit.getString("items[0].reason").contains("to 3"), audit.getString("items[0].reason"));

        f.deploySucceeded(spec("ghcr.io/acme/web:1.1.0", null, null));
        assertEquals(3, liveDeployment(f).getSpec().getReplicas(), "a deployment without replicas keeps the formation");
        f.deploySucceeded(spec("ghcr.io/acme/web:1.2.0", 1, null));
        assertEquals(1, liveDeployment(f).getSpec().getReplicas(), "a deployment that sets replicas wins");
    }

    @Test
    void scaleRefusesAutoscaledCronAndUnknownWorkloads() {
        OperationsFixture f = OperationsFixture.create();
        Map<String, Object> web = Map.of("kind", "service", "containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0")),
                "servicePorts", List.of(Map.of("name", "http", "port", 80, "targetPort", 8080)),
                "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 3));
        Map<String, Object> nightly = Map.of("kind", "cron", "schedule", "0 3 * * *",
                "containers", List.of(Map.of("name", "report", "image", "ghcr.io/acme/report:1.0.0")));
        Map<String, Object> worker = Map.of("kind", "worker", "containers",
                List.of(Map.of("name", "jobs", "image", "ghcr.io/acme/jobs:1.0.0")));
        f.deploySucceeded(Map.of("workloads", Map.of("web", web, "nightly", nightly, "worker", worker)));

        as(DEVELOPER).body(Map.of("workload", "web", "replicas", 2)).post(f.path(":scale")).then().statusCode(409)
                .body("detail", containsString("autoscal"));
        as(DEVELOPER).body(Map.of("workload", "nightly", "replicas", 2)).post(f.path(":scale")).then().statusCode(400)
                .body("errors.field", hasItem("workload"));
        as(DEVELOPER).body(Map.of("workload", "nope", "replicas", 2)).post(f.path(":scale")).then().statusCode(400)
                .body("detail", containsString("nightly, web, worker"));
        as(DEVELOPER).body(Map.of("replicas", 2)).post(f.path(":scale")).then().statusCode(400)
                .body("errors.field", hasItem("workload"));
        as(DEVELOPER).body(Map.of("workload", "worker", "replicas", 101)).post(f.path(":scale")).then().statusCode(400)
                .body("errors.field", hasItem("replicas"));
        as(DEVELOPER).body(Map.of("workload", "worker", "replicas", 0)).post(f.path(":scale")).then().statusCode(200)
                .body("objectName", equalTo(f.app() + "-worker"));

        JsonPath runtime = as(VIEWER).get(f.path("/runtime")).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("nightly", "web", "worker"), runtime.getList("workloads.name"));
        assertEquals("0 3 * * *", runtime.getString("workloads[0].cron.schedule"));
        assertEquals(3, runtime.getInt("workloads[1].autoscaling.maxReplicas"));
        assertEquals(0, runtime.getInt("workloads[2].desiredReplicas"));
    }

    @Test
    void restartRollsThePodsAndIsAudited() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        List<String> podsBefore = as(VIEWER).get(f.path("/runtime")).then().extract().jsonPath().getList("workloads[0].pods.name");

        JsonPath restarted = as(DEVELOPER).body(Map.of()).post(f.path(":restart")).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(f.app()), restarted.getList("workloads.name"));
        String at = restarted.getString("restartedAt");
        assertNotNull(at);
        assertEquals(at, liveDeployment(f).getSpec().getTemplate().getMetadata().getAnnotations().get("kubectl.kubernetes.io/restartedAt"));
        Polling.await("the pods replaced", Duration.ofSeconds(15), () -> {
            JsonPath runtime = as(VIEWER).get(f.path("/runtime")).then().extract().jsonPath();
            List<String> pods = runtime.getList("workloads[0].pods.name");
            return pods.size() == 1 && !pods.equals(podsBefore) && runtime.getInt("workloads[0].readyReplicas") == 1;
        });
        as(OWNER).queryParam("application", f.app()).queryParam("action", "environment.restart")
                .get("/api/v1/audit-events").then().statusCode(200).body("items[0].outcome", equalTo("ALLOWED"));
        as(DEVELOPER).body(Map.of("workload", "nope")).post(f.path(":restart")).then().statusCode(400)
                .body("errors.field", hasItem("workload"));
    }

    private Deployment liveDeployment(OperationsFixture f) {
        return sandbox.client().apps().deployments().inNamespace(f.namespace()).withName(f.app()).get();
    }
}
