package dev.slipway.local.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * Looks for the shared PostgreSQL that test machines and CI run on a well-known port, and
 * prepares the test role and database on it when they are missing.
 */
final class TestDatabaseProbe {

    /** Where the shared server is expected and how the tests log in to it. */
    record Target(String host, int port, String database, String username, String password) {
        @Override
        public String toString() {
            return username + "@" + host + ":" + port + "/" + database;
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Role or database missing (or no pg_hba entry yet): worth a superuser bootstrap. */
    private static final Set<String> BOOTSTRAPPABLE = Set.of("28000", "28P01", "3D000");
    private static final Logger LOG = Logger.getLogger(TestDatabaseProbe.class);

    private TestDatabaseProbe() {
    }

    /**
     * @return the shared server's connection, or empty when nothing listens there
     * @throws IllegalStateException when a server listens but can be neither used nor prepared
     */
    static Optional<StoreConnection> probe(Target target) {
        try {
            tryLogin(target);
            return Optional.of(connection(target));
        } catch (SQLException e) {
            if (unreachable(e)) {
                return Optional.empty();
            }
            if (!BOOTSTRAPPABLE.contains(e.getSQLState())) {
                throw new IllegalStateException("The shared test PostgreSQL at " + target + " refused the tests: "
                        + e.getMessage(), e);
            }
            bootstrap(target, e);
            return Optional.of(connection(target));
        }
    }

    private static void tryLogin(Target target) throws SQLException {
        // Logging in is the whole check.
        PgConnections.open(target.host(), target.port(), target.database(), target.username(), target.password(),
                CONNECT_TIMEOUT).close();
    }

    private static void bootstrap(Target target, SQLException firstFailure) {
        try (Connection superuser = PgConnections.open(target.host(), target.port(), "postgres",
                EmbeddedPostgresServer.SUPERUSER, null, CONNECT_TIMEOUT)) {
            // Never reset the password of a role someone else made on a shared server.
            ApplicationRole.ensure(superuser, target.username(), target.password(), target.database(), false);
            LOG.infof("Prepared role and database %s on the shared test PostgreSQL", target);
            tryLogin(target);
        } catch (SQLException e) {
            IllegalStateException failure = new IllegalStateException("The shared test PostgreSQL at " + target
                    + " has no usable test role or database (" + firstFailure.getMessage()
                    + ") and preparing them as superuser 'postgres' failed: " + e.getMessage()
                    + ". Create them by hand or set slipway.store.test.* / quarkus.datasource.*.url.", e);
            failure.addSuppressed(firstFailure);
            throw failure;
        }
    }

    /** Nothing listening (or no such host): the caller falls back to the embedded server. */
    private static boolean unreachable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static StoreConnection connection(Target target) {
        return new StoreConnection(StoreConnection.MODE_SHARED_TEST, target.host(), target.port(), target.database(),
                target.username(), target.password());
    }
}
