package dev.slipway.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

import dev.slipway.deployment.lifecycle.DeploymentReconciler;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.runtime.ShutdownSignal;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.deploy;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica shutting down: the reconciler gives back the jobs it holds at once (another replica
 * finishes them), and event streams, gRPC watches and long-polls end with a reason to reconnect.
 * The "other replica" is the same reconciler started again, under a new worker identity.
 */
@QuarkusTest
class GracefulShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;
    @Inject
    SandboxCluster sandbox;
    @Inject
    DeploymentReconciler reconciler;
    @Inject
    ShutdownSignal shutdown;
    @GrpcClient("slipway")
    DeploymentService grpc;

    @Test
    void aDrainedReplicaGivesBackTheRolloutItWaitsOnAndAnotherReplicaFinishesIt() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id;
        Lease held;
        try (AutoCloseable rolloutsHeld = sandbox.holdRollouts()) {
            id = deploy(app, "dev", "ghcr.io/acme/web:drain");
            awaitStatus(app, id, "PROGRESSING");
            held = lease(id);
            assertNotNull(held.owner(), "a PROGRESSING job is leased while its rollout is watched");

            long started = System.nanoTime();
            List<UUID> released;
            try {
                released = reconciler.drain(Duration.ofSeconds(10));
                // At once: nothing was applying, so nothing waited for the grace, nor for the lease (3 s in tests) to run out.
                assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0,
                        "draining took " + Duration.ofNanos(System.nanoTime() - started));
                assertTrue(released.contains(UUID.fromString(id)), "given back: " + released);
                Lease givenBack = lease(id);
                assertNull(givenBack.owner(), "no owner any more");
                assertNull(givenBack.expiresAt(), "no lease left to run out");
                assertEquals("PROGRESSING", status(app, id), "the status stays for the next owner to go on from");
            } finally {
                reconciler.startWorkers();
            }
            // The other replica claims it while the rollout is still going on.
            Lease reclaimed = awaitLease(id, owner -> owner != null && !owner.equals(held.owner()));
            assertNotEquals(held.owner(), reclaimed.owner());
        }
        JsonPath done = awaitTerminal(app, "dev", id);
        assertEquals("SUCCEEDED", done.getString("status"));
        // Resumed from PROGRESSING: no status was entered twice, none went back.
        assertEquals(List.of("PENDING", "APPLYING", "PROGRESSING", "SUCCEEDED"), statusEvents(id));
    }

    @Test
    void aDrainedReplicaClaimsNothingNew() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id;
        try {
            reconciler.drain(Duration.ofSeconds(5));
            id = deploy(app, "dev", "ghcr.io/acme/web:after-drain");
            // Longer than a few poll intervals (200 ms in tests): a worker would have claimed it.
            Thread.sleep(1_000);
            assertEquals("PENDING", status(app, id));
            assertNull(lease(id).owner());
        } finally {
            reconciler.startWorkers();
        }
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", id).getString("status"));
    }

    @Test
    void anEventStreamEndsWithARetryHintWhenTheReplicaShutsDown() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/events?application=" + app))
                .header("Authorization", TestTokens.bearer(ALICE))
                .header("Accept", "text/event-stream")
                .timeout(WAIT)
                .build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> firstEvent = new CompletableFuture<>();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            Iterator<String> read = response.body().iterator();
            while (read.hasNext()) {
                String line = read.next();
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.startsWith("data:")) {
                    firstEvent.complete(null);
                }
            }
        });
        try {
            String id = deploy(app, "dev", "ghcr.io/acme/web:sse");
            firstEvent.get(WAIT.toSeconds(), TimeUnit.SECONDS); // the stream is live
            shutdown.begin();
            ended.get(WAIT.toSeconds(), TimeUnit.SECONDS); // the server closed it
            awaitTerminal(app, "dev", id);
        } finally {
            shutdown.resume();
            response.body().close();
        }
        synchronized (lines) {
            assertTrue(lines.contains("retry:" + ShutdownSignal.RECONNECT_AFTER.toMillis())
                    || lines.contains("retry: " + ShutdownSignal.RECONNECT_AFTER.toMillis()), "retry hint in " + lines);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(":") && line.contains("shutting down")), "comment in " + lines);
            int retry = lines.size() - 1;
            while (retry >= 0 && !lines.get(retry).startsWith("retry:")) {
                retry--;
            }
            assertFalse(lines.subList(retry, lines.size()).stream().anyMatch(line -> line.startsWith("data:") || line.startsWith("id:")),
                    "the hint is the last thing sent, with no id: " + lines);
        }
    }

    @Test
    void aGrpcWatchEndsUnavailableWhenTheReplicaShutsDown() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        CompletableFuture<Void> firstEvent = new CompletableFuture<>();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        var watching = dev.slipway.testing.GrpcAuth.as(grpc, ALICE)
                .watchDeployments(DeploymentProto.WatchDeploymentsRequest.newBuilder().setApplication(app).build())
                .subscribe().with(event -> firstEvent.complete(null), failed::complete, () -> failed.complete(null));
        try {
            String id = deploy(app, "dev", "ghcr.io/acme/web:grpc");
            firstEvent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            shutdown.begin();
            Throwable failure = failed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(failure, "the watch failed rather than completed");
            assertEquals(Status.Code.UNAVAILABLE, code(failure), String.valueOf(failure));
            assertTrue(failure.getMessage().contains("shutting down"), failure.getMessage());
            awaitTerminal(app, "dev", id);
        } finally {
            shutdown.resume();
            watching.cancel();
        }
    }

    @Test
    void aLongPollAnswersWhatItHasWhenTheReplicaShutsDown() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id;
        try (AutoCloseable rolloutsHeld = sandbox.holdRollouts()) {
            id = deploy(app, "dev", "ghcr.io/acme/web:poll");
            awaitStatus(app, id, "PROGRESSING");
            CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(() -> as(ALICE).queryParam("waitFor", "terminal")
                    .queryParam("timeout", "60s").get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", app, "dev", id)
                    .then().statusCode(200).extract().jsonPath());
            try {
                Thread.sleep(300); // let the long-poll start waiting; it answers either way
                long started = System.nanoTime();
                shutdown.begin();
                assertEquals("PROGRESSING", answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).getString("status"));
                assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0);
            } finally {
                shutdown.resume();
            }
            // Once resumed, a long-poll waits again.
            assertThrows(java.util.concurrent.TimeoutException.class, () -> CompletableFuture.supplyAsync(() -> as(ALICE)
                    .queryParam("waitFor", "terminal").queryParam("timeout", "5s")
                    .get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", app, "dev", id).statusCode())
                    .get(1, TimeUnit.SECONDS));
        }
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", id).getString("status"));
    }

    record Lease(String owner, Timestamp expiresAt) {
    }

    private Lease lease(String deploymentId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT lease_owner, lease_expires_at FROM deployment_jobs WHERE deployment_id = ?::uuid")) {
            query.setString(1, deploymentId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the job of " + deploymentId + " exists");
                return new Lease(row.getString(1), row.getTimestamp(2));
            }
        }
    }

    private Lease awaitLease(String deploymentId, java.util.function.Predicate<String> owner) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Lease lease = lease(deploymentId);
            if (owner.test(lease.owner())) {
                return lease;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no lease as expected on " + deploymentId + ": " + lease(deploymentId));
    }

    private static String status(String app, String id) {
        return as(ALICE).get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", app, "dev", id)
                .then().statusCode(200).extract().path("status");
    }

    private static void awaitStatus(String app, String id, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = status(app, id);
            if (wanted.equals(seen)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " is " + seen + ", not " + wanted);
    }

    private List<String> statusEvents(String deploymentId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT status FROM deployment_events WHERE deployment_id = ?::uuid ORDER BY id")) {
            query.setString(1, deploymentId);
            List<String> statuses = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        }
    }
}
