package dev.slipway.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

import dev.slipway.application.CreateApplicationRequest;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The idempotency cases that need a key in a particular state: a first request still running
 * (409), one abandoned by a crashed replica (taken over), and expiry after the retention.
 */
@QuarkusTest
class IdempotencyStoreTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");

    @Inject
    IdempotencyStore store;
    @Inject
    DataSource dataSource;

    @Test
    void aRequestWhoseFirstAttemptIsStillRunningGets409() throws SQLException {
        String key = Names.unique("inflight");
        String name = Names.unique("inflight-app");
        claim(key, store.fingerprint("applications.create", request(name)), "now()");

        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", name, "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://slipway.dev/problems/idempotency-key-in-flight"));
        as(ALICE).get("/api/v1/applications/{name}", name).then().statusCode(404);
    }

    @Test
    void aClaimAbandonedByACrashedReplicaIsTakenOver() throws SQLException {
        String key = Names.unique("stale");
        String name = Names.unique("stale-app");
        claim(key, store.fingerprint("applications.create", request(name)), "now() - interval '10 minutes'");

        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", name, "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(201).header("Idempotent-Replayed", "false");
        assertEquals("COMPLETED", state(key));
    }

    @Test
    void anExpiredKeyStartsAfreshAndIsPurged() throws Throwable {
        String key = Names.unique("expired");
        String name = Names.unique("expired-app");
        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", name, "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(201);
        execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE scope_key = ?", scopeKey(key));

        // Past retention, the key no longer binds: another body is a new request, not a 422.
        String other = Names.unique("expired-other");
        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", other, "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(201).header("Idempotent-Replayed", "false");

        execute("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE scope_key = ?", scopeKey(key));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> store.purgeExpired());
        assertEquals(null, state(key));
    }

    @Test
    void aFailedCreateReleasesTheKeySoARetryCanSucceed() throws SQLException {
        String key = Names.unique("retry");
        String name = Names.unique("retry-app");
        as(TestTokens.user("alice", "team-a")).header("Idempotency-Key", key)
                .body(Map.of("name", name, "ownerGroup", "team-a", "repositoryUrl", "ftp://nope"))
                .post("/api/v1/applications").then().statusCode(400);
        as(ALICE).header("Idempotency-Key", key)
                .body(Map.of("name", name, "ownerGroup", "team-a", "repositoryUrl", "https://ok.example.com"))
                .post("/api/v1/applications").then().statusCode(201);
        // A conflict inside the transaction (duplicate name) releases the key too.
        String conflictKey = Names.unique("conflict");
        as(ALICE).header("Idempotency-Key", conflictKey).body(Map.of("name", name, "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(409);
        assertEquals(null, state(conflictKey));
    }

    private static CreateApplicationRequest request(String name) {
        return new CreateApplicationRequest(name, null, null, "team-a", null, null);
    }

    private static String scopeKey(String key) {
        return "sub-alice\n" + key;
    }

    private void claim(String key, String fingerprint, String claimedAt) throws SQLException {
        execute("INSERT INTO idempotency_keys (scope_key, fingerprint, state, claimed_at, expires_at) VALUES (?, ?, 'IN_FLIGHT', "
                + claimedAt + ", now() + interval '1 day')", scopeKey(key), fingerprint);
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private String state(String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT state FROM idempotency_keys WHERE scope_key = ?")) {
            statement.setString(1, scopeKey(key));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
