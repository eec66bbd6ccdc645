package dev.slipway.cluster;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A fresh install inside Kubernetes deploys somewhere without an admin registering anything: a
 * replica that runs in a pod (the kubelet's KUBERNETES_SERVICE_HOST and a mounted service account
 * token) registers that cluster as {@value #CLUSTER_NAME}, kind IN_CLUSTER, the default, when no
 * cluster is registered at all. It is reached with the pod's service account, whose rights
 * deploy/ grants. Once any cluster exists (an admin registered one, or a replica got here first) it
 * does nothing, so an admin who deletes or replaces it is never overruled, and
 * slipway.clusters.in-cluster.register=false switches it off.
 *
 * <p>Runs after Flyway (StartupEvent) over JDBC, like every start-up registration; replicas starting
 * together are serialised by a transaction-scoped advisory lock, so exactly one row is written and
 * audited.
 */
@ApplicationScoped
public class InClusterRegistrar {

    public static final String CLUSTER_NAME = "in-cluster";
    private static final String DESCRIPTION = "The cluster Slipway runs in, reached with its service account; registered at the first start.";
    /** Any constant distinct from the other advisory locks; it only serialises this registration. */
    private static final long REGISTRATION_LOCK = 0x5157_0001L;
    private static final Logger LOG = Logger.getLogger(InClusterRegistrar.class);

    private final ClustersConfig config;
    private final AgroalDataSource dataSource;

    InClusterRegistrar(ClustersConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    void registerAtStart(@Observes StartupEvent startup) {
        if (!config.inCluster().register() || !runsInAPod(config.inCluster())) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (register(connection)) {
                LOG.infof("Running in Kubernetes with no cluster registered: registered this cluster as '%s', the default", CLUSTER_NAME);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Registering the cluster Slipway runs in failed: " + e.getMessage(), e);
        }
    }

    /** The same test fabric8 makes before it configures a client from the service account. */
    static boolean runsInAPod(ClustersConfig.InCluster inCluster) {
        return inCluster.serviceHost().filter(host -> !host.isBlank()).isPresent() && Files.isReadable(inCluster.tokenFile());
    }

    /**
     * Registers the cluster, with its audit record, in one transaction when no cluster exists.
     *
     * @return whether it registered it
     */
    static boolean register(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            execute(connection, "SELECT pg_advisory_xact_lock(" + REGISTRATION_LOCK + ")");
            boolean registered;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO clusters (id, name, description, kind, is_default, created_at, created_by, updated_at, version)
                    SELECT ?, ?, ?, 'IN_CLUSTER', true, now(), 'slipway', now(), 0
                     WHERE NOT EXISTS (SELECT 1 FROM clusters)""")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, CLUSTER_NAME);
                insert.setString(3, DESCRIPTION);
                registered = insert.executeUpdate() == 1;
            }
            if (registered) {
                try (PreparedStatement audit = connection.prepareStatement("""
                        INSERT INTO audit_events (actor, subject_type, action, resource_kind, resource, outcome, reason)
                        VALUES ('slipway', 'PLATFORM', 'cluster.register-in-cluster', 'cluster', ?, 'ALLOWED',
                                'running in a Kubernetes pod with no cluster registered')""")) {
                    audit.setString(1, CLUSTER_NAME);
                    audit.executeUpdate();
                }
            }
            connection.commit();
            return registered;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
