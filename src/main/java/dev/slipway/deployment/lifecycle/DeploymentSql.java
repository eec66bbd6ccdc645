package dev.slipway.deployment.lifecycle;

/**
 * The text of every statement {@link DeploymentStore} runs, kept apart from the code that binds
 * and runs them so the store reads as what it does. Nothing but the store uses these.
 */
final class DeploymentSql {
    private DeploymentSql() {
    }

    /** A status write's SET clause: the status, the phase timestamp it stamps, the row version. */
    static final String ENTER_STATUS = """
            status = :to, provisioning_at = CASE WHEN :starts_provisioning THEN now() ELSE provisioning_at END,
                   applying_at = CASE WHEN :starts_applying THEN now() ELSE applying_at END,
                   progressing_at = CASE WHEN :starts_progressing THEN now() ELSE progressing_at END,
                   finished_at = CASE WHEN :finishes THEN now() ELSE finished_at END, updated_at = now(), version = version + 1""";
    static final String CHANGE_STATUS = "UPDATE deployments SET " + ENTER_STATUS
            + """
                    , status_reason = :reason, status_message = left(:message, 2000), observed_replicas = coalesce(:observed_replicas, observed_replicas)
                     WHERE id = :id AND status = :from""";
    /** The deployment and its job (the reconciler's outbox) in one statement; answers the stored row. */
    static final String INSERT = """
            WITH deployment AS (
                INSERT INTO deployments (id, environment_id, application, environment, spec, score_document, config_revision, status, status_reason,
                                         status_message, requested_by, request_reason, source_commit, source_url, previous_deployment_id,
                                         rollback_of, promoted_from, desired_replicas, created_at, updated_at, version,
                                         requested_by_subject, required_approvals, approval_expires_at, break_glass_by, break_glass_reason)
                VALUES (:id, :environment_id, :application, :environment, CAST(CAST(:spec AS text) AS jsonb), :score_document, :config_revision, :status,
                        :status_reason, :status_message, :requested_by, :request_reason, :source_commit, :source_url,
                        :previous_deployment_id, :rollback_of, :promoted_from, :desired_replicas, :created_at, :created_at, 0,
                        :requested_by_subject, :required_approvals, :approval_expires_at, :break_glass_by, :break_glass_reason)
                RETURNING *),
            -- A deployment waiting for approval gets its job at once but never claimable ('infinity'):
            -- the job row is the outbox entry either way, so the approval only has to make it
            -- available, and the queue, leases and tear-down need no case for a job that is missing.
            job AS (
                INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, created_at, trace_context)
                SELECT id, environment_id, 0,
                       CASE WHEN status = 'AWAITING_APPROVAL' THEN CAST('infinity' AS timestamptz) ELSE now() END, now(),
                       CAST(CAST(:trace_context AS text) AS jsonb)
                  FROM deployment)
            SELECT * FROM deployment""";
    /** The last approval needed is in: the waiting job becomes claimable now. */
    static final String RELEASE_JOB = "UPDATE deployment_jobs SET available_at = now() WHERE deployment_id = :id";
    /**
     * A newer deployment of the environment was accepted: the ones waiting for approval give way
     * (:from -> :to) and lose their jobs, as PENDING ones do when the queue claims the newer one.
     */
    static final String SUPERSEDE_AWAITING = """
            WITH superseded AS (
                UPDATE deployments SET\s""" + ENTER_STATUS + """
                       , status_reason = :reason, status_message = 'superseded by newer deployment ' || CAST(:newer AS text)
                 WHERE environment_id = :environment AND status = :from AND id <> CAST(:newer AS uuid)
                RETURNING id)
            DELETE FROM deployment_jobs WHERE deployment_id IN (SELECT id FROM superseded)""";
    /** Deployments still waiting for approval when their time is up (:from -> :to), their jobs dropped; answers their ids. */
    static final String EXPIRE_APPROVALS = """
            WITH expired AS (
                UPDATE deployments SET\s""" + ENTER_STATUS + """
                       , status_reason = :reason, status_message = :message
                 WHERE status = :from AND approval_expires_at <= :now
                RETURNING id),
            dropped AS (DELETE FROM deployment_jobs WHERE deployment_id IN (SELECT id FROM expired))
            SELECT id FROM expired""";
    static final String FIND = "SELECT * FROM deployments WHERE id = :id AND environment_id = :environment";
    static final String DELETE_JOB = "DELETE FROM deployment_jobs WHERE deployment_id = :id";
    /** Gives a claimed job back unstarted: no lease, claimable again after the delay, the claim not counted. */
    static final String POSTPONE_JOB = """
            UPDATE deployment_jobs SET lease_owner = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0),
                   available_at = now() + make_interval(secs => :delay_seconds)
             WHERE deployment_id = :id""";
    static final String APPLIED = """
            SELECT deployment_id, CAST(manifests AS text), applied_at FROM applied_manifests WHERE environment_id = :environment""";
    static final String RECORD_APPLIED = """
            INSERT INTO applied_manifests (environment_id, deployment_id, manifests, applied_at)
            VALUES (:environment, :deployment, CAST(CAST(:manifests AS text) AS jsonb), now())
            ON CONFLICT (environment_id) DO UPDATE SET deployment_id = EXCLUDED.deployment_id,
                   manifests = EXCLUDED.manifests, applied_at = EXCLUDED.applied_at""";
    /**
     * A Deployment's replicas as :scale set them, written into the recorded apply (the other
     * objects and their order unchanged), so drift compares the cluster with what was asked last.
     */
    static final String RECORD_SCALED = """
            UPDATE applied_manifests m
               SET manifests = (SELECT jsonb_agg(CASE WHEN o->>'kind' = 'Deployment' AND o->'metadata'->>'name' = :name
                                                      THEN jsonb_set(o, '{spec,replicas}', to_jsonb(CAST(:replicas AS integer)))
                                                      ELSE o END ORDER BY i)
                                  FROM jsonb_array_elements(m.manifests) WITH ORDINALITY AS t(o, i))
             WHERE m.environment_id = :environment""";
    /**
     * The kind/name of each object the environment's last recorded apply rendered, unless another
     * deployment has started applying since (it may have left objects behind before failing). One
     * that starts applying after the recorded one was created after it (claiming supersedes the
     * older pending ones), so only newer deployments are looked at.
     */
    static final String LAST_APPLIED_OBJECTS = """
            SELECT o->>'kind' AS kind, o->'metadata'->>'name' AS name
              FROM applied_manifests m JOIN deployments recorded ON recorded.id = m.deployment_id
             CROSS JOIN LATERAL jsonb_array_elements(m.manifests) o
             WHERE m.environment_id = :environment
               AND NOT EXISTS (SELECT 1 FROM deployments d
                                WHERE d.environment_id = :environment AND d.created_at >= recorded.created_at
                                  AND d.id <> recorded.id AND d.id <> :deployment AND d.applying_at IS NOT NULL)""";
    static final String RUNNABLE = """
            SELECT d.id, d.environment_id, d.application, d.environment, CAST(d.spec AS text) AS spec, d.score_document, d.status,
                   d.config_revision, e.application_id, e.type AS environment_type, e.namespace, e.auto_rollback, c.id AS cluster_id,
                   d.created_at, c.name AS cluster, c.kind, c.api_url, c.credentials_ref, c.credentials_version,
                   CAST(c.routing AS text) AS cluster_routing, CAST(t.routing AS text) AS type_routing,
                   CAST(t.workload_defaults AS text) AS type_workload_defaults
              FROM deployments d JOIN environments e ON e.id = d.environment_id JOIN clusters c ON c.name = e.cluster
              LEFT JOIN environment_types t ON t.name = e.type
             WHERE d.id = :id""";
    /**
     * A succeeded deployment becomes its environment's current one, its recorded routes the
     * environment's; the environment's host claims its routes no longer have are released, unless
     * a deployment of the environment still to run routes them (it was accepted with them claimed).
     */
    static final String MAKE_CURRENT = """
            WITH current AS (
                UPDATE environments SET current_deployment_id = :deployment,
                       routes = (SELECT routes FROM deployment_routes WHERE deployment_id = :deployment)
                 WHERE id = :environment
                RETURNING routes)
            DELETE FROM route_hosts h
             WHERE h.environment_id = :environment
               AND NOT EXISTS (SELECT 1 FROM current, jsonb_array_elements(coalesce(current.routes -> 'items', '[]')) r
                                WHERE r ->> 'host' = h.host)
               AND NOT EXISTS (SELECT 1 FROM deployments d, jsonb_array_elements(coalesce(d.spec -> 'routes', '[]')) r
                                WHERE d.environment_id = :environment AND d.id <> :deployment
                                  AND d.status IN ('AWAITING_APPROVAL', 'PENDING', 'PROVISIONING', 'APPLYING', 'PROGRESSING')
                                  AND r ->> 'host' = h.host)""";
    /** The environment's current deployment, unless the failed one was itself a rollback (rolling that back could loop). */
    static final String ROLLBACK_SOURCE = """
            SELECT d.id, d.application, d.environment, CAST(d.spec AS text) AS spec, d.score_document, d.config_revision
              FROM deployments d JOIN environments e ON e.current_deployment_id = d.id
             WHERE e.id = :environment AND d.id <> :failed
               AND NOT EXISTS (SELECT 1 FROM deployments failed WHERE failed.id = :failed AND failed.rollback_of IS NOT NULL)""";

    /**
     * Jobs no live lease holds, locked for one claim. Jobs of environments busy with another
     * deployment are left out here already: they would only be locked, checked and skipped, and
     * hidden meanwhile from the other claimers.
     */
    static final String LOCK_CANDIDATES = """
            SELECT j.deployment_id, j.environment_id FROM deployment_jobs j
             WHERE j.available_at <= now() AND (j.lease_expires_at IS NULL OR j.lease_expires_at < now())
               AND NOT EXISTS (SELECT 1 FROM deployment_jobs busy WHERE busy.environment_id = j.environment_id
                                  AND busy.deployment_id <> j.deployment_id AND busy.lease_expires_at > now())
             ORDER BY j.available_at, j.created_at LIMIT :limit FOR UPDATE OF j SKIP LOCKED""";
    static final String LOCK_ENVIRONMENT = "SELECT pg_try_advisory_xact_lock(hashtextextended(CAST(:environment AS text), 0)) AS locked";
    /**
     * Under the environment's advisory lock, in one statement (so that it sees every lease
     * committed before the lock was granted; the candidate filter may be stale by now): when no
     * other job of the environment holds a live lease, leases the job to run for the candidate.
     * When the candidate is PENDING that is the environment's newest PENDING deployment, and every
     * older PENDING one is superseded (:from -> :to) and loses its job; a candidate already APPLYING
     * or PROGRESSING (a crashed worker's) is finished first. Returns no row when the environment is
     * busy or the job to run is locked by another claimer. The row says how many deployments were
     * superseded (for the metrics; in the rare claim that supersedes and then finds the newest
     * job locked by another claimer they go uncounted).
     */
    static final String LEASE_IF_FREE = """
            WITH busy AS (
                SELECT 1 FROM deployment_jobs WHERE environment_id = :environment AND deployment_id <> :candidate
                   AND lease_expires_at > now() LIMIT 1),
            newest AS (
                SELECT d.id, d.created_at FROM deployments d JOIN deployments c ON c.id = :candidate
                 WHERE d.environment_id = :environment AND d.status = 'PENDING' AND c.status = 'PENDING' AND NOT EXISTS (SELECT 1 FROM busy)
                 ORDER BY d.created_at DESC, d.id DESC LIMIT 1),
            superseded AS (
                UPDATE deployments SET\s""" + ENTER_STATUS + """
                       , status_reason = :reason, status_message = 'superseded by newer deployment ' || (SELECT id FROM newest)::text
                 WHERE environment_id = :environment AND status = :from AND id <> (SELECT id FROM newest)
                   AND (created_at, id) < (SELECT created_at, id FROM newest)
                RETURNING id),
            -- Jobs another claimer holds as candidates are skipped, not waited for (waiting could
            -- deadlock); whoever holds one finds its deployment SUPERSEDED and drops the job.
            dropped AS (
                DELETE FROM deployment_jobs WHERE deployment_id IN (
                    SELECT deployment_id FROM deployment_jobs WHERE deployment_id IN (SELECT id FROM superseded) FOR UPDATE SKIP LOCKED))
            UPDATE deployment_jobs SET lease_owner = :owner, lease_expires_at = now() + make_interval(secs => :lease_seconds),
                   attempts = attempts + 1
             WHERE NOT EXISTS (SELECT 1 FROM busy)
               AND deployment_id = (SELECT deployment_id FROM deployment_jobs
                                     WHERE deployment_id = coalesce((SELECT id FROM newest), :candidate) FOR UPDATE SKIP LOCKED)
            RETURNING deployment_id, attempts, (SELECT count(*) FROM superseded) AS superseded,
                      CAST(trace_context AS text) AS trace_context""";
    /** Tear-down: every deployment of the environment still in {@code :from}; their jobs go with the environment. */
    static final String CANCEL_IN_ENVIRONMENT = "UPDATE deployments SET " + ENTER_STATUS + """
            , status_reason = :reason, status_message = :message WHERE environment_id = :environment AND status = :from""";
    static final String DELETE_ENVIRONMENT_JOBS = "DELETE FROM deployment_jobs WHERE environment_id = :environment";
    /** Whether a worker holds a live lease on a job of the environment (tear-down waits for it). */
    static final String ENVIRONMENT_BUSY = """
            SELECT EXISTS (SELECT 1 FROM deployment_jobs WHERE environment_id = :environment AND lease_expires_at > now()) AS busy""";
    /**
     * The jobs waiting for a worker: claimable now (not waiting for approval or a busy cluster's
     * delay) and not under a live lease; the oldest one's wait counted from when it became
     * claimable. Read by the metrics every few seconds: deployment_jobs holds only unfinished work.
     */
    static final String WAITING_JOBS = """
            SELECT count(*) AS waiting, coalesce(EXTRACT(EPOCH FROM now() - min(available_at)), 0) AS oldest_seconds
              FROM deployment_jobs WHERE available_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at < now())""";
    static final String RENEW_LEASES = """
            UPDATE deployment_jobs SET lease_expires_at = now() + make_interval(secs => :lease_seconds)
             WHERE lease_owner = :owner AND deployment_id = ANY(:deployments)""";
    /**
     * A replica shutting down gives back every job it still holds: claimable at once by any other
     * replica (no wait for the lease to run out), the status untouched so the next owner goes on
     * from it, and the claim not counted (being stopped is not the job's failure). Answers the ids.
     */
    static final String RELEASE_LEASES = """
            UPDATE deployment_jobs SET lease_owner = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0),
                   available_at = least(available_at, now())
             WHERE lease_owner = :owner
            RETURNING deployment_id""";
}
