package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.PageRequest;
import dev.slipway.api.Timestamps;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterKind;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
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
    /** Superseding is the one status write of a claim. */
    private static final StatusChange SUPERSEDE = new StatusChange(DeploymentStatus.PENDING, DeploymentStatus.SUPERSEDED, "Superseded",
            null);

    private final Pool pool;
    private final ObjectMapper mapper;
    private final DeploymentMetrics metrics;

    /**
     * @param metrics counts deployments entering a terminal status here, where every such write is
     *                made. A write in a transaction that later rolls back is counted all the same:
     *                rare, and harmless for a rate.
     */
    public DeploymentStore(Pool pool, ObjectMapper mapper, DeploymentMetrics metrics) {
        this.pool = pool;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    // --- in the API request's Hibernate Reactive transaction -----------------------------------

    /** Accepts a deployment with its job; the stored row. */
    public Uni<Deployment> insertInSession(NewDeployment deployment) {
        return insertStatement(deployment).listInSession(Deployment.class).map(rows -> rows.get(0));
    }

    /** The deployment, or null when the environment has none with this id. */
    public Uni<Deployment> findInEnvironment(UUID environmentId, UUID id) {
        return Sql.of(DeploymentSql.FIND).bind("id", id).bind("environment", environmentId).listInSession(Deployment.class)
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

    /** The last approval needed is in: AWAITING_APPROVAL -> PENDING and the job claimable; false when it left AWAITING_APPROVAL meanwhile. */
    public Uni<Boolean> releaseApprovedInSession(Deployment deployment, StatusChange approved) {
        return changeInSession(deployment, approved).call(released -> released
                ? SqlTarget.currentSession().update(Sql.of(DeploymentSql.RELEASE_JOB).bind("id", deployment.id))
                : Uni.createFrom().voidItem());
    }

    /** A newer deployment was accepted: the environment's deployments waiting for approval are superseded by it. */
    public Uni<Void> supersedeAwaitingInSession(UUID environmentId, UUID newer) {
        StatusChange change = new StatusChange(DeploymentStatus.AWAITING_APPROVAL, DeploymentStatus.SUPERSEDED, "Superseded", null);
        return SqlTarget.currentSession().update(entering(Sql.of(DeploymentSql.SUPERSEDE_AWAITING), change).bind("reason", change.reason())
                .bind("environment", environmentId)
                // One parameter used as text and as uuid: bound as text, cast where a uuid is meant.
                .bind("newer", newer.toString()))
                // Each deployment waiting for approval has its job, so the jobs dropped are the deployments superseded.
                .invoke(superseded -> metrics.finished(change.to(), change.reason(), superseded)).replaceWithVoid();
    }

    /** The environment's last recorded apply, or null when nothing was applied there yet. */
    public Uni<AppliedManifests> appliedManifests(UUID environmentId) {
        return Sql.of(DeploymentSql.APPLIED).bind("environment", environmentId).rowsInSession().map(rows -> rows.isEmpty()
                ? null
                : new AppliedManifests((UUID) rows.get(0)[0], (String) rows.get(0)[1], toOffset(rows.get(0)[2])));
    }

    /**
     * Records in the environment's last apply that its Deployment {@code name} now asks for
     * {@code replicas} (after :scale), in the request's transaction.
     */
    public Uni<Void> recordScaledInSession(UUID environmentId, String name, int replicas) {
        return SqlTarget.currentSession().update(Sql.of(DeploymentSql.RECORD_SCALED).bind("environment", environmentId).bind("name", name)
                .bind("replicas", replicas)).replaceWithVoid();
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

    /** Cancels every deployment still waiting for approval at {@code now} (ApprovalExpired); the ids cancelled. */
    Uni<List<UUID>> expireApprovals(Instant now) {
        StatusChange change = new StatusChange(DeploymentStatus.AWAITING_APPROVAL, DeploymentStatus.CANCELLED, "ApprovalExpired",
                "not approved in time");
        return entering(Sql.of(DeploymentSql.EXPIRE_APPROVALS), change).bind("reason", change.reason()).bind("message", change.message())
                .bind("now", now).execute(pool).map(rows -> map(rows, row -> row.getUUID("id")))
                .invoke(expired -> metrics.finished(change.to(), change.reason(), expired.size()));
    }

    /** Drops the job of a deployment that needs no more work. */
    Uni<Void> deleteJob(UUID deploymentId) {
        return SqlTarget.client(pool).update(Sql.of(DeploymentSql.DELETE_JOB).bind("id", deploymentId)).replaceWithVoid();
    }

    /** Puts a claimed job back for later (its cluster's share of the workers is busy). */
    Uni<Void> postponeJob(UUID deploymentId, Duration delay) {
        return Sql.of(DeploymentSql.POSTPONE_JOB).bind("id", deploymentId).bind("delay_seconds", delay.toMillis() / 1000.0).execute(pool)
                .replaceWithVoid();
    }

    /** The deployment with its environment and cluster, or null when it no longer exists. */
    Uni<RunnableDeployment> runnable(UUID id) {
        return Sql.of(DeploymentSql.RUNNABLE).bind("id", id).execute(pool)
                .map(rows -> rows.rowCount() == 0 ? null : runnable(rows.iterator().next()));
    }

    /** Names ("kind/name") of what the last recorded apply rendered, or null when unknown (the driver then prunes). */
    Uni<Set<String>> lastAppliedObjects(UUID environmentId, UUID deploymentId) {
        return Sql.of(DeploymentSql.LAST_APPLIED_OBJECTS).bind("environment", environmentId).bind("deployment", deploymentId).execute(pool)
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
        return Sql.of(DeploymentSql.RECORD_APPLIED).bind("environment", environmentId).bind("deployment", deploymentId)
                .bind("manifests", manifests)
                .execute(pool).replaceWithVoid();
    }

    /** Makes a succeeded deployment its environment's current one. */
    Uni<Void> makeCurrent(SqlClient client, UUID environmentId, UUID deploymentId) {
        return Sql.of(DeploymentSql.MAKE_CURRENT).bind("environment", environmentId).bind("deployment", deploymentId).execute(client)
                .replaceWithVoid();
    }

    /**
     * After {@code failedId} failed: accepts a new deployment of the environment's current spec and
     * configuration revision, linked to it. The id of that rollback, or null when there is nothing
     * to roll back to.
     */
    Uni<UUID> insertAutomaticRollback(SqlClient client, UUID environmentId, UUID failedId, String failedReason) {
        return Sql.of(DeploymentSql.ROLLBACK_SOURCE).bind("environment", environmentId).bind("failed", failedId).execute(client)
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row source = rows.iterator().next();
                    UUID restored = source.getUUID("id");
                    NewDeployment rollback = new NewDeployment(UUID.randomUUID(), environmentId, source.getString("application"),
                            source.getString("environment"), spec(source), source.getString("score_document"),
                            source.getLong("config_revision"),
                            "slipway",
                            "automatic rollback: " + failedReason, null, null, restored, restored, null,
                            "AutoRollback", "automatic rollback after deployment " + failedId + " failed", Timestamps.now(),
                            // The platform restores what already ran here: no approval asked (nobody could give four eyes to a robot's request).
                            null, 0, null, null, null);
                    return insertStatement(rollback).execute(client).replaceWith(rollback.id());
                });
    }

    // --- claiming, for DeploymentQueue in its transaction -----------------------------------------

    /** A job one claim looks at. */
    record Candidate(UUID deploymentId, UUID environmentId) {
    }

    Uni<List<Candidate>> lockCandidates(SqlConnection connection, int limit) {
        return Sql.of(DeploymentSql.LOCK_CANDIDATES).bind("limit", limit).execute(connection)
                .map(rows -> map(rows, row -> new Candidate(row.getUUID("deployment_id"), row.getUUID("environment_id"))));
    }

    /** Whether this claim may decide for the environment; false while another claimer is deciding for it. */
    Uni<Boolean> tryLockEnvironment(SqlConnection connection, UUID environmentId) {
        return Sql.of(DeploymentSql.LOCK_ENVIRONMENT).bind("environment", environmentId.toString()).execute(connection)
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** See {@link #LEASE_IF_FREE}; null when the environment is busy or the job to run is locked by another claimer. */
    Uni<ClaimedJob> leaseIfFree(SqlConnection connection, UUID environmentId, UUID candidate, String owner, Duration lease) {
        Sql statement = entering(Sql.of(DeploymentSql.LEASE_IF_FREE), SUPERSEDE).bind("reason", SUPERSEDE.reason())
                .bind("environment", environmentId).bind("candidate", candidate).bind("owner", owner)
                .bind("lease_seconds", lease.toMillis() / 1000.0);
        return statement.execute(connection).map(rows -> map(rows, row -> {
            metrics.finished(SUPERSEDE.to(), SUPERSEDE.reason(), row.getLong("superseded"));
            return new ClaimedJob(row.getUUID("deployment_id"), environmentId, row.getInteger("attempts"), traceContext(row));
        })).map(leased -> leased.isEmpty() ? null : leased.get(0));
    }

    /** How many jobs wait for a worker, and how long the oldest has waited. */
    record Backlog(long waiting, double oldestSeconds) {
    }

    /** See {@link DeploymentSql#WAITING_JOBS}. */
    Uni<Backlog> backlog() {
        return Sql.of(DeploymentSql.WAITING_JOBS).execute(pool).map(rows -> {
            Row row = rows.iterator().next();
            return new Backlog(row.getLong("waiting"), row.getNumeric("oldest_seconds").doubleValue());
        });
    }

    /** Extends the leases this owner holds on the given jobs; how many it still held. */
    Uni<Integer> renewLeases(String owner, List<UUID> deploymentIds, Duration lease) {
        return Sql.of(DeploymentSql.RENEW_LEASES).bind("owner", owner).bind("deployments", deploymentIds.toArray(UUID[]::new))
                .bind("lease_seconds", lease.toMillis() / 1000.0).execute(pool).map(rows -> rows.rowCount());
    }

    /** See {@link DeploymentSql#RELEASE_LEASES}: the jobs given back. */
    Uni<List<UUID>> releaseLeases(String owner) {
        return Sql.of(DeploymentSql.RELEASE_LEASES).bind("owner", owner).execute(pool)
                .map(rows -> map(rows, row -> row.getUUID("deployment_id")));
    }

    // --- tearing an environment down, in EnvironmentTeardown's claim transaction ---------------

    /** Whether a worker holds a live lease on a job of the environment. */
    Uni<Boolean> environmentBusy(SqlConnection connection, UUID environmentId) {
        return Sql.of(DeploymentSql.ENVIRONMENT_BUSY).bind("environment", environmentId).execute(connection)
                .map(rows -> rows.iterator().next().getBoolean("busy"));
    }

    /** Cancels every unfinished deployment of the environment (EnvironmentDeleted) and drops their jobs. */
    Uni<Void> cancelAllInEnvironment(SqlConnection connection, UUID environmentId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DeploymentStatus from : DeploymentStatus.values()) {
            if (from.isTerminal()) {
                continue;
            }
            StatusChange cancel = environmentDeleted(from);
            chain = chain.call(() -> entering(Sql.of(DeploymentSql.CANCEL_IN_ENVIRONMENT), cancel).bind("environment", environmentId)
                    .bind("reason", cancel.reason()).bind("message", cancel.message()).execute(connection)
                    .invoke(rows -> metrics.finished(cancel.to(), cancel.reason(), rows.rowCount())));
        }
        return chain.call(() -> Sql.of(DeploymentSql.DELETE_ENVIRONMENT_JOBS).bind("environment", environmentId).execute(connection));
    }

    /** The status change of a deployment whose environment is being deleted. */
    static StatusChange environmentDeleted(DeploymentStatus from) {
        return new StatusChange(from, DeploymentStatus.CANCELLED, "EnvironmentDeleted", "the environment is being deleted");
    }

    // --- shared by both sides ------------------------------------------------------------------

    /** The one status write: checked, guarded by the status it leaves; entering a terminal status drops the job. */
    Uni<Boolean> change(SqlTarget target, UUID id, StatusChange change) {
        Sql update = entering(Sql.of(DeploymentSql.CHANGE_STATUS), change).bind("id", id).bind("reason", change.reason())
                .bind("message", change.message()).bind("observed_replicas", change.observedReplicas());
        return target.update(update).flatMap(rows -> {
            if (rows == 0) {
                return Uni.createFrom().item(false);
            }
            if (!change.to().isTerminal()) {
                return Uni.createFrom().item(true);
            }
            metrics.finished(change.to(), change.reason(), 1);
            return target.update(Sql.of(DeploymentSql.DELETE_JOB).bind("id", id)).replaceWith(true);
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
        return Sql.of(DeploymentSql.INSERT).bind("id", d.id()).bind("environment_id", d.environmentId())
                .bind("application", d.application())
                .bind("environment", d.environment()).bind("spec", json(d.spec())).bind("score_document", d.scoreDocument())
                .bind("config_revision", d.configRevision())
                .bind("status", d.initialStatus().name())
                .bind("requested_by_subject", d.requestedBySubject()).bind("required_approvals", d.requiredApprovals())
                .bind("approval_expires_at", d.approvalExpiresAt()).bind("status_reason", d.statusReason())
                .bind("status_message", d.statusMessage()).bind("requested_by", d.requestedBy())
                .bind("request_reason", d.requestReason()).bind("source_commit", d.sourceCommit()).bind("source_url", d.sourceUrl())
                .bind("previous_deployment_id", d.previousDeploymentId()).bind("rollback_of", d.rollbackOf())
                .bind("promoted_from", d.promotedFrom()).bind("desired_replicas", d.desiredReplicas())
                .bind("created_at", d.createdAt()).bind("break_glass_by", d.breakGlassBy())
                .bind("break_glass_reason", d.breakGlassReason())
                .bind("trace_context", traceContext(DeploymentTraces.currentContext()));
    }

    private RunnableDeployment runnable(Row row) {
        return new RunnableDeployment(row.getUUID("id"), row.getUUID("application_id"), row.getUUID("environment_id"),
                row.getString("application"), row.getString("environment"), row.getString("environment_type"), row.getString("namespace"),
                spec(row), row.getString("score_document"), row.getLong("config_revision"),
                DeploymentStatus.valueOf(row.getString("status")), row.getBoolean("auto_rollback"),
                clusterAddress(row), routing(row), workloadDefaults(row),
                row.getOffsetDateTime("created_at").toInstant());
    }

    /** The environment type's workload defaults; {@link WorkloadDefaults#NONE} (the safe defaults) when it sets none. */
    private WorkloadDefaults workloadDefaults(Row row) {
        String defaults = row.getString("type_workload_defaults");
        try {
            return defaults == null ? WorkloadDefaults.NONE : mapper.readValue(defaults, WorkloadDefaults.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored workload defaults of deployment " + row.getUUID("id") + "'s environment type "
                    + "are unreadable", e);
        }
    }

    /** The cluster's routing overridden by the environment type's; {@link RoutingSpec#NONE} when neither sets one. */
    private RoutingSpec routing(Row row) {
        try {
            String cluster = row.getString("cluster_routing");
            String type = row.getString("type_routing");
            RoutingSpec routing = cluster == null ? RoutingSpec.NONE : mapper.readValue(cluster, RoutingSpec.class);
            return routing.overriddenBy(type == null ? null : mapper.readValue(type, RoutingSpec.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored routing of deployment " + row.getUUID("id") + "'s environment is unreadable", e);
        }
    }

    /**
     * Where a row's cluster is, from the columns cluster_id, cluster, kind, api_url,
     * credentials_ref and credentials_version (every lifecycle statement that joins clusters selects them so).
     */
    static ClusterAddress clusterAddress(Row row) {
        return new ClusterAddress(row.getUUID("cluster_id"), row.getString("cluster"), ClusterKind.valueOf(row.getString("kind")),
                row.getString("api_url"), row.getString("credentials_ref"), row.getLong("credentials_version"));
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

    /** The job's trace context as stored; null (no column value) outside a trace. */
    private String traceContext(Map<String, String> context) {
        if (context.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trace context cannot be stored", e);
        }
    }

    /** An unreadable stored context only costs the trace's continuity, never the job. */
    private Map<String, String> traceContext(Row row) {
        String stored = row.getString("trace_context");
        if (stored == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(stored, mapper.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        } catch (JsonProcessingException e) {
            return Map.of();
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
