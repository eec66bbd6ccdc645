package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.slipway.cluster.ClusterKind;
import dev.slipway.cluster.driver.ClusterConnections;
import dev.slipway.cluster.driver.ClusterDriver;
import dev.slipway.cluster.driver.ClusterErrors;
import dev.slipway.cluster.driver.DriftDetector;
import dev.slipway.cluster.driver.RolloutOutcome;
import dev.slipway.cluster.driver.RolloutTracker;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.config.ConfigDelivery;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Drives one claimed deployment to a terminal status: APPLYING (server-side apply, retried on
 * cluster errors with bounded exponential backoff), PROGRESSING (rollout watch), then SUCCEEDED
 * or FAILED, optionally followed by an automatic rollback. Every transition is guarded by the
 * status it leaves, so a cancel or a second worker can never be overwritten. Blocking: runs on
 * the reconciler's threads.
 */
@ApplicationScoped
public class DeploymentRunner {
    private static final Logger LOG = Logger.getLogger(DeploymentRunner.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final ClusterDriver driver;
    private final ClusterConnections connections;
    private final ReconcilerConfig config;
    private final ObjectMapper mapper;
    private final DeploymentEventHub events;
    private final RolloutTracker tracker;
    private final ConfigDelivery delivery;
    /** Writes outcomes off the tracker's threads (they block on the database). */
    private final Executor finishers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "slipway-rollout-finisher");
        thread.setDaemon(true);
        return thread;
    });

    public DeploymentRunner(Pool pool, ClusterDriver driver, ClusterConnections connections, ReconcilerConfig config, ObjectMapper mapper,
            DeploymentEventHub events, RolloutTracker tracker, ConfigDelivery delivery) {
        this.pool = pool;
        this.delivery = delivery;
        this.events = events;
        this.tracker = tracker;
        this.driver = driver;
        this.connections = connections;
        this.config = config;
        this.mapper = mapper;
    }

    /** Everything the runner needs about a deployment, read in one query. */
    record Work(UUID id, UUID applicationId, UUID environmentId, String application, String environment, String namespace,
            WorkloadSpec spec, Long configRevision, DeploymentStatus status, boolean autoRollback,
            ClusterConnections.ClusterAddress cluster) {
    }

    /**
     * Applies the deployment and hands its rollout to the {@link RolloutTracker}; the returned
     * stage completes once the outcome is written. The calling worker is free as soon as this
     * method returns.
     */
    public CompletionStage<Void> run(DeploymentQueue.ClaimedJob job) {
        Work work = load(job.deploymentId());
        if (work == null || work.status().isTerminal()) {
            deleteJob(job.deploymentId());
            return CompletableFuture.completedFuture(null);
        }
        if (work.status() == DeploymentStatus.PENDING && !transition(work.id(), DeploymentStatus.PENDING, DeploymentStatus.APPLYING,
                "applying_at", "Applying", "applying manifests to cluster " + work.cluster().name())) {
            deleteJob(job.deploymentId()); // cancelled between claim and start
            return CompletableFuture.completedFuture(null);
        }
        ConfigDelivery.DeliveredConfig delivered;
        try {
            delivered = delivery.load(work.applicationId(), work.environmentId(), work.configRevision());
        } catch (ConfigDelivery.Undeliverable failure) {
            LOG.warnf("deployment %s cannot deliver configuration revision %s: %s", work.id(), work.configRevision(), failure.getMessage());
            finish(work, RolloutOutcome.failure("ConfigUnavailable", "configuration revision " + work.configRevision()
                    + " cannot be delivered: " + failure.getMessage(), 0));
            return CompletableFuture.completedFuture(null);
        }
        RenderTarget target = new RenderTarget(work.application(), work.environment(), work.namespace(), work.id().toString(),
                delivered.variables(), delivered.secrets());
        try {
            KubernetesClient client = connections.client(work.cluster());
            Set<String> lastApplied = lastAppliedObjects(work);
            List<HasMetadata> applied = withClusterRetries(() -> driver.apply(client, target, work.spec(), lastApplied));
            recordApplied(work, applied);
            transition(work.id(), DeploymentStatus.APPLYING, DeploymentStatus.PROGRESSING, "progressing_at", "Progressing",
                    "waiting for the rollout of " + work.namespace() + "/" + work.application());
            return tracker.track(client, target, config.rolloutDeadline())
                    .thenAcceptAsync(outcome -> finish(work, outcome), finishers)
                    .exceptionally(failure -> {
                        LOG.warnf(failure, "finishing deployment %s failed; its job is retried after the lease expires", work.id());
                        return null;
                    });
        } catch (RuntimeException failure) {
            String message = ClusterErrors.describe(failure);
            LOG.warnf("deployment %s failed on cluster %s: %s", work.id(), work.cluster().name(), message);
            LOG.debug("cluster failure detail", failure);
            finish(work, RolloutOutcome.failure(ClusterErrors.failureReason(failure), message, 0));
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Runs a cluster call, retrying failures the cluster may recover from. Delays double from the
     * initial backoff up to the maximum; a Retry-After from the API server wins when longer.
     */
    private <T> T withClusterRetries(java.util.function.Supplier<T> call) {
        AtomicInteger attempt = new AtomicInteger();
        return Uni.createFrom().item(() -> {
                    // The fabric8 client can leave this thread's interrupt flag set when it tears down an
                    // internal watch or request; it is not a cancellation of ours (shutdown uses the
                    // reconciler's stopping flag), so it must not fail the next blocking call.
                    Thread.interrupted();
                    T result = call.get();
                    Thread.interrupted();
                    return result;
                })
                .onFailure(ClusterErrors::isRetryable).retry().when(failures -> failures.onItem().transformToUniAndConcatenate(failure -> {
                    int n = attempt.incrementAndGet();
                    if (n >= config.maxAttempts()) {
                        return Uni.createFrom().failure(failure);
                    }
                    long exponential = Math.min(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() << Math.min(n - 1, 20));
                    Duration delay = Duration.ofMillis(Math.max(exponential, ClusterErrors.retryAfter(failure).toMillis()));
                    LOG.debugf("cluster call failed (attempt %d), retrying in %s: %s", n, delay, ClusterErrors.describe(failure));
                    return Uni.createFrom().item(n).onItem().delayIt().by(delay);
                }))
                .await().indefinitely();
    }

    private void finish(Work work, RolloutOutcome outcome) {
        DeploymentStatus status = outcome.succeeded() ? DeploymentStatus.SUCCEEDED : DeploymentStatus.FAILED;
        pool.withTransaction(connection -> connection.preparedQuery("""
                        UPDATE deployments SET status = $2, status_reason = $3, status_message = left($4, 2000), observed_replicas = $5,
                               finished_at = now(), updated_at = now(), version = version + 1
                         WHERE id = $1 AND status IN ('APPLYING', 'PROGRESSING')""")
                .execute(Tuple.of(work.id(), status.name(), outcome.reason(), outcome.message(), outcome.readyReplicas()))
                .flatMap(updated -> updated.rowCount() == 0 ? Uni.createFrom().voidItem() : afterFinish(connection, work, outcome))
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM deployment_jobs WHERE deployment_id = $1").execute(Tuple.of(work.id())))
                .replaceWithVoid())
                .await().atMost(QUERY_TIMEOUT);
        events.announce();
    }

    /** Success makes it the environment's current deployment; a failure may trigger a rollback. */
    private Uni<Void> afterFinish(io.vertx.mutiny.sqlclient.SqlConnection connection, Work work, RolloutOutcome outcome) {
        if (outcome.succeeded()) {
            return connection.preparedQuery("UPDATE environments SET current_deployment_id = $2 WHERE id = $1")
                    .execute(Tuple.of(work.environmentId(), work.id())).replaceWithVoid();
        }
        if (!work.autoRollback()) {
            return Uni.createFrom().voidItem();
        }
        UUID rollbackId = UUID.randomUUID();
        // The last succeeded deployment's exact spec and configuration revision, as a new deployment linked to both.
        return connection.preparedQuery("""
                        WITH last_good AS (
                            SELECT d.* FROM deployments d JOIN environments e ON e.current_deployment_id = d.id
                             WHERE e.id = $1 AND d.id <> $2
                               -- a failed rollback is not rolled back again: that could loop forever
                               AND NOT EXISTS (SELECT 1 FROM deployments failed WHERE failed.id = $2 AND failed.rollback_of IS NOT NULL)),
                        rollback AS (
                            INSERT INTO deployments (id, environment_id, application, environment, spec, config_revision, status, status_reason,
                                   status_message, requested_by, request_reason, previous_deployment_id, rollback_of, desired_replicas, created_at,
                                   updated_at, version)
                            SELECT $3, environment_id, application, environment, spec, config_revision, 'PENDING', 'AutoRollback',
                                   'automatic rollback after deployment ' || $5 || ' failed', 'slipway', 'automatic rollback: ' || $4,
                                   id, id, desired_replicas, now(), now(), 0 FROM last_good
                            RETURNING id, environment_id)
                        INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, created_at)
                        SELECT id, environment_id, 0, now(), now() FROM rollback""")
                .execute(Tuple.of(work.environmentId(), work.id(), rollbackId, outcome.reason(), work.id().toString()))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.infof("deployment %s failed (%s); rolling back with deployment %s", work.id(), outcome.reason(), rollbackId);
                    }
                })
                .replaceWithVoid();
    }

    private boolean transition(UUID id, DeploymentStatus from, DeploymentStatus to, String timestampColumn, String reason, String message) {
        RowSet<Row> rows = pool.preparedQuery("UPDATE deployments SET status = $3, status_reason = $4, status_message = $5, "
                        + timestampColumn + " = now(), updated_at = now(), version = version + 1 WHERE id = $1 AND status = $2")
                .execute(Tuple.of(id, from.name(), to.name(), reason, message))
                .await().atMost(QUERY_TIMEOUT);
        events.announce();
        return rows.rowCount() == 1;
    }

    private void recordApplied(Work work, List<HasMetadata> applied) {
        String manifests;
        try {
            // Secret values are never stored: the record keeps which keys were applied, not what they hold.
            manifests = mapper.writeValueAsString(DriftDetector.recordedForm(mapper, applied));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        pool.preparedQuery("""
                        INSERT INTO applied_manifests (environment_id, deployment_id, manifests, applied_at)
                        VALUES ($1, $2, CAST($3::text AS jsonb), now())
                        ON CONFLICT (environment_id) DO UPDATE SET deployment_id = EXCLUDED.deployment_id,
                               manifests = EXCLUDED.manifests, applied_at = EXCLUDED.applied_at""")
                .execute(Tuple.of(work.environmentId(), work.id(), manifests))
                .await().atMost(QUERY_TIMEOUT);
    }

    /**
     * The names ({@link ClusterDriver#names}) of the objects the environment's last recorded apply
     * rendered, or null when another deployment has started applying since (it may have left
     * objects behind before failing) or nothing was recorded: the driver then prunes. A deployment
     * that starts applying after the recorded one was created after it (claiming supersedes the
     * older pending ones), so only newer deployments are looked at.
     */
    private Set<String> lastAppliedObjects(Work work) {
        RowSet<Row> rows = pool.preparedQuery("""
                        SELECT o->>'kind' AS kind, o->'metadata'->>'name' AS name
                          FROM applied_manifests m JOIN deployments recorded ON recorded.id = m.deployment_id
                         CROSS JOIN LATERAL jsonb_array_elements(m.manifests) o
                         WHERE m.environment_id = $1
                           AND NOT EXISTS (SELECT 1 FROM deployments d
                                            WHERE d.environment_id = $1 AND d.created_at >= recorded.created_at
                                              AND d.id <> recorded.id AND d.id <> $2 AND d.applying_at IS NOT NULL)""")
                .execute(Tuple.of(work.environmentId(), work.id()))
                .await().atMost(QUERY_TIMEOUT);
        if (rows.rowCount() == 0) {
            return null;
        }
        Set<String> names = new java.util.HashSet<>();
        rows.forEach(row -> names.add(row.getString("kind") + "/" + row.getString("name")));
        return names;
    }

    private void deleteJob(UUID deploymentId) {
        pool.preparedQuery("DELETE FROM deployment_jobs WHERE deployment_id = $1").execute(Tuple.of(deploymentId)).await().atMost(QUERY_TIMEOUT);
    }

    private Work load(UUID deploymentId) {
        RowSet<Row> rows = pool.preparedQuery("""
                        SELECT d.id, d.environment_id, d.application, d.environment, d.spec::text AS spec, d.status, d.config_revision,
                               e.application_id, e.namespace, e.auto_rollback, c.name AS cluster, c.kind, c.api_url, c.credentials_ref
                          FROM deployments d JOIN environments e ON e.id = d.environment_id JOIN clusters c ON c.name = e.cluster
                         WHERE d.id = $1""")
                .execute(Tuple.of(deploymentId)).await().atMost(QUERY_TIMEOUT);
        if (rows.rowCount() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        try {
            return new Work(row.getUUID("id"), row.getUUID("application_id"), row.getUUID("environment_id"), row.getString("application"),
                    row.getString("environment"), row.getString("namespace"), mapper.readValue(row.getString("spec"), WorkloadSpec.class),
                    row.getLong("config_revision"), DeploymentStatus.valueOf(row.getString("status")), row.getBoolean("auto_rollback"),
                    new ClusterConnections.ClusterAddress(row.getString("cluster"), ClusterKind.valueOf(row.getString("kind")),
                            row.getString("api_url"), row.getString("credentials_ref")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of deployment " + deploymentId + " is unreadable", e);
        }
    }
}
