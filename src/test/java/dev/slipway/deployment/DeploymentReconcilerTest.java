package dev.slipway.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.deploy;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconciler's guarantees: one deployment per environment at a time, none lost, crash recovery, bounded retries. */
@QuarkusTest
class DeploymentReconcilerTest {
    @Inject
    DataSource dataSource;
    @Inject
    SandboxCluster sandbox;

    @Test
    void twentyConcurrentDeploysToOneEnvironmentApplyOneAtATimeAndNoneIsLost() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String image = "ghcr.io/acme/web:1.0." + i;
            ids.add(clients.submit(() -> deploy(app, "dev", image)));
        }
        List<String> created = new ArrayList<>();
        for (Future<String> id : ids) {
            created.add(id.get());
        }
        clients.shutdown();
        for (String id : created) {
            String status = awaitTerminal(app, "dev", id).getString("status");
            assertTrue(status.equals("SUCCEEDED") || status.equals("SUPERSEDED"), id + " ended " + status);
        }
        List<Interval> ran = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT d.id, d.status, d.applying_at, d.finished_at, d.created_at FROM deployments d
                          JOIN environments e ON e.id = d.environment_id JOIN applications a ON a.id = e.application_id
                         WHERE a.name = ? ORDER BY d.created_at""")) {
            statement.setString(1, app);
            try (ResultSet rows = statement.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    if (rows.getTimestamp("applying_at") != null) {
                        ran.add(new Interval(rows.getTimestamp("applying_at"), rows.getTimestamp("finished_at")));
                    }
                }
                assertEquals(20, count, "every accepted deployment is recorded");
            }
        }
        ran.sort((a, b) -> a.start().compareTo(b.start()));
        for (int i = 1; i < ran.size(); i++) {
            assertTrue(!ran.get(i).start().before(ran.get(i - 1).end()),
                    "deployments overlapped: " + ran.get(i - 1) + " and " + ran.get(i));
        }
        // The newest request always runs: it cannot have been superseded.
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", lastCreated(app)).getString("status"));
    }

    record Interval(Timestamp start, Timestamp end) {
    }

    @Test
    void aJobLeftByACrashedWorkerIsFinishedAfterItsLeaseExpires() throws SQLException {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        // A deployment a dead replica had started: APPLYING, its job leased by it for a moment more.
        String id = java.util.UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO deployments (id, environment_id, application, environment, spec, status, requested_by, desired_replicas,
                                             created_at, applying_at, updated_at, version)
                    SELECT ?::uuid, e.id, a.name, e.name, CAST(? AS jsonb), 'APPLYING', 'alice', 1, now(), now(), now(), 0
                      FROM environments e JOIN applications a ON a.id = e.application_id WHERE a.name = ? AND e.name = 'dev'""")) {
                insert.setString(1, id);
                insert.setString(2, "{\"containers\":[{\"name\":\"web\",\"image\":\"ghcr.io/acme/web:reclaimed\"}],\"replicas\":1}");
                insert.setString(3, app);
                assertEquals(1, insert.executeUpdate());
            }
            try (PreparedStatement job = connection.prepareStatement(
                    """
                            INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, lease_owner, lease_expires_at, created_at)
                            SELECT id, environment_id, 1, now(), 'dead-replica/0000', now() + interval '1 second', now() FROM deployments WHERE id = ?::uuid""")) {
                job.setString(1, id);
                assertEquals(1, job.executeUpdate());
            }
        }
        JsonPath done = awaitTerminal(app, "dev", id);
        assertEquals("SUCCEEDED", done.getString("status"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 409, 0 })
    void clusterErrorsAreRetriedThenTheDeploymentFails(int status) throws IOException {
        // 0 stands for a cluster that accepts the connection and never answers (request timeout).
        AtomicInteger requests = new AtomicInteger();
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.setExecutor(Executors.newCachedThreadPool());
        failing.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (status == 0) {
                sleepQuietly(4_000); // longer than the 2 s request timeout of the test profile
                exchange.close();
                return;
            }
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"etcdserver: leader changed\",\"code\":"
                    + status + "}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            String cluster = Names.unique("flaky");
            as(TestTokens.admin()).body(Map.of("name", cluster, "kind", "EXTERNAL",
                    "apiUrl", "http://127.0.0.1:" + failing.getAddress().getPort()))
                    .post("/api/v1/clusters").then().statusCode(201);
            String app = newApp();
            as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", cluster))
                    .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
            String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
            JsonPath done = awaitTerminal(app, "dev", id);
            assertEquals("FAILED", done.getString("status"));
            assertEquals("ClusterUnavailable", done.getString("statusReason"));
            // The cluster's status code and a fixed reason, never what it answered.
            String message = done.getString("statusMessage");
            assertFalse(message.contains("leader changed"), message);
            assertTrue(message.contains(status == 0 ? "could not be reached" : "HTTP " + status), message);
            assertEquals(3, requests.get(), "one request per attempt, max-attempts=3 in tests");
        } finally {
            failing.stop(0);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClusterThatRejectsTheManifestsFailsWithoutRetrying() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer rejecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rejecting.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"namespaces is forbidden\",\"code\":403}"
                    .getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rejecting.start();
        try {
            String cluster = Names.unique("strict");
            as(TestTokens.admin()).body(Map.of("name", cluster, "kind", "EXTERNAL",
                    "apiUrl", "http://127.0.0.1:" + rejecting.getAddress().getPort()))
                    .post("/api/v1/clusters").then().statusCode(201);
            String app = newApp();
            as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", cluster))
                    .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
            JsonPath done = awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.0"));
            assertEquals("FAILED", done.getString("status"));
            assertEquals("ClusterRejected", done.getString("statusReason"));
            assertEquals(1, requests.get());
        } finally {
            rejecting.stop(0);
        }
    }

    @Test
    void anApplyStartedSinceTheRecordedOneMakesTheNextApplyPrune() throws SQLException {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.0")).getString("status"));
        String namespace = as(ALICE).get("/api/v1/applications/{a}/environments/dev", app).then().statusCode(200)
                .extract().path("namespace");
        // An object of the instance that no recorded apply rendered.
        sandbox.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("leftover")
                .withLabels(ManifestRenderer.managedLabels(app, "dev")).endMetadata().build()).create();

        // The same objects as the recorded apply, nothing applied since: nothing can need pruning, so nothing is listed.
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.1")).getString("status"));
        assertNotNull(sandbox.client().configMaps().inNamespace(namespace).withName("leftover").get());

        // A deployment that started applying and failed before its apply was recorded may have left objects behind.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        """
                                INSERT INTO deployments (id, environment_id, application, environment, spec, status, requested_by, desired_replicas,
                                                         created_at, applying_at, finished_at, updated_at, version)
                                SELECT gen_random_uuid(), e.id, a.name, e.name, CAST(? AS jsonb), 'FAILED', 'alice', 1, now(), now(), now(), now(), 0
                                  FROM environments e JOIN applications a ON a.id = e.application_id WHERE a.name = ? AND e.name = 'dev'""")) {
            insert.setString(1, "{\"containers\":[{\"name\":\"web\",\"image\":\"ghcr.io/acme/web:half\"}],\"replicas\":1}");
            insert.setString(2, app);
            assertEquals(1, insert.executeUpdate());
        }
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.2")).getString("status"));
        assertNull(sandbox.client().configMaps().inNamespace(namespace).withName("leftover").get(), "pruned");
    }

    private String lastCreated(String app) {
        return as(ALICE).queryParam("pageSize", 1).get("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(200).extract().path("items[0].id");
    }
}
