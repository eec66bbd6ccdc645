package dev.slipway.local.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a real embedded PostgreSQL in a temporary directory, the way the config source factory
 * does, and checks the promises it makes: password-only logins, durability, re-attachment.
 */
class EmbeddedPostgresServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @Test
    void startsReattachesAndStops() throws Exception {
        Path dataDirectory = temp.resolve("pg");
        EmbeddedPostgresServer.Running first = new EmbeddedPostgresServer(dataDirectory, 0).startOrAttach();
        StoreConnection store = first.connection();
        try {
            assertFalse(first.reattached());
            assertEquals("embedded", store.mode());
            assertEquals("jdbc:postgresql://127.0.0.1:" + store.port() + "/slipway", store.jdbcUrl());
            assertEquals("postgresql://127.0.0.1:" + store.port() + "/slipway", store.reactiveUrl());

            loginWorksAndIsDurable(store);
            passwordlessAndWrongPasswordLoginsAreRefused(store);
            passwordFileIsPrivate(dataDirectory);

            EmbeddedPostgresServer.Running second = new EmbeddedPostgresServer(dataDirectory, 0).startOrAttach();
            assertTrue(second.reattached(), "a second start in the same JVM re-attaches");
            assertEquals(store.port(), second.connection().port());
            assertEquals(store.password(), second.connection().password());
            second.close();
            assertTrue(accepts(store.port()), "closing a re-attached handle leaves the server running");

            anotherLiveOwnerIsRefused(dataDirectory);
        } finally {
            first.close();
        }
        assertFalse(accepts(store.port()), "the server is stopped");
        assertFalse(Files.exists(dataDirectory.resolve("postmaster.pid")));
    }

    private static void loginWorksAndIsDurable(StoreConnection store) throws SQLException {
        try (Connection connection = PgConnections.open(store.host(), store.port(), store.database(),
                store.username(), store.password(), TIMEOUT);
                Statement statement = connection.createStatement()) {
            assertEquals("slipway", single(statement, "SELECT current_user"));
            assertEquals("slipway", single(statement, "SELECT current_database()"));
            assertEquals("on", single(statement, "SHOW fsync"));
            assertEquals("on", single(statement, "SHOW synchronous_commit"));
            assertEquals("on", single(statement, "SHOW full_page_writes"));
            assertEquals("f", single(statement, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")
                    .substring(0, 1));
        }
    }

    private static void passwordlessAndWrongPasswordLoginsAreRefused(StoreConnection store) {
        assertThrows(SQLException.class, () -> PgConnections.open(store.host(), store.port(), store.database(),
                store.username(), null, TIMEOUT).close());
        SQLException wrong = assertThrows(SQLException.class, () -> PgConnections.open(store.host(), store.port(),
                store.database(), store.username(), "not-" + store.password(), TIMEOUT).close());
        assertEquals("28P01", wrong.getSQLState(), "invalid_password");
    }

    private static void passwordFileIsPrivate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolveSibling("pg-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static void anotherLiveOwnerIsRefused(Path dataDirectory) throws IOException {
        Path ownerFile = dataDirectory.resolve(DataDirectoryOwner.OWNER_FILE);
        String ownedByUs = Files.readString(ownerFile);
        Process otherJvm = new ProcessBuilder("sleep", "60").start();
        try {
            long start = otherJvm.info().startInstant().orElseThrow().toEpochMilli();
            Files.writeString(ownerFile, otherJvm.pid() + " " + start + "\n");
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new EmbeddedPostgresServer(dataDirectory, 0).startOrAttach());
            assertTrue(refused.getMessage().contains("pid " + otherJvm.pid()), refused.getMessage());
            assertTrue(refused.getMessage().contains(dataDirectory.toString()), refused.getMessage());
        } finally {
            otherJvm.destroyForcibly();
            Files.writeString(ownerFile, ownedByUs);
        }
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            assertTrue(result.next());
            return result.getString(1);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
