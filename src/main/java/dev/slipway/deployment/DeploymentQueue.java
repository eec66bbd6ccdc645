package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The job outbox as a queue with leases. Blocking API (awaits on the reactive pool) for the
 * reconciler's own worker threads; never called on an event loop.
 *
 * <p>Claiming locks candidate jobs with SKIP LOCKED so workers on any number of replicas never
 * take the same job, and serialises per environment with a transaction-scoped advisory lock so
 * that at most one deployment per environment holds a live lease. Claiming a PENDING deployment
 * supersedes older PENDING ones of the same environment: the newest request wins.
 */
@ApplicationScoped
public class DeploymentQueue {
    /**
     * Jobs one claim locks and looks at. Few: the candidates' environments are known to be free
     * already, and every locked job is hidden from the other claimers until the claim commits.
     */
    private static final int CANDIDATES = 4;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Under the environment's advisory lock, in one statement (so that it sees every lease
     * committed before the lock was granted; the candidate filter may be stale by now): when no
     * other job of the environment ($1) holds a live lease, leases the job to run for candidate $2.
     * When the candidate is PENDING that is the environment's newest PENDING deployment, and every
     * older PENDING one becomes SUPERSEDED and loses its job; a candidate already APPLYING or
     * PROGRESSING (a crashed worker's) is finished first. Returns no row when the environment is
     * busy or the job to run is locked by another claimer.
     */
    private static final String LEASE_IF_FREE = """
            WITH busy AS (
                SELECT 1 FROM deployment_jobs WHERE environment_id = $1 AND deployment_id <> $2 AND lease_expires_at > now() LIMIT 1),
            newest AS (
                SELECT d.id, d.created_at FROM deployments d JOIN deployments c ON c.id = $2
                 WHERE d.environment_id = $1 AND d.status = 'PENDING' AND c.status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM busy)
                 ORDER BY d.created_at DESC, d.id DESC LIMIT 1),
            superseded AS (
                UPDATE deployments SET status = 'SUPERSEDED', status_reason = 'Superseded',
                       status_message = 'superseded by newer deployment ' || (SELECT id FROM newest)::text,
                       finished_at = now(), updated_at = now(), version = version + 1
                 WHERE environment_id = $1 AND status = 'PENDING' AND id <> (SELECT id FROM newest)
                   AND (created_at, id) < (SELECT created_at, id FROM newest)
                RETURNING id),
            -- Jobs another claimer holds as candidates are skipped, not waited for (waiting could
            -- deadlock); whoever holds one finds its deployment SUPERSEDED and drops the job.
            dropped AS (
                DELETE FROM deployment_jobs WHERE deployment_id IN (
                    SELECT deployment_id FROM deployment_jobs WHERE deployment_id IN (SELECT id FROM superseded) FOR UPDATE SKIP LOCKED))
            UPDATE deployment_jobs SET lease_owner = $3, lease_expires_at = now() + make_interval(secs => $4), attempts = attempts + 1
             WHERE NOT EXISTS (SELECT 1 FROM busy)
               AND deployment_id = (SELECT deployment_id FROM deployment_jobs
                                     WHERE deployment_id = coalesce((SELECT id FROM newest), $2) FOR UPDATE SKIP LOCKED)
            RETURNING deployment_id, attempts""";

    private final Pool pool;

    public DeploymentQueue(Pool pool) {
        this.pool = pool;
    }

    /** A claimed job: the deployment to drive and how many times it has been claimed. */
    public record ClaimedJob(UUID deploymentId, UUID environmentId, int attempts) {
    }

    /** Claims the next runnable job for this owner, or returns null when there is none. */
    public ClaimedJob claimNext(String owner, Duration lease) {
        SqlConnection connection = pool.getConnection().await().atMost(QUERY_TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(QUERY_TIMEOUT);
            try {
                ClaimedJob claimed = claimIn(connection, owner, lease);
                transaction.commit().await().atMost(QUERY_TIMEOUT);
                return claimed;
            } catch (RuntimeException e) {
                transaction.rollback().await().atMost(QUERY_TIMEOUT);
                throw e;
            }
        } finally {
            connection.close().await().atMost(QUERY_TIMEOUT);
        }
    }

    private ClaimedJob claimIn(SqlConnection connection, String owner, Duration lease) {
        // Jobs of environments busy with another deployment are left out here already: they would
        // only be locked, checked and skipped, and hidden meanwhile from the other claimers.
        List<Row> candidates = rows(connection, """
                SELECT j.deployment_id, j.environment_id FROM deployment_jobs j
                 WHERE j.available_at <= now() AND (j.lease_expires_at IS NULL OR j.lease_expires_at < now())
                   AND NOT EXISTS (SELECT 1 FROM deployment_jobs busy WHERE busy.environment_id = j.environment_id
                                      AND busy.deployment_id <> j.deployment_id AND busy.lease_expires_at > now())
                 ORDER BY j.available_at, j.created_at LIMIT $1 FOR UPDATE OF j SKIP LOCKED""", Tuple.of(CANDIDATES));
        for (Row candidate : candidates) {
            UUID deploymentId = candidate.getUUID("deployment_id");
            UUID environmentId = candidate.getUUID("environment_id");
            boolean locked = rows(connection, "SELECT pg_try_advisory_xact_lock(hashtextextended($1::text, 0)) AS locked",
                    Tuple.of(environmentId.toString())).get(0).getBoolean("locked");
            if (!locked) {
                continue; // another claimer is deciding for this environment
            }
            List<Row> leased = rows(connection, LEASE_IF_FREE, Tuple.of(environmentId, deploymentId, owner, lease.toMillis() / 1000.0));
            if (!leased.isEmpty()) {
                return new ClaimedJob(leased.get(0).getUUID("deployment_id"), environmentId, leased.get(0).getInteger("attempts"));
            }
        }
        return null;
    }

    /** Extends the leases this owner holds on the given jobs. */
    public void renew(String owner, List<UUID> deploymentIds, Duration lease) {
        if (deploymentIds.isEmpty()) {
            return;
        }
        pool.preparedQuery("""
                UPDATE deployment_jobs SET lease_expires_at = now() + make_interval(secs => $3)
                 WHERE lease_owner = $1 AND deployment_id = ANY($2)""")
                .execute(Tuple.of(owner, deploymentIds.toArray(UUID[]::new), lease.toMillis() / 1000.0))
                .await().atMost(QUERY_TIMEOUT);
    }

    private static List<Row> rows(SqlConnection connection, String sql, Tuple parameters) {
        List<Row> result = new java.util.ArrayList<>();
        connection.preparedQuery(sql).execute(parameters).await().atMost(QUERY_TIMEOUT).forEach(result::add);
        return result;
    }
}
