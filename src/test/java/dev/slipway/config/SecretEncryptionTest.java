package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.store.crypto.SealedSecret;
import dev.slipway.store.crypto.SecretCipher;
import dev.slipway.store.crypto.SecretKeyring;
import dev.slipway.testing.Bytes;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static dev.slipway.config.ConfigApi.patchBase;
import static dev.slipway.config.ConfigApi.secret;
import static dev.slipway.config.ConfigResourceTest.ALICE;
import static dev.slipway.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets at rest: ciphertext only, read back with SQL; rotation to a new key and re-encryption. */
@QuarkusTest
class SecretEncryptionTest {
    @Inject
    DataSource dataSource;
    @Inject
    SecretKeyring keyring;
    @Inject
    SandboxCluster sandbox;

    /** A stored secret value as the database holds it. */
    record Row(UUID id, UUID applicationId, String keyId, int format, byte[] nonce, byte[] ciphertext) {
        SealedSecret sealed() {
            return new SealedSecret(keyId, format, nonce, ciphertext);
        }
    }

    private List<Row> rows(String app) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT v.id, v.application_id, v.key_id, v.format, v.nonce, v.ciphertext FROM config_secret_values v
                          JOIN applications a ON a.id = v.application_id WHERE a.name = ? ORDER BY v.created_at""")) {
            query.setString(1, app);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject("id", UUID.class), result.getObject("application_id", UUID.class),
                            result.getString("key_id"), result.getInt("format"), result.getBytes("nonce"), result.getBytes("ciphertext")));
                }
            }
            return rows;
        }
    }

    private String revisionsText(String app) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT string_agg(r::text, '\n') FROM config_revisions r JOIN applications a ON a.id = r.application_id
                         WHERE a.name = ?""")) {
            query.setString(1, app);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static byte[] key(String id) {
        return Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("slipway.secrets.keys." + id, String.class));
    }

    @Test
    void theDatabaseHoldsOnlyCiphertextBoundToItsRow() throws Exception {
        String app = ConfigResourceTest.newApp();
        String plaintext = "plaintext-" + UUID.randomUUID();
        patchBase(ALICE, app, secret("DB_PASSWORD", plaintext)).statusCode(200);

        List<Row> rows = rows(app);
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        assertEquals("test-new", row.keyId());
        assertEquals(1, row.format());
        assertEquals(12, row.nonce().length);
        assertEquals(bytes.length + 16, row.ciphertext().length);
        assertFalse(Bytes.contains(row.ciphertext(), bytes), "the ciphertext holds the plaintext");
        String revisions = revisionsText(app);
        assertTrue(revisions.contains(row.id().toString()), "revisions refer to the value by id");
        assertFalse(revisions.contains(plaintext));
        assertFalse(revisions.contains(HexFormat.of().formatHex(bytes)));

        // It is AES-256-GCM under the configured key, bound to application, row and key id.
        byte[] associated = SecretStore.associatedData(row.applicationId(), row.id(), row.keyId());
        assertArrayEquals(bytes, SecretCipher.open(row.sealed(), SecretCipher.key(key("test-new")), associated));
        assertThrows(() -> SecretCipher.open(row.sealed(), SecretCipher.key(key("test-new")),
                SecretStore.associatedData(UUID.randomUUID(), row.id(), row.keyId())));
    }

    @Test
    void valuesUnderAnOlderKeyAreDeliveredAndReencryptionMovesThemToTheActiveKey() throws Exception {
        String app = ConfigResourceTest.newApp();
        String plaintext = "rotated-" + UUID.randomUUID();
        patchBase(ALICE, app, secret("DB_PASSWORD", plaintext)).statusCode(200);
        // As if written before the rotation: the same value sealed under the old key.
        Row row = rows(app).get(0);
        SealedSecret old = SecretCipher.seal("test-old", SecretCipher.key(key("test-old")), plaintext.getBytes(StandardCharsets.UTF_8),
                SecretStore.associatedData(row.applicationId(), row.id(), "test-old"));
        update(row.id(), old);
        // A value under a key that is no longer configured: reported, never touched.
        UUID orphan = UUID.randomUUID();
        insert(orphan, row.applicationId(), new SealedSecret("retired-key", 1, new byte[12], new byte[32]));
        try {
            // Still delivered while the old key is configured.
            String id = as(ALICE).body(Map.of("spec", ConfigDeploymentTest.spec("nginx")))
                    .post("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(202).extract().path("id");
            ConfigDeploymentTest.awaitSucceeded(app, "dev", id);
            var secret = sandbox.client().secrets().inNamespace(app + "-dev").withName(app + "-secrets").get();
            assertEquals(plaintext, new String(Base64.getDecoder().decode(secret.getData().get("DB_PASSWORD")), StandardCharsets.UTF_8));

            as(ALICE).post("/api/v1/secrets:reencrypt").then().statusCode(403);
            as(TestTokens.admin()).post("/api/v1/secrets:reencrypt").then().statusCode(200)
                    .body("activeKey", equalTo("test-new"))
                    .body("reencrypted", greaterThanOrEqualTo(1))
                    .body("unreadable", greaterThanOrEqualTo(1))
                    .body("valuesByKey.test-old", org.hamcrest.Matchers.nullValue())
                    .body("valuesByKey.retired-key", greaterThanOrEqualTo(1));

            Row moved = rows(app).stream().filter(r -> r.id().equals(row.id())).findFirst().orElseThrow();
            assertEquals("test-new", moved.keyId());
            assertNotEquals(HexFormat.of().formatHex(old.nonce()), HexFormat.of().formatHex(moved.nonce()));
            assertArrayEquals(plaintext.getBytes(StandardCharsets.UTF_8),
                    keyring.open(moved.sealed(), SecretStore.associatedData(moved.applicationId(), moved.id(), moved.keyId())));
            assertEquals("retired-key", rows(app).stream().filter(r -> r.id().equals(orphan)).findFirst().orElseThrow().keyId());
            // The revision still names the same value: re-encryption never changes history.
            assertTrue(revisionsText(app).contains(row.id().toString()));
            // Repeating it has nothing left to move.
            as(TestTokens.admin()).post("/api/v1/secrets:reencrypt").then().statusCode(200).body("reencrypted", equalTo(0));
        } finally {
            delete(orphan);
        }
    }

    /** A resource definition's secret input: a platform-owned value, bound to the platform, moved by re-encryption like the rest. */
    @Test
    void platformOwnedValuesAreBoundToThePlatformAndReencrypted() throws Exception {
        String admin = TestTokens.admin();
        String type = dev.slipway.testing.Names.unique("enc-rt");
        as(admin).body(Map.of("name", type, "outputs", List.of(Map.of("name", "password", "secret", true)))).post("/api/v1/resource-types")
                .then().statusCode(201);
        String name = dev.slipway.testing.Names.unique("enc-def");
        String plaintext = "platform-" + UUID.randomUUID();
        as(admin).body(Map.of("name", name, "type", type, "driver", dev.slipway.infra.definition.OutputsTestDriver.NAME,
                "driverInputs", Map.of("secrets", Map.of("password", plaintext)), "criteria", List.of(Map.of())))
                .post("/api/v1/resource-definitions").then().statusCode(201);
        Row row = platformRow(name);
        assertEquals(null, row.applicationId());
        assertEquals("test-new", row.keyId());
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        assertFalse(Bytes.contains(row.ciphertext(), bytes));
        assertArrayEquals(bytes, SecretCipher.open(row.sealed(), SecretCipher.key(key("test-new")),
                SecretStore.associatedData(null, row.id(), row.keyId())));
        assertThrows(() -> SecretCipher.open(row.sealed(), SecretCipher.key(key("test-new")),
                SecretStore.associatedData(UUID.randomUUID(), row.id(), row.keyId())));

        // Under the old key (as if sealed before a rotation), re-encryption moves it too.
        update(row.id(), SecretCipher.seal("test-old", SecretCipher.key(key("test-old")), bytes,
                SecretStore.associatedData(null, row.id(), "test-old")));
        as(admin).post("/api/v1/secrets:reencrypt").then().statusCode(200).body("reencrypted", greaterThanOrEqualTo(1));
        Row moved = platformRow(name);
        assertEquals("test-new", moved.keyId());
        assertArrayEquals(bytes, keyring.open(moved.sealed(), SecretStore.associatedData(null, moved.id(), moved.keyId())));
        as(admin).delete("/api/v1/resource-definitions/{n}", name).then().statusCode(204);
        assertEquals(0, countValue(row.id()), "deleting the definition deletes its encrypted inputs");
    }

    private Row platformRow(String definition) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT v.id, v.application_id, v.key_id, v.format, v.nonce, v.ciphertext FROM config_secret_values v
                          JOIN resource_definitions d ON CAST(d.driver_secrets -> 'password' ->> 'valueId' AS uuid) = v.id
                         WHERE d.name = ?""")) {
            query.setString(1, definition);
            try (ResultSet result = query.executeQuery()) {
                assertTrue(result.next(), "the definition's secret input is a stored value");
                return new Row(result.getObject("id", UUID.class), result.getObject("application_id", UUID.class),
                        result.getString("key_id"), result.getInt("format"), result.getBytes("nonce"), result.getBytes("ciphertext"));
            }
        }
    }

    private long countValue(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM config_secret_values WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private void update(UUID id, SealedSecret sealed) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE config_secret_values SET key_id = ?, nonce = ?, ciphertext = ? WHERE id = ?")) {
            update.setString(1, sealed.keyId());
            update.setBytes(2, sealed.nonce());
            update.setBytes(3, sealed.ciphertext());
            update.setObject(4, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    private void insert(UUID id, UUID applicationId, SealedSecret sealed) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO config_secret_values (id, application_id, key_id, format, nonce, ciphertext, created_at)
                        VALUES (?, ?, ?, 1, ?, ?, now())""")) {
            insert.setObject(1, id);
            insert.setObject(2, applicationId);
            insert.setString(3, sealed.keyId());
            insert.setBytes(4, sealed.nonce());
            insert.setBytes(5, sealed.ciphertext());
            assertEquals(1, insert.executeUpdate());
        }
    }

    private void delete(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM config_secret_values WHERE id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        }
    }

    private static void assertThrows(Runnable call) {
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, call::run);
    }
}
