package dev.slipway.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.deployment.lifecycle.DeploymentQueue;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each business metric moves when its event happens, read from /q/metrics as Prometheus scrapes it.
 * Tests may share the process with others that deploy too, so counters are compared as "grew by at
 * least", gauges by waiting for the value the test's own setup implies.
 */
@QuarkusTest
class BusinessMetricsTest {
    static final String ALICE = TestTokens.user("alice", "team-a");
    static final String BOB = TestTokens.user("bob", "team-b");
    private static final String FAILING_IMAGE = "ghcr.io/acme/web:fail"; // the sandbox never pulls it (SandboxConfig)

    @Inject
    DataSource dataSource;
    @Inject
    DeploymentQueue queue;
    @GrpcClient("slipway")
    DeploymentService grpc;
    @TestHTTPResource("/")
    URI root;

    @Test
    void finishedDeploymentsAreCountedByOutcomeAndReasonWithTheirDurationsAndClusterCalls() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Scrape before = Scrape.now();

        JsonPath succeeded = awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.0"));
        JsonPath failed = awaitTerminal(app, "dev", deploy(app, "dev", FAILING_IMAGE));
        assertEquals("SUCCEEDED", succeeded.getString("status"));
        assertEquals("FAILED", failed.getString("status"));

        Scrape after = Scrape.now();
        String succeededReason = succeeded.getString("statusReason");
        String failedReason = failed.getString("statusReason");
        grew(before, after, 1, "slipway_deployments_finished_total", "outcome", "SUCCEEDED", "reason", succeededReason);
        grew(before, after, 1, "slipway_deployments_finished_total", "outcome", "FAILED", "reason", failedReason);
        grew(before, after, 2, "slipway_deployment_accepted_to_applied_seconds_count");
        grew(before, after, 1, "slipway_deployment_accepted_to_finished_seconds_count", "outcome", "SUCCEEDED");
        grew(before, after, 1, "slipway_deployment_accepted_to_finished_seconds_count", "outcome", "FAILED");
        // SLO buckets: a sandbox deployment finishes within the hour.
        grew(before, after, 1, "slipway_deployment_accepted_to_finished_seconds_bucket", "outcome", "SUCCEEDED", "le", "3600.0");
        grew(before, after, 1, "slipway_cluster_api_calls_total", "cluster", "sandbox", "outcome", "success");
        // Server-side apply is a PATCH the sandbox answers with 200 or 201.
        assertTrue(after.sum("slipway_cluster_api_calls_total", "cluster", "sandbox", "method", "PATCH") > before
                .sum("slipway_cluster_api_calls_total", "cluster", "sandbox", "method", "PATCH"), "applies counted");
    }

    @Test
    void aCancelledDeploymentIsCountedAsCancelled() throws SQLException {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        UUID holder = holdEnvironment(app, "dev"); // keeps the next deployment PENDING until cancelled
        try {
            Scrape before = Scrape.now();
            String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.1");
            as(ALICE).post("/api/v1/applications/{a}/environments/{e}/deployments/{id}:cancel", app, "dev", id).then().statusCode(200);
            grew(before, Scrape.now(), 1, "slipway_deployments_finished_total", "outcome", "CANCELLED", "reason", "Cancelled");
        } finally {
            release(holder);
        }
    }

    @Test
    void aHeldJobShowsInTheQueueDepthAndAgeAndItsLongPollIsASubscriber() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        UUID holder = holdEnvironment(app, "dev");
        try {
            String waiting = deploy(app, "dev", "ghcr.io/acme/web:1.0.2");
            // As if it had waited five minutes already.
            execute("UPDATE deployment_jobs SET available_at = now() - interval '5 minutes' WHERE deployment_id = ?::uuid", waiting);
            Polling.await("the queue gauges show the held job", Duration.ofSeconds(10), () -> {
                Scrape scrape = Scrape.now();
                return scrape.sum("slipway_deployment_queue_depth") >= 1
                        && scrape.sum("slipway_deployment_queue_oldest_age_seconds") >= 290;
            });

            double pollsBefore = Scrape.now().sum("slipway_event_subscribers", "kind", "long_poll");
            CompletableFuture<HttpResponse<String>> longPoll = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(root.resolve("/api/v1/applications/" + app + "/environments/dev/deployments/" + waiting
                            + "?waitFor=terminal&timeout=30s")).header("Authorization", TestTokens.bearer(ALICE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Polling.await("the long-poll counts as a subscriber", Duration.ofSeconds(10),
                    () -> Scrape.now().sum("slipway_event_subscribers", "kind", "long_poll") >= pollsBefore + 1);

            // Renewing the holder's lease is what a live replica does for its running jobs.
            Scrape before = Scrape.now();
            queue.renew("metrics-test/holder", List.of(holder), Duration.ofHours(1));
            grew(before, Scrape.now(), 1, "slipway_deployment_lease_renewals_total", "outcome", "renewed");

            as(ALICE).post("/api/v1/applications/{a}/environments/{e}/deployments/{id}:cancel", app, "dev", waiting).then()
                    .statusCode(200);
            assertEquals(200, longPoll.get().statusCode());
            Polling.await("the answered long-poll is no subscriber any more", Duration.ofSeconds(10),
                    () -> Scrape.now().sum("slipway_event_subscribers", "kind", "long_poll") <= pollsBefore);
        } finally {
            release(holder);
        }
    }

    @Test
    void anSseStreamIsASubscriberUntilItCloses() {
        String app = newApp();
        double before = Scrape.now().sum("slipway_event_subscribers", "kind", "sse");
        CompletableFuture<HttpResponse<Void>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(root.resolve("/api/v1/events?application=" + app)).header("Authorization", TestTokens.bearer(ALICE))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.discarding());
        Polling.await("the SSE stream counts as a subscriber", Duration.ofSeconds(10),
                () -> Scrape.now().sum("slipway_event_subscribers", "kind", "sse") >= before + 1);
        stream.cancel(true);
    }

    /**
     * Only the subscription is checked: on the shared HTTP/2 port the server is not told when a
     * client cancels a stream (quarkusio/quarkus#46986), so the watch ends on the server, and leaves
     * the gauge, only when the server closes it.
     */
    @Test
    void aGrpcWatchIsASubscriber() {
        String app = newApp();
        double before = Scrape.now().sum("slipway_event_subscribers", "kind", "grpc");
        Cancellable watch = GrpcAuth.as(grpc, ALICE)
                .watchDeployments(DeploymentProto.WatchDeploymentsRequest.newBuilder().setApplication(app).build())
                .subscribe().with(event -> {
                }, failure -> {
                });
        try {
            Polling.await("the gRPC watch counts as a subscriber", Duration.ofSeconds(10),
                    () -> Scrape.now().sum("slipway_event_subscribers", "kind", "grpc") >= before + 1);
        } finally {
            watch.cancel();
        }
    }

    @Test
    void aDeliveredWebhookIsCounted() throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String app = newApp();
            double before = Scrape.now().sum("slipway_webhook_attempts_total", "outcome", "delivered");
            String id = as(ALICE).body(Map.of("application", app, "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "eventTypes", List.of("dev.slipway.deployment.status_changed"))).post("/api/v1/webhooks").then().statusCode(201)
                    .extract().path("id");
            as(ALICE).post("/api/v1/webhooks/{id}:ping", id).then().statusCode(200);
            Polling.await("the delivered ping is counted", Duration.ofSeconds(20),
                    () -> Scrape.now().sum("slipway_webhook_attempts_total", "outcome", "delivered") >= before + 1);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aJobWhoseLeaseRanOutIsTakenOver() throws SQLException {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Scrape before = Scrape.now();
        // A deployment a dead replica had started: APPLYING, its job's lease about to run out.
        String id = UUID.randomUUID().toString();
        insertDeployment(id, app, "dev", "APPLYING");
        execute("""
                INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, lease_owner, lease_expires_at, created_at)
                SELECT id, environment_id, 1, now(), 'dead-replica/0000', now() + interval '1 second', now() FROM deployments WHERE id = ?::uuid""",
                id);
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", id).getString("status"));
        grew(before, Scrape.now(), 1, "slipway_deployment_lease_takeovers_total");
    }

    @Test
    void aReplayedIdempotentCreateAndAReusedKeyAreCounted() {
        String key = Names.unique("key");
        Map<String, Object> body = Map.of("name", Names.unique("idem"), "ownerGroup", "team-a");
        Scrape before = Scrape.now();
        as(ALICE).header("Idempotency-Key", key).body(body).post("/api/v1/applications").then().statusCode(201);
        as(ALICE).header("Idempotency-Key", key).body(body).post("/api/v1/applications").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", Names.unique("other"), "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(422);
        Scrape after = Scrape.now();
        grew(before, after, 1, "slipway_idempotency_replays_total", "operation", "applications.create");
        grew(before, after, 1, "slipway_idempotency_refusals_total", "operation", "applications.create", "reason", "key_reused");
    }

    @Test
    void denialsAreCountedByPermissionAndAnswer() {
        String app = newApp(); // bob may read it, not deploy to it
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String hidden = Names.unique("hidden");
        createApplication(ALICE, hidden, "team-a").statusCode(201);
        Scrape before = Scrape.now();
        as(BOB).body(Map.of("spec", spec("ghcr.io/acme/web:1.0.0"))).post("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(403);
        as(BOB).get("/api/v1/applications/{a}", hidden).then().statusCode(404);
        Scrape after = Scrape.now();
        grew(before, after, 1, "slipway_authorization_denials_total", "permission", "deployment.create", "answer", "forbidden");
        grew(before, after, 1, "slipway_authorization_denials_total", "permission", "application.read", "answer", "hidden");
    }

    @Test
    void theActiveSecretKeyIsOneAndTheOlderKeyZero() {
        Scrape scrape = Scrape.now();
        // application.properties: %test keys test-old and test-new, test-new active.
        assertEquals(1.0, scrape.sum("slipway_secrets_key_active", "key", "test-new"));
        assertTrue(scrape.has("slipway_secrets_key_active", "key", "test-old"), scrape.names().toString());
        assertEquals(0.0, scrape.sum("slipway_secrets_key_active", "key", "test-old"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    static void grew(Scrape before, Scrape after, double atLeast, String name, String... labels) {
        double was = before.sum(name, labels);
        double now = after.sum(name, labels);
        assertTrue(now - was >= atLeast, name + " " + List.of(labels) + " went from " + was + " to " + now + ", expected +" + atLeast
                + "; scraped: " + after.samples().stream().filter(s -> s.name().equals(name)).toList());
    }

    static String newApp() {
        String app = Names.unique("met");
        createApplication(ALICE, app, "team-a").statusCode(201);
        as(ALICE).body(Map.of("subject", "user:bob", "role", "viewer", "scope", "application:" + app)).post("/api/v1/role-bindings")
                .then().statusCode(201);
        return app;
    }

    static Map<String, Object> spec(String image) {
        return Map.of("containers",
                List.of(Map.of("name", "web", "image", image, "ports", List.of(Map.of("name", "http", "containerPort", 8080)))),
                "replicas", 1);
    }

    static String deploy(String app, String env, String image) {
        return as(ALICE).body(Map.of("spec", spec(image))).post("/api/v1/applications/{a}/environments/{e}/deployments", app, env)
                .then().statusCode(202).extract().path("id");
    }

    static JsonPath awaitTerminal(String app, String env, String id) {
        return as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s")
                .get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", app, env, id)
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * Makes the environment busy: a deployment another (live) replica is applying, its job leased
     * for an hour, so the environment's next deployments wait in the queue.
     */
    private UUID holdEnvironment(String app, String env) throws SQLException {
        UUID id = UUID.randomUUID();
        insertDeployment(id.toString(), app, env, "APPLYING");
        execute("""
                INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, lease_owner, lease_expires_at, created_at)
                SELECT id, environment_id, 1, now(), 'metrics-test/holder', now() + interval '1 hour', now() FROM deployments WHERE id = ?::uuid""",
                id.toString());
        return id;
    }

    /** Ends the holding deployment, as if its replica had finished it, so the queue does not keep it. */
    private void release(UUID holder) throws SQLException {
        execute("DELETE FROM deployment_jobs WHERE deployment_id = ?::uuid", holder.toString());
        execute("UPDATE deployments SET status = 'CANCELLED', finished_at = now() WHERE id = ?::uuid", holder.toString());
    }

    private void insertDeployment(String id, String app, String env, String status) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO deployments (id, environment_id, application, environment, spec, status, requested_by, desired_replicas,
                                                 created_at, applying_at, updated_at, version)
                        SELECT ?::uuid, e.id, a.name, e.name, CAST(? AS jsonb), ?, 'alice', 1, now(), now(), now(), 0
                          FROM environments e JOIN applications a ON a.id = e.application_id WHERE a.name = ? AND e.name = ?""")) {
            insert.setString(1, id);
            insert.setString(2, "{\"containers\":[{\"name\":\"web\",\"image\":\"ghcr.io/acme/web:held\"}],\"replicas\":1}");
            insert.setString(3, status);
            insert.setString(4, app);
            insert.setString(5, env);
            assertEquals(1, insert.executeUpdate());
        }
    }

    private void execute(String statement, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setString(1, id);
            update.executeUpdate();
        }
    }
}
