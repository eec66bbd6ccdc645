package dev.slipway.api.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness reflects the event hub's LISTEN connection and the reconciler, lists each cluster's
 * state without ever becoming unready for a cluster, and the startup check covers the schema.
 */
@QuarkusTest
class HealthChecksTest {
    @Inject
    DataSource dataSource;

    @Test
    void readinessIsUpWithItsDetails() {
        Polling.await("the sandbox cluster's state is known", Duration.ofSeconds(20),
                () -> String.valueOf(field(ready(), "clusters", "data.sandbox")).startsWith("UP"));
        Response ready = ready();
        assertEquals(200, ready.statusCode(), ready.asString());
        assertEquals("UP", ready.jsonPath().getString("status"));
        assertEquals("UP", field(ready, "deployment-events", "status"));
        assertEquals("connected", field(ready, "deployment-events", "data.listen"));
        assertEquals("UP", field(ready, "deployment-reconciler", "status"));
        assertEquals("running", field(ready, "deployment-reconciler", "data.workers"));
        assertEquals("UP", field(ready, "clusters", "status"));
    }

    @Test
    void anUnreachableClusterShowsAsDownWhileSlipwayStaysReady() throws Exception {
        String cluster = Names.unique("health-far");
        String admin = TestTokens.admin();
        as(admin).body(Map.of("name", cluster, "apiUrl", TestClusters.refusingUrl(), "credentials", Map.of("token", "far-token")))
                .post("/api/v1/clusters").then().statusCode(201);
        try {
            Polling.await("the unreachable cluster shows as DOWN", Duration.ofSeconds(30),
                    () -> String.valueOf(field(ready(), "clusters", "data['" + cluster + "']")).startsWith("DOWN"));
            Response ready = ready();
            assertEquals(200, ready.statusCode(), ready.asString());
            assertEquals("UP", field(ready, "clusters", "status"));
            assertTrue(field(ready, "clusters", "data['" + cluster + "']").contains("could not be reached"), ready.asString());
        } finally {
            as(admin).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    /**
     * The hub takes a new connection within a second, from the side pool's idle ones or a new one.
     * So that it cannot for longer than the grace, the database accepts no new connections (the
     * role is no superuser) while every connection that LISTENs is cut; the ones already open stay.
     */
    @Test
    void readinessIsDownWhileTheListenConnectionStaysLostAndUpOnceItIsBack() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String database = "\"" + connection.getCatalog() + "\"";
            statement.execute("ALTER DATABASE " + database + " CONNECTION LIMIT 0");
            try {
                Polling.await("the event hub's readiness goes DOWN", Duration.ofSeconds(40), () -> {
                    terminateListeners(statement);
                    return "DOWN".equals(field(ready(), "deployment-events", "status"));
                });
                Response down = ready();
                assertEquals(503, down.statusCode(), down.asString());
                assertTrue(field(down, "deployment-events", "data.listen").startsWith("lost"), down.asString());
            } finally {
                statement.execute("ALTER DATABASE " + database + " CONNECTION LIMIT -1");
            }
        }
        Polling.await("readiness comes back UP", Duration.ofSeconds(30), () -> ready().statusCode() == 200);
        assertEquals("connected", field(ready(), "deployment-events", "data.listen"));
    }

    @Test
    void startupIsUpOnceMigratedAndStarted() {
        Response started = given().get("/q/health/started");
        assertEquals(200, started.statusCode(), started.asString());
        assertEquals("UP", field(started, "started", "status"));
        assertTrue(field(started, "schema-migrations", "data.version").matches("\\d+"), started.asString());
        given().get("/q/health/live").then().statusCode(200);
    }

    private static void terminateListeners(Statement statement) {
        try {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'LISTEN slipway_deployment_events%' AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response ready() {
        return given().get("/q/health/ready");
    }

    /** A field of the named check, e.g. {@code status} or {@code data.listen}. */
    private static String field(Response response, String check, String path) {
        return response.jsonPath().getString("checks.find { it.name == '" + check + "' }." + path);
    }
}
