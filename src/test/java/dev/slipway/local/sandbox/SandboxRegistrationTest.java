package dev.slipway.local.sandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Tests run with the sandbox on: start-up registered it (migrations no longer seed it), and
 * registering again changes nothing and never makes it production's default cluster.
 */
@QuarkusTest
class SandboxRegistrationTest {

    @Inject
    AgroalDataSource database;

    @Test
    void registrationIsIdempotentAndNeverProductionsDefault() throws SQLException {
        try (Connection connection = database.getConnection()) {
            SandboxRegistrar.register(connection);
            SandboxRegistrar.register(connection);

            assertEquals("1 SANDBOX", single(connection, "SELECT count(*) || ' ' || min(kind) FROM clusters WHERE name = 'sandbox'"));
            assertEquals("sandbox",
                    single(connection, "SELECT coalesce(max(default_cluster), '-') FROM environment_types WHERE name = 'development'"));
            assertEquals("sandbox",
                    single(connection, "SELECT coalesce(max(default_cluster), '-') FROM environment_types WHERE name = 'staging'"));
            assertNotEquals("sandbox",
                    single(connection, "SELECT coalesce(max(default_cluster), '-') FROM environment_types WHERE name = 'production'"));
            assertEquals("1", single(connection, "SELECT count(*) FROM clusters WHERE is_default"), "exactly one platform default");
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
