package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.slipway.cluster.ClusterAddress;
import dev.slipway.store.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The statements on an environment's footprint in its cluster: marked before the first thing is
 * put there, and torn down when the environment is deleted (claimed with a lease, as deployment
 * jobs are, so that one replica does it and a dead replica's tear-down is taken over). The columns
 * are the lifecycle's alone: the environment entity reads them but never writes them.
 */
@ApplicationScoped
public class TeardownStore {
    private static final String MARK_FOOTPRINT = """
            UPDATE environments SET cluster_footprint = true WHERE id = :environment AND status = 'ACTIVE' RETURNING id""";
    private static final String MARK_NAMESPACE_CREATED = "UPDATE environments SET namespace_created = true WHERE id = :environment";
    /** Environments being deleted that no live tear-down lease holds, locked for one claim. */
    private static final String LOCK_DUE = """
            SELECT e.id, e.name, e.application_id, a.name AS application, e.type, e.namespace, e.namespace_created,
                   c.id AS cluster_id, c.name AS cluster, c.kind, c.api_url, c.credentials_ref, c.credentials_version
              FROM environments e JOIN applications a ON a.id = e.application_id JOIN clusters c ON c.name = e.cluster
             WHERE e.status = 'DELETING' AND (e.teardown_lease_expires_at IS NULL OR e.teardown_lease_expires_at < now())
             ORDER BY e.updated_at LIMIT :limit FOR UPDATE OF e SKIP LOCKED""";
    private static final String LEASE = """
            UPDATE environments SET teardown_lease_owner = :owner, teardown_lease_expires_at = now() + make_interval(secs => :lease_seconds)
             WHERE id = :environment""";
    private static final String RENEW = """
            UPDATE environments SET teardown_lease_expires_at = now() + make_interval(secs => :lease_seconds)
             WHERE teardown_lease_owner = :owner AND id = ANY(:environments)""";
    /** Whether another environment lives in the same namespace of the same cluster (then the namespace stays). */
    private static final String NAMESPACE_SHARED = """
            SELECT EXISTS (SELECT 1 FROM environments o JOIN environments e ON e.id = :environment
                            WHERE o.id <> e.id AND o.cluster = e.cluster AND o.namespace = e.namespace) AS shared""";
    /** The records last: deployments, jobs, events, configuration and resource records go with it (foreign keys). */
    private static final String DELETE = """
            DELETE FROM environments WHERE id = :environment AND status = 'DELETING' AND teardown_lease_owner = :owner""";

    /**
     * Active environments whose expiry has passed become DELETING, a batch at a time. The rows are
     * locked with SKIP LOCKED and the status checked again by the update, so of several replicas
     * sweeping at once each environment is marked by exactly one (the one that gets its row back).
     * The version moves, so an edit that read the environment before cannot write it back ACTIVE.
     */
    private static final String EXPIRE = """
            UPDATE environments e SET status = 'DELETING', updated_at = :now, version = e.version + 1
              FROM applications a
             WHERE a.id = e.application_id AND e.status = 'ACTIVE'
               AND e.id IN (SELECT id FROM environments WHERE status = 'ACTIVE' AND expires_at <= :now
                             ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING e.id, e.name, a.name AS application, e.expires_at, e.cluster_footprint""";
    /** Expired environments Slipway never put anything into go at once, as a delete of one does. */
    private static final String DELETE_WITHOUT_FOOTPRINT = """
            DELETE FROM environments WHERE id = ANY(:environments) AND status = 'DELETING' AND NOT cluster_footprint""";

    private final Pool pool;

    public TeardownStore(Pool pool) {
        this.pool = pool;
    }

    /** An environment to tear down, with where it lives. */
    record Due(UUID id, String name, UUID applicationId, String application, String type, String namespace, boolean namespaceCreated,
            ClusterAddress cluster) {
    }

    /**
     * Marks that Slipway is about to put something into the environment's cluster. The version
     * stays: a caller's change at the same moment must not fail for it; a delete decides on the
     * row itself (it deletes at once only where this mark is still unset). False when the
     * environment is being deleted or is gone: nothing may be put there any more.
     */
    Uni<Boolean> markFootprint(UUID environmentId) {
        return Sql.of(MARK_FOOTPRINT).bind("environment", environmentId).execute(pool).map(rows -> rows.rowCount() > 0);
    }

    Uni<Void> markNamespaceCreated(UUID environmentId) {
        return Sql.of(MARK_NAMESPACE_CREATED).bind("environment", environmentId).execute(pool).replaceWithVoid();
    }

    Uni<List<Due>> lockDue(SqlConnection connection, int limit) {
        return Sql.of(LOCK_DUE).bind("limit", limit).execute(connection).map(rows -> {
            List<Due> due = new ArrayList<>();
            rows.forEach(row -> due.add(new Due(row.getUUID("id"), row.getString("name"), row.getUUID("application_id"),
                    row.getString("application"), row.getString("type"), row.getString("namespace"), row.getBoolean("namespace_created"),
                    DeploymentStore.clusterAddress(row))));
            return due;
        });
    }

    Uni<Void> lease(SqlConnection connection, UUID environmentId, String owner, Duration lease) {
        return Sql.of(LEASE).bind("environment", environmentId).bind("owner", owner).bind("lease_seconds", lease.toMillis() / 1000.0)
                .execute(connection).replaceWithVoid();
    }

    Uni<Void> renew(String owner, List<UUID> environmentIds, Duration lease) {
        return Sql.of(RENEW).bind("owner", owner).bind("environments", environmentIds.toArray(UUID[]::new))
                .bind("lease_seconds", lease.toMillis() / 1000.0).execute(pool).replaceWithVoid();
    }

    Uni<Boolean> namespaceShared(UUID environmentId) {
        return Sql.of(NAMESPACE_SHARED).bind("environment", environmentId).execute(pool)
                .map(rows -> rows.iterator().next().getBoolean("shared"));
    }

    /** An environment the reaper marked: deleted at once when it had nothing in its cluster, else DELETING. */
    record Expired(UUID id, String name, String application, Instant expiresAt, boolean deleted) {
    }

    /** Marks up to {@code limit} environments expired as of {@code now} DELETING, and deletes those without a footprint, in one transaction. */
    Uni<List<Expired>> expire(SqlConnection connection, Instant now, int limit) {
        return Sql.of(EXPIRE).bind("now", now).bind("limit", limit).execute(connection).flatMap(rows -> {
            List<Expired> expired = new ArrayList<>();
            List<UUID> withoutFootprint = new ArrayList<>();
            rows.forEach(row -> {
                boolean footprint = row.getBoolean("cluster_footprint");
                if (!footprint) {
                    withoutFootprint.add(row.getUUID("id"));
                }
                expired.add(new Expired(row.getUUID("id"), row.getString("name"), row.getString("application"),
                        row.getOffsetDateTime("expires_at").toInstant(), !footprint));
            });
            if (withoutFootprint.isEmpty()) {
                return Uni.createFrom().item(expired);
            }
            return Sql.of(DELETE_WITHOUT_FOOTPRINT).bind("environments", withoutFootprint.toArray(UUID[]::new)).execute(connection)
                    .replaceWith(expired);
        });
    }

    /** Deletes the environment's records; false when this owner no longer holds its tear-down. */
    Uni<Boolean> delete(UUID environmentId, String owner) {
        return Sql.of(DELETE).bind("environment", environmentId).bind("owner", owner).execute(pool).map(rows -> rows.rowCount() > 0);
    }
}
