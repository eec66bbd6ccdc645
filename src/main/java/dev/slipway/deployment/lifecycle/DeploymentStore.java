package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.PageRequest;
import dev.slipway.api.Timestamps;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterKind;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.store.KeysetQuery;
import dev.slipway.store.Sql;
import dev.slipway.store.SqlTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every statement on deployments, their jobs and the applied manifests. A write that both the
 * API and the reconciler make is written once and runs where the caller says ({@link SqlTarget}):
 * in the API request's Hibernate Reactive transaction, or on the reconciler's pool or connection.
 * Every status write goes through {@link #entering}, which checks the move against
 * {@link DeploymentTransitions} before any SQL and lets the status entered pick the phase
 * timestamp it stamps.
 */
@ApplicationScoped
public class DeploymentStore {
    /** A status write's SET clause: the status, the phase timestamp it stamps, the row version. */
    static final String ENTER_STATUS = """
            status = :to, provisioning_at = CASE WHEN :starts_provisioning THEN now() ELSE provisioning_at END,
                   applying_at = CASE WHEN :starts_applying THEN now() ELSE applying_at END,
                   progressing_at = CASE WHEN :starts_progressing THEN now() ELSE progressing_at END,
                   finished_at = CASE WHEN :finishes THEN now() ELSE finished_at END, updated_at = now(), version = version + 1""";
    private static final String CHANGE_STATUS = "UPDATE deployments SET " + ENTER_STATUS
            + """
                    , status_reason = :reason, status_message = left(:message, 2000), observed_replicas = coalesce(:observed_replicas, observed_replicas)
                     WHERE id = :id AND status = :from""";
    /** The deployment and its job (the reconciler's outbox) in one statement; answers the stored row. */
    private static final String INSERT = """
            WITH deployment AS (
                INSERT INTO deployments (id, environment_id, application, environment, spec, score_document, config_revision, status, status_reason,
                                         status_message, requested_by, request_reason, source_commit, source_url, previous_deployment_id,
                                         rollback_of, promoted_from, desired_replicas, created_at, updated_at, version)
                VALUES (:id, :environment_id, :application, :environment, CAST(CAST(:spec AS text) AS jsonb), :score_document, :config_revision, :status,
                        :status_reason, :status_message, :requested_by, :request_reason, :source_commit, :source_url,
                        :previous_deployment_id, :rollback_of, :promoted_from, :desired_replicas, :created_at, :created_at, 0)
                RETURNING *),
            job AS (
                INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, created_at)
                SELECT id, environment_id, 0, now(), now() FROM deployment)
            SELECT * FROM deployment""";
    private static final String FIND = "SELECT * FROM deployments WHERE id = :id AND environment_id = :environment";
    private static final String DELETE_JOB = "DELETE FROM deployment_jobs WHERE deployment_id = :id";
    /** Gives a claimed job back unstarted: no lease, claimable again after the delay, the claim not counted. */
    private static final String POSTPONE_JOB = """
            UPDATE deployment_jobs SET lease_owner = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0),
                   available_at = now() + make_interval(secs => :delay_seconds)
             WHERE deployment_id = :id""";
    private static final String APPLIED = """
            SELECT deployment_id, CAST(manifests AS text), applied_at FROM applied_manifests WHERE environment_id = :environment""";
    private static final String RECORD_APPLIED = """
            INSERT INTO applied_manifests (environment_id, deployment_id, manifests, applied_at)
            VALUES (:environment, :deployment, CAST(CAST(:manifests AS text) AS jsonb), now())
            ON CONFLICT (environment_id) DO UPDATE SET deployment_id = EXCLUDED.deployment_id,
                   manifests = EXCLUDED.manifests, applied_at = EXCLUDED.applied_at""";
    /**
     * The kind/name of each object the environment's last recorded apply rendered, unless another
     * deployment has started applying since (it may have left objects behind before failing). One
     * that starts applying after the recorded one was created after it (claiming supersedes the
     * older pending ones), so only newer deployments are looked at.
     */
    private static final String LAST_APPLIED_OBJECTS = """
            SELECT o->>'kind' AS kind, o->'metadata'->>'name' AS name
              FROM applied_manifests m JOIN deployments recorded ON recorded.id = m.deployment_id
             CROSS JOIN LATERAL jsonb_array_elements(m.manifests) o
             WHERE m.environment_id = :environment
               AND NOT EXISTS (SELECT 1 FROM deployments d
                                WHERE d.environment_id = :environment AND d.created_at >= recorded.created_at
                                  AND d.id <> recorded.id AND d.id <> :deployment AND d.applying_at IS NOT NULL)""";
    private static final String RUNNABLE = """
            SELECT d.id, d.environment_id, d.application, d.environment, CAST(d.spec AS text) AS spec, d.score_document, d.status,
                   d.config_revision, e.application_id, e.type AS environment_type, e.namespace, e.auto_rollback, c.id AS cluster_id,
                   c.name AS cluster, c.kind, c.api_url, c.credentials_ref, c.credentials_version
              FROM deployments d JOIN environments e ON e.id = d.environment_id JOIN clusters c ON c.name = e.cluster
             WHERE d.id = :id""";
    private static final String MAKE_CURRENT = "UPDATE environments SET current_deployment_id = :deployment WHERE id = :environment";
    /** The environment's current deployment, unless the failed one was itself a rollback (rolling that back could loop). */
    private static final String ROLLBACK_SOURCE = """
            SELECT d.id, d.application, d.environment, CAST(d.spec AS text) AS spec, d.score_document, d.config_revision
              FROM deployments d JOIN environments e ON e.current_deployment_id = d.id
             WHERE e.id = :environment AND d.id <> :failed
               AND NOT EXISTS (SELECT 1 FROM deployments failed WHERE failed.id = :failed AND failed.rollback_of IS NOT NULL)""";

    /** Superseding is the one status write of a claim. */
    private static final StatusChange SUPERSEDE = new StatusChange(DeploymentStatus.PENDING, DeploymentStatus.SUPERSEDED, "Superseded",
            null);
    /**
     * Jobs no live lease holds, locked for one claim. Jobs of environments busy with another
     * deployment are left out here already: they would only be locked, checked and skipped, and
     * hidden meanwhile from the other claimers.
     */
    private static final String LOCK_CANDIDATES = """
            SELECT j.deployment_id, j.environment_id FROM deployment_jobs j
             WHERE j.available_at <= now() AND (j.lease_expires_at IS NULL OR j.lease_expires_at < now())
               AND NOT EXISTS (SELECT 1 FROM deployment_jobs busy WHERE busy.environment_id = j.environment_id
                                  AND busy.deployment_id <> j.deployment_id AND busy.lease_expires_at > now())
             ORDER BY j.available_at, j.created_at LIMIT :limit FOR UPDATE OF j SKIP LOCKED""";
    private static final String LOCK_ENVIRONMENT = "SELECT pg_try_advisory_xact_lock(hashtextextended(CAST(:environment AS text), 0)) AS locked";
    /**
     * Under the environment's advisory lock, in one statement (so that it sees every lease
     * committed before the lock was granted; the candidate filter may be stale by now): when no
     * other job of the environment holds a live lease, leases the job to run for the candidate.
     * When the candidate is PENDING that is the environment's newest PENDING deployment, and every
     * older PENDING one is superseded (:from -> :to) and loses its job; a candidate already APPLYING
     * or PROGRESSING (a crashed worker's) is finished first. Returns no row when the environment is
     * busy or the job to run is locked by another claimer.
     */
    private static final String LEASE_IF_FREE = """
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
            RETURNING deployment_id, attempts""";
    private static final String RENEW_LEASES = """
            UPDATE deployment_jobs SET lease_expires_at = now() + make_interval(secs => :lease_seconds)
             WHERE lease_owner = :owner AND deployment_id = ANY(:deployments)""";

    private final Pool pool;
    private final ObjectMapper mapper;

    public DeploymentStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    // --- in the API request's Hibernate Reactive transaction -----------------------------------

    /** Accepts a deployment with its job; the stored row. */
    public Uni<Deployment> insertInSession(NewDeployment deployment) {
        return insertStatement(deployment).listInSession(Deployment.class).map(rows -> rows.get(0));
    }

    /** The deployment, or null when the environment has none with this id. */
    public Uni<Deployment> findInEnvironment(UUID environmentId, UUID id) {
        return Sql.of(FIND).bind("id", id).bind("environment", environmentId).listInSession(Deployment.class)
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** History, newest first; the page key is {@link #pageKey}. */
    public Uni<List<Deployment>> page(UUID environmentId, PageRequest page, DeploymentStatus status) {
        return KeysetQuery.select("SELECT * FROM deployments")
                .where("environment_id = ?", environmentId)
                .whereGiven("status = ?", status == null ? null : status.name())
                .after(page, "(created_at, id) < (?, ?)", key -> {
                    String[] parts = key.split("\\|", 2);
                    return List.of(Instant.parse(parts[0]).atOffset(ZoneOffset.UTC), UUID.fromString(parts[1]));
                })
                .page("created_at DESC, id DESC", page)
                .list(Deployment.class);
    }

    /** "createdAt|id": ties in time broken by id. */
    public static String pageKey(Deployment deployment) {
        return deployment.createdAt + "|" + deployment.id;
    }

    /**
     * Changes the status; false, with nothing written, when the deployment has left {@code from}
     * meanwhile. Either way the deployment is reloaded, so it shows the status it is in now.
     */
    public Uni<Boolean> changeInSession(Deployment deployment, StatusChange change) {
        return change(SqlTarget.currentSession(), deployment.id, change)
                .call(() -> Panache.getSession().flatMap(session -> session.refresh(deployment)));
    }

    /** The environment's last recorded apply, or null when nothing was applied there yet. */
    public Uni<AppliedManifests> appliedManifests(UUID environmentId) {
        return Sql.of(APPLIED).bind("environment", environmentId).rowsInSession().map(rows -> rows.isEmpty()
                ? null
                : new AppliedManifests((UUID) rows.get(0)[0], (String) rows.get(0)[1], toOffset(rows.get(0)[2])));
    }

    // --- on the reconciler's pool or connection ------------------------------------------------

    /** Runs {@code work} in a transaction of its own on the pool. */
    <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** Changes the status in a statement of its own; false, with nothing written, when the deployment has left {@code from} meanwhile. */
    Uni<Boolean> changeOnPool(UUID id, StatusChange change) {
        return change(SqlTarget.client(pool), id, change);
    }

    /** Drops the job of a deployment that needs no more work. */
    Uni<Void> deleteJob(UUID deploymentId) {
        return SqlTarget.client(pool).update(Sql.of(DELETE_JOB).bind("id", deploymentId)).replaceWithVoid();
    }

    /** Puts a claimed job back for later (its cluster's share of the workers is busy). */
    Uni<Void> postponeJob(UUID deploymentId, Duration delay) {
        return Sql.of(POSTPONE_JOB).bind("id", deploymentId).bind("delay_seconds", delay.toMillis() / 1000.0).execute(pool)
                .replaceWithVoid();
    }

    /** The deployment with its environment and cluster, or null when it no longer exists. */
    Uni<RunnableDeployment> runnable(UUID id) {
        return Sql.of(RUNNABLE).bind("id", id).execute(pool)
                .map(rows -> rows.rowCount() == 0 ? null : runnable(rows.iterator().next()));
    }

    /** Names ("kind/name") of what the last recorded apply rendered, or null when unknown (the driver then prunes). */
    Uni<Set<String>> lastAppliedObjects(UUID environmentId, UUID deploymentId) {
        return Sql.of(LAST_APPLIED_OBJECTS).bind("environment", environmentId).bind("deployment", deploymentId).execute(pool)
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Set<String> names = new HashSet<>();
                    rows.forEach(row -> names.add(row.getString("kind") + "/" + row.getString("name")));
                    return names;
                });
    }

    /** Records what a deployment applied to its environment: manifests as JSON, Secret values already redacted. */
    Uni<Void> recordApplied(UUID environmentId, UUID deploymentId, String manifests) {
        return Sql.of(RECORD_APPLIED).bind("environment", environmentId).bind("deployment", deploymentId).bind("manifests", manifests)
                .execute(pool).replaceWithVoid();
    }

    /** Makes a succeeded deployment its environment's current one. */
    Uni<Void> makeCurrent(SqlClient client, UUID environmentId, UUID deploymentId) {
        return Sql.of(MAKE_CURRENT).bind("environment", environmentId).bind("deployment", deploymentId).execute(client).replaceWithVoid();
    }

    /**
     * After {@code failedId} failed: accepts a new deployment of the environment's current spec and
     * configuration revision, linked to it. The id of that rollback, or null when there is nothing
     * to roll back to.
     */
    Uni<UUID> insertAutomaticRollback(SqlClient client, UUID environmentId, UUID failedId, String failedReason) {
        return Sql.of(ROLLBACK_SOURCE).bind("environment", environmentId).bind("failed", failedId).execute(client).flatMap(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row source = rows.iterator().next();
            UUID restored = source.getUUID("id");
            NewDeployment rollback = new NewDeployment(UUID.randomUUID(), environmentId, source.getString("application"),
                    source.getString("environment"), spec(source), source.getString("score_document"), source.getLong("config_revision"),
                    "slipway",
                    "automatic rollback: " + failedReason, null, null, restored, restored, null,
                    "AutoRollback", "automatic rollback after deployment " + failedId + " failed", Timestamps.now());
            return insertStatement(rollback).execute(client).replaceWith(rollback.id());
        });
    }

    // --- claiming, for DeploymentQueue in its transaction -----------------------------------------

    /** A job one claim looks at. */
    record Candidate(UUID deploymentId, UUID environmentId) {
    }

    Uni<List<Candidate>> lockCandidates(SqlConnection connection, int limit) {
        return Sql.of(LOCK_CANDIDATES).bind("limit", limit).execute(connection)
                .map(rows -> map(rows, row -> new Candidate(row.getUUID("deployment_id"), row.getUUID("environment_id"))));
    }

    /** Whether this claim may decide for the environment; false while another claimer is deciding for it. */
    Uni<Boolean> tryLockEnvironment(SqlConnection connection, UUID environmentId) {
        return Sql.of(LOCK_ENVIRONMENT).bind("environment", environmentId.toString()).execute(connection)
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** See {@link #LEASE_IF_FREE}; null when the environment is busy or the job to run is locked by another claimer. */
    Uni<ClaimedJob> leaseIfFree(SqlConnection connection, UUID environmentId, UUID candidate, String owner, Duration lease) {
        Sql statement = entering(Sql.of(LEASE_IF_FREE), SUPERSEDE).bind("reason", SUPERSEDE.reason())
                .bind("environment", environmentId).bind("candidate", candidate).bind("owner", owner)
                .bind("lease_seconds", lease.toMillis() / 1000.0);
        return statement.execute(connection).map(rows -> map(rows, row -> new ClaimedJob(row.getUUID("deployment_id"), environmentId,
                row.getInteger("attempts")))).map(leased -> leased.isEmpty() ? null : leased.get(0));
    }

    /** Extends the leases this owner holds on the given jobs. */
    Uni<Void> renewLeases(String owner, List<UUID> deploymentIds, Duration lease) {
        return Sql.of(RENEW_LEASES).bind("owner", owner).bind("deployments", deploymentIds.toArray(UUID[]::new))
                .bind("lease_seconds", lease.toMillis() / 1000.0).execute(pool).replaceWithVoid();
    }

    // --- shared by both sides ------------------------------------------------------------------

    /** The one status write: checked, guarded by the status it leaves; entering a terminal status drops the job. */
    Uni<Boolean> change(SqlTarget target, UUID id, StatusChange change) {
        Sql update = entering(Sql.of(CHANGE_STATUS), change).bind("id", id).bind("reason", change.reason())
                .bind("message", change.message()).bind("observed_replicas", change.observedReplicas());
        return target.update(update).flatMap(rows -> {
            if (rows == 0) {
                return Uni.createFrom().item(false);
            }
            return change.to().isTerminal()
                    ? target.update(Sql.of(DELETE_JOB).bind("id", id)).replaceWith(true)
                    : Uni.createFrom().item(true);
        });
    }

    /**
     * Binds a status write's :from and :to after checking the move against
     * {@link DeploymentTransitions}; the status entered decides the phase {@link #ENTER_STATUS} stamps.
     */
    static Sql entering(Sql statement, StatusChange change) {
        DeploymentTransitions.require(change.from(), change.to());
        DeploymentStatus to = change.to();
        return statement.bind("from", change.from().name()).bind("to", to.name())
                .bind("starts_provisioning", to == DeploymentStatus.PROVISIONING)
                .bind("starts_applying", to == DeploymentStatus.APPLYING)
                .bind("starts_progressing", to == DeploymentStatus.PROGRESSING)
                .bind("finishes", to.isTerminal());
    }

    private Sql insertStatement(NewDeployment d) {
        return Sql.of(INSERT).bind("id", d.id()).bind("environment_id", d.environmentId()).bind("application", d.application())
                .bind("environment", d.environment()).bind("spec", json(d.spec())).bind("score_document", d.scoreDocument())
                .bind("config_revision", d.configRevision())
                .bind("status", DeploymentStatus.INITIAL.name()).bind("status_reason", d.statusReason())
                .bind("status_message", d.statusMessage()).bind("requested_by", d.requestedBy())
                .bind("request_reason", d.requestReason()).bind("source_commit", d.sourceCommit()).bind("source_url", d.sourceUrl())
                .bind("previous_deployment_id", d.previousDeploymentId()).bind("rollback_of", d.rollbackOf())
                .bind("promoted_from", d.promotedFrom()).bind("desired_replicas", d.desiredReplicas())
                .bind("created_at", d.createdAt());
    }

    private RunnableDeployment runnable(Row row) {
        return new RunnableDeployment(row.getUUID("id"), row.getUUID("application_id"), row.getUUID("environment_id"),
                row.getString("application"), row.getString("environment"), row.getString("environment_type"), row.getString("namespace"),
                spec(row), row.getString("score_document"), row.getLong("config_revision"),
                DeploymentStatus.valueOf(row.getString("status")), row.getBoolean("auto_rollback"),
                new ClusterAddress(row.getUUID("cluster_id"), row.getString("cluster"), ClusterKind.valueOf(row.getString("kind")),
                        row.getString("api_url"), row.getString("credentials_ref"), row.getLong("credentials_version")));
    }

    private WorkloadSpec spec(Row row) {
        try {
            return mapper.readValue(row.getString("spec"), WorkloadSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of deployment " + row.getUUID("id") + " is unreadable", e);
        }
    }

    private String json(WorkloadSpec spec) {
        try {
            return mapper.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("spec cannot be stored", e);
        }
    }

    private static <T> List<T> map(Iterable<Row> rows, Function<Row, T> mapper) {
        List<T> result = new ArrayList<>();
        rows.forEach(row -> result.add(mapper.apply(row)));
        return result;
    }

    /** Hibernate hands a timestamptz of a native query over in whichever java.time type its dialect chose. */
    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(String.valueOf(value));
    }
}
