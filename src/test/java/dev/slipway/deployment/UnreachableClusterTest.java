package dev.slipway.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.testing.DatabaseScan;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestClusters.SilentEndpoint;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.BOB;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.deploy;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clusters that cannot be reached, that never answer, or that answer with something else: they
 * fail their own deployments (ClusterUnavailable), hold no more than their share of the workers,
 * and what they answer never reaches a deployment's readers.
 */
@QuarkusTest
class UnreachableClusterTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";

    @Inject
    DataSource dataSource;

    @Test
    void anUnreachableClusterFailsOnlyItsOwnDeploymentsAndReportsItsHealth() throws IOException {
        String cluster = register(TestClusters.refusingUrl());
        try {
            JsonPath health = as(BOB).get("/api/v1/clusters/{name}:health", cluster).then().statusCode(200).extract().jsonPath();
            assertFalse(health.getBoolean("reachable"));
            assertNull(health.get("serverVersion"));
            assertNull(health.get("statusCode"), "no answer, so no status");
            assertTrue(health.getString("problem").contains("could not be reached"), health.prettify());

            String app = newApp();
            createEnvironment(ALICE, app, "dev", "development").statusCode(201);
            as(ALICE).body(Map.of("name", "far", "type", "development", "cluster", cluster))
                    .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
            String far = deploy(app, "far", "ghcr.io/acme/web:1.0.0");
            String near = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");

            JsonPath failed = awaitTerminal(app, "far", far);
            assertEquals("FAILED", failed.getString("status"));
            assertEquals("ClusterUnavailable", failed.getString("statusReason"));
            assertTrue(failed.getString("statusMessage").contains("could not be reached"), failed.getString("statusMessage"));
            assertEquals("SUCCEEDED", awaitTerminal(app, "dev", near).getString("status"));
            as(ALICE).delete("/api/v1/applications/{a}/environments/far", app).then().statusCode(204);
        } finally {
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    /**
     * The scenario: six deployments to a cluster that accepts connections and never
     * answers used to hold every worker for the length of their retries, and another team's
     * deployment to the sandbox waited for them. Now that cluster holds only its share of the
     * workers, so the sandbox deployment finishes while the hanging cluster's are still applying.
     */
    @Test
    void aClusterThatNeverAnswersDoesNotDelayDeploymentsToOthers() throws Exception {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            String cluster = register(silent.url());
            String app = newApp();
            List<String> stuck = new ArrayList<>();
            try {
                for (int i = 1; i <= 6; i++) {
                    as(ALICE).body(Map.of("name", "env-" + i, "type", "development", "cluster", cluster))
                            .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
                    stuck.add(deploy(app, "env-" + i, "ghcr.io/acme/web:1.0.0"));
                }
                // Wait until the hanging cluster holds what it may of the workers.
                poll(Duration.ofSeconds(20), () -> statuses(app, stuck).stream().filter("APPLYING"::equals).count() >= 1);

                String otherTeam = Names.unique("other");
                createApplication(BOB, otherTeam, "team-b").statusCode(201);
                createEnvironment(BOB, otherTeam, "dev", "development").statusCode(201);
                String id = as(BOB).body(Map.of("spec", DeploymentResourceTest.spec("ghcr.io/acme/other:1.0.0")))
                        .post(DEPLOYMENTS, otherTeam, "dev").then().statusCode(202).extract().path("id");
                poll(Duration.ofSeconds(20), () -> terminal(as(BOB).get(DEPLOYMENTS + "/{id}", otherTeam, "dev", id).path("status")));
                List<String> whenOtherFinished = statuses(app, stuck);

                assertEquals("SUCCEEDED", as(BOB).get(DEPLOYMENTS + "/{id}", otherTeam, "dev", id).path("status"));
                // Before the fix the hanging cluster's first four held every worker until their retries ran out.
                assertTrue(whenOtherFinished.stream().noneMatch(UnreachableClusterTest::terminal),
                        "the sandbox deployment had to wait for the hanging cluster's: " + whenOtherFinished);

                // And the hanging cluster's deployments fail, with the reason that says why.
                for (int i = 0; i < stuck.size(); i++) {
                    JsonPath done = awaitTerminal(app, "env-" + (i + 1), stuck.get(i));
                    assertEquals("FAILED", done.getString("status"));
                    assertEquals("ClusterUnavailable", done.getString("statusReason"), done.getString("statusMessage"));
                }
                assertTrue(silent.connections() > 0, "the control: Slipway did try the cluster");
            } finally {
                for (int i = 1; i <= 6; i++) {
                    as(ALICE).delete("/api/v1/applications/{a}/environments/{e}", app, "env-" + i);
                }
                as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
            }
        }
    }

    /**
     * A "cluster" URL that points at some other service on loopback: Slipway talks to it, and
     * whatever it answers must reach no reader (the deployment's status message and events, the
     * health check, drift), only the admins' log.
     */
    @Test
    void whatAClusterAnswersIsNeverShownToReaders() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        for (int status : new int[]{ 200, 403, 500 }) {
            AtomicInteger requests = new AtomicInteger();
            HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            service.setExecutor(Executors.newCachedThreadPool());
            service.createContext("/", exchange -> {
                requests.incrementAndGet();
                byte[] body = (status == 200
                        ? "internal admin console " + canary
                        : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + canary + "\",\"code\":"
                                + status
                                + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", status == 200 ? "text/plain" : "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            service.start();
            String cluster = register("http://127.0.0.1:" + service.getAddress().getPort());
            try {
                String app = newApp();
                as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", cluster))
                        .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
                String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
                JsonPath done = awaitTerminal(app, "dev", id);
                assertEquals("FAILED", done.getString("status"));
                assertTrue(requests.get() > 0, "the control: the service was asked");

                List<Response> seen = List.of(
                        as(ALICE).get(DEPLOYMENTS + "/{id}", app, "dev", id),
                        as(BOB).get(DEPLOYMENTS, app, "dev"),
                        as(ALICE).get("/api/v1/applications/{a}/environments/dev/drift", app),
                        as(BOB).get("/api/v1/clusters/{name}:health", cluster));
                for (Response response : seen) {
                    assertFalse(response.asString().contains(canary), status + ": " + response.asString());
                }
                if (status != 200) {
                    assertTrue(done.getString("statusMessage").contains("HTTP " + status), done.getString("statusMessage"));
                }
                assertEquals(0, DatabaseScan.rowsContaining(dataSource, canary),
                        "events, deployments and audit hold no part of the answer");
                as(ALICE).delete("/api/v1/applications/{a}/environments/dev", app).then().statusCode(204);
            } finally {
                as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
                service.stop(0);
            }
        }
    }

    private static String register(String url) {
        String cluster = Names.unique("far");
        as(ADMIN).body(Map.of("name", cluster, "apiUrl", url, "credentials", Map.of("token", "far-token")))
                .post("/api/v1/clusters").then().statusCode(201);
        return cluster;
    }

    private static List<String> statuses(String app, List<String> ids) {
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            statuses.add(as(ALICE).get(DEPLOYMENTS + "/{id}", app, "env-" + (i + 1), ids.get(i)).path("status"));
        }
        return statuses;
    }

    private static boolean terminal(String status) {
        return List.of("SUCCEEDED", "FAILED", "SUPERSEDED", "CANCELLED").contains(status);
    }

    /** Waits for a condition, at most {@code limit}; fails the test when it does not come true. */
    private static void poll(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + limit);
            Thread.sleep(50);
        }
    }
}
