package dev.slipway.local.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Where the sandbox is enabled, starts it with the application (so the log says from the start
 * where deployments go) and registers it as cluster {@value #CLUSTER_NAME}. Migrations no longer
 * seed it (V6 removes the seeded row when unused), so a production database never points at a
 * simulated cluster unless someone enabled the sandbox.
 *
 * <p>Registration is idempotent and runs after Flyway (StartupEvent): it adds the row if missing,
 * makes the sandbox the platform default when no cluster is the default, and the default cluster of
 * the seeded non-protected types (development, staging) while they name none. Never production's:
 * a protected type gets its cluster from an admin, and until then falls back to the platform default.
 */
@ApplicationScoped
public class SandboxRegistrar {

    public static final String CLUSTER_NAME = "sandbox";
    private static final String KIND = "SANDBOX";
    private static final String DESCRIPTION = "In-process Kubernetes API server with a simulated controller; no real workloads run here.";
    private static final Logger LOG = Logger.getLogger(SandboxRegistrar.class);

    private final SandboxConfig config;
    private final SandboxCluster sandbox;
    private final AgroalDataSource dataSource;

    SandboxRegistrar(SandboxConfig config, SandboxCluster sandbox, AgroalDataSource dataSource) {
        this.config = config;
        this.sandbox = sandbox;
        this.dataSource = dataSource;
    }

    void registerAtStart(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        sandbox.client(); // starts it (~0.5 s) and logs the warning that deployments go to a simulation
        try (Connection connection = dataSource.getConnection()) {
            register(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Registering the sandbox cluster failed: " + e.getMessage(), e);
        }
    }

    /** The registration itself, in one transaction. */
    static void register(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            insertIfMissing(connection);
            String kind = kindOfClusterNamedSandbox(connection);
            if (!KIND.equals(kind)) {
                LOG.warnf("A cluster named '%s' of kind %s is registered; the sandbox is not registered under that name",
                        CLUSTER_NAME, kind);
            } else {
                update(connection, """
                        UPDATE clusters SET is_default = true, updated_at = now(), version = version + 1
                         WHERE name = ? AND NOT EXISTS (SELECT 1 FROM clusters WHERE is_default)""");
                update(connection, """
                        UPDATE environment_types SET default_cluster = ?, updated_at = now(), version = version + 1
                         WHERE name IN ('development', 'staging') AND NOT is_protected AND default_cluster IS NULL""");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void insertIfMissing(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO clusters (id, name, description, kind, is_default, created_at, created_by, updated_at, version)
                VALUES (?, ?, ?, ?, false, now(), 'system', now(), 0)
                ON CONFLICT DO NOTHING""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, CLUSTER_NAME);
            insert.setString(3, DESCRIPTION);
            insert.setString(4, KIND);
            if (insert.executeUpdate() == 1) {
                LOG.infof("Registered the sandbox as cluster '%s'", CLUSTER_NAME);
            }
        }
    }

    private static String kindOfClusterNamedSandbox(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT kind FROM clusters WHERE name = ?")) {
            select.setString(1, CLUSTER_NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static void update(Connection connection, String sql) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, CLUSTER_NAME);
            update.executeUpdate();
        }
    }
}
