package dev.slipway.deployment.lifecycle;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.slipway.store.Sql;
import dev.slipway.store.SqlTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An environment's formation: the replicas each long-running workload runs, as the last deployment
 * applied them or a later :scale changed them. The next deployment keeps a workload's number
 * unless its spec sets one.
 */
@ApplicationScoped
public class Formations {
    private static final String LOAD = "SELECT workload, replicas FROM environment_formations WHERE environment_id = :environment";
    /** What a deployment applied replaces the whole formation: workloads it no longer has, or that are autoscaled now, drop out. */
    private static final String CLEAR = "DELETE FROM environment_formations WHERE environment_id = :environment";
    private static final String SET = """
            INSERT INTO environment_formations (environment_id, workload, replicas, updated_at) VALUES (:environment, :workload, :replicas, now())
            ON CONFLICT (environment_id, workload) DO UPDATE SET replicas = excluded.replicas, updated_at = now()""";

    private final Pool pool;

    public Formations(Pool pool) {
        this.pool = pool;
    }

    /** Workload name to replicas. */
    public Uni<Map<String, Integer>> load(UUID environmentId) {
        return Sql.of(LOAD).bind("environment", environmentId).execute(pool).map(rows -> {
            Map<String, Integer> formation = new HashMap<>();
            rows.forEach(row -> formation.put(row.getString("workload"), row.getInteger("replicas")));
            return formation;
        });
    }

    /** Replaces the formation with what a deployment applied, in one transaction. */
    Uni<Void> replace(UUID environmentId, Map<String, Integer> applied) {
        return pool.withTransaction(connection -> {
            Uni<Void> chain = Sql.of(CLEAR).bind("environment", environmentId).execute(connection).replaceWithVoid();
            for (Map.Entry<String, Integer> entry : applied.entrySet()) {
                chain = chain.chain(() -> set(SqlTarget.client(connection), environmentId, entry.getKey(), entry.getValue()));
            }
            return chain;
        });
    }

    /** One workload's replicas, as :scale sets them. */
    public Uni<Void> set(SqlTarget target, UUID environmentId, String workload, int replicas) {
        return target.update(Sql.of(SET).bind("environment", environmentId).bind("workload", workload).bind("replicas", replicas))
                .replaceWithVoid();
    }
}
