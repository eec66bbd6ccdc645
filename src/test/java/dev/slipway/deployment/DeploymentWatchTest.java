package dev.slipway.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.deploy;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watching deployments: SSE delivery and resumption, and drift against the live cluster. */
@QuarkusTest
class DeploymentWatchTest {
    @Inject
    SandboxCluster sandbox;

    @Test
    void sseDeliversEveryStatusChangeAndResumesAfterLastEventId() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        String path = "/api/v1/applications/" + app + "/environments/dev/deployments/" + id + "/events";

        List<JsonObject> events = readEvents(path, "0", "SUCCEEDED");
        assertEquals(List.of("PENDING", "APPLYING", "PROGRESSING", "SUCCEEDED"),
                events.stream().map(event -> event.getString("status")).toList());
        assertTrue(events.stream().allMatch(event -> id.equals(event.getString("deploymentId"))));

        // Resuming after the second event replays only what came after it.
        String second = Long.toString(events.get(1).getLong("id"));
        List<JsonObject> resumed = readEvents(path, second, "SUCCEEDED");
        assertEquals(List.of("PROGRESSING", "SUCCEEDED"), resumed.stream().map(event -> event.getString("status")).toList());

        // The platform-wide stream, filtered to this application, carries the same events.
        List<JsonObject> all = readEvents("/api/v1/events?application=" + app, "0", "SUCCEEDED");
        assertEquals(4, all.size());
    }

    @Test
    void watchingIsRefusedWithoutAToken() {
        io.restassured.RestAssured.given().accept("text/event-stream").get("/api/v1/events").then().statusCode(401);
        as(ALICE).accept("text/event-stream").header("Last-Event-ID", "not-a-number").get("/api/v1/events").then().statusCode(400);
    }

    @Test
    void driftListsFieldsChangedOnTheClusterBehindSlipwaysBack() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        as(ALICE).get("/api/v1/applications/{a}/environments/dev/drift", app).then().statusCode(200)
                .body("inSync", equalTo(true)).body("appliedDeploymentId", equalTo(null));
        String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", id).getString("status"));
        as(ALICE).get("/api/v1/applications/{a}/environments/dev/drift", app).then().statusCode(200)
                .body("inSync", equalTo(true)).body("appliedDeploymentId", equalTo(id));

        // Someone scales the Deployment by hand.
        sandbox.client().apps().deployments().inNamespace(app + "-dev").withName(app).scale(5);

        as(TestTokens.user("bob", "team-b")).get("/api/v1/applications/{a}/environments/dev/drift", app).then().statusCode(200)
                .body("inSync", equalTo(false))
                .body("differences.path", hasItem("spec.replicas"))
                .body("differences.find { it.path == 'spec.replicas' }.expected", equalTo("2"))
                .body("differences.find { it.path == 'spec.replicas' }.actual", equalTo("5"));
    }

    /** Reads SSE data lines until an event with the given status arrives (bounded by a timeout). */
    private static List<JsonObject> readEvents(String path, String lastEventId, String untilStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", TestTokens.bearer(ALICE))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId)
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<JsonObject> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    JsonObject event = new JsonObject(line.substring(5).trim());
                    events.add(event);
                    if (untilStatus.equals(event.getString("status"))) {
                        return;
                    }
                }
            }
        });
        try {
            reading.get(30, TimeUnit.SECONDS);
        } finally {
            response.body().close();
        }
        return events;
    }
}
