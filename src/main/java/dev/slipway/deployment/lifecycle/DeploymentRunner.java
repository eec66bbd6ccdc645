package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.driver.ClusterAvailability;
import dev.slipway.cluster.driver.ClusterConnections;
import dev.slipway.cluster.driver.ClusterDriver;
import dev.slipway.cluster.driver.ClusterErrors;
import dev.slipway.cluster.driver.DriftDetector;
import dev.slipway.cluster.driver.ReleaseJobs;
import dev.slipway.cluster.driver.RolloutOutcome;
import dev.slipway.cluster.driver.RolloutTracker;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.runtime.LogContext;
import dev.slipway.runtime.SecretMask;
import dev.slipway.runtime.Threads;
import dev.slipway.store.SqlTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import static dev.slipway.deployment.lifecycle.DeploymentStatus.APPLYING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.FAILED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PENDING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PROGRESSING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PROVISIONING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.SUCCEEDED;

/**
 * Drives one claimed deployment to a terminal status: APPLYING (server-side apply, retried on
 * cluster errors with bounded exponential backoff), PROGRESSING (the rollout, judged by the
 * {@link RolloutTracker}), then SUCCEEDED or FAILED, optionally followed by an automatic
 * rollback. Each step is a {@link StatusChange} the store checks and guards by the status it
 * leaves, so a cancel or a second worker is never overwritten. Blocking: runs on the
 * reconciler's threads.
 */
@ApplicationScoped
public class DeploymentRunner {
    private static final Logger LOG = Logger.getLogger(DeploymentRunner.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FINISHERS_GRACE = Duration.ofSeconds(5);
    /** Kubernetes fails a Job at its activeDeadlineSeconds itself; this is for a cluster that never says. */
    private static final Duration RELEASE_DEADLINE_SLACK = Duration.ofSeconds(60);

    private final DeploymentStore store;
    private final ClusterDriver driver;
    private final ClusterConnections connections;
    private final ReconcilerConfig config;
    private final ObjectMapper mapper;
    private final DeploymentEventHub events;
    private final RolloutTracker tracker;
    private final WorkloadPreparation preparation;
    private final ClusterBulkhead bulkhead;
    private final ClusterAvailability availability;
    private final TeardownStore teardowns;
    private final ReleaseJobs releases;
    private final Formations formations;
    private final DeploymentMetrics metrics;
    private final DeploymentTraces traces;
    /**
     * Writes outcomes off the tracker's threads (they block on the database), and applies the
     * workloads of deployments whose release job completed.
     */
    private final ExecutorService finishers = Executors.newFixedThreadPool(4, Threads.named("slipway-rollout-finisher"));

    public DeploymentRunner(DeploymentStore store, ClusterDriver driver, ClusterConnections connections, ReconcilerConfig config,
            ObjectMapper mapper, DeploymentEventHub events, RolloutTracker tracker, WorkloadPreparation preparation,
            ClusterBulkhead bulkhead, ClusterAvailability availability, TeardownStore teardowns, ReleaseJobs releases,
            Formations formations, DeploymentMetrics metrics, DeploymentTraces traces) {
        this.store = store;
        this.driver = driver;
        this.connections = connections;
        this.config = config;
        this.mapper = mapper;
        this.events = events;
        this.tracker = tracker;
        this.preparation = preparation;
        this.bulkhead = bulkhead;
        this.availability = availability;
        this.teardowns = teardowns;
        this.releases = releases;
        this.formations = formations;
        this.metrics = metrics;
        this.traces = traces;
    }

    @PreDestroy
    void stop() {
        Threads.stop(finishers, FINISHERS_GRACE);
    }

    /**
     * Applies the deployment and hands its rollout to the {@link RolloutTracker}; the returned
     * stage completes once the outcome is written. The calling worker is free as soon as this
     * method returns. The run continues the trace of the request that queued the job.
     */
    public CompletionStage<Void> run(ClaimedJob job) {
        Context run = traces.startRun(job);
        CompletionStage<Void> finished;
        try (Scope scope = run.makeCurrent()) {
            finished = runTraced(job);
        } catch (RuntimeException | Error failure) {
            DeploymentTraces.endRun(run, failure);
            throw failure;
        }
        return finished.whenComplete((ignored, failure) -> DeploymentTraces.endRun(run, failure));
    }

    private CompletionStage<Void> runTraced(ClaimedJob job) {
        RunnableDeployment deployment = await(store.runnable(job.deploymentId()));
        if (deployment != null) {
            DeploymentTraces.describe(deployment);
        }
        if (deployment == null || deployment.status().isTerminal()) {
            await(store.deleteJob(job.deploymentId()));
            return done();
        }
        try (LogContext.Scope logged = LogContext.open(LogContext.DEPLOYMENT_ID, deployment.id(), LogContext.APPLICATION,
                deployment.application(), LogContext.ENVIRONMENT, deployment.environment())) {
            ClusterBulkhead.Permit permit = bulkhead.tryEnter(deployment.cluster().name());
            if (permit == null) { // the cluster's share of the workers is busy: claim another job meanwhile
                await(store.postponeJob(job.deploymentId(), config.busyClusterDelay()));
                return done();
            }
            try (permit) {
                return start(job, deployment);
            }
        }
    }

    /** Provisions, prepares and applies a deployment this worker holds its cluster's permit for. */
    private CompletionStage<Void> start(ClaimedJob job, RunnableDeployment deployment) {
        // A job reclaimed from a crashed worker is PROVISIONING, APPLYING or PROGRESSING already and goes on from there.
        DeploymentStatus status = deployment.status();
        if (status == PENDING) {
            Set<String> resources = WorkloadPreparation.requests(deployment).keySet();
            status = resources.isEmpty() ? APPLYING : PROVISIONING;
            if (!change(deployment, status == APPLYING
                    ? new StatusChange(PENDING, APPLYING, "Applying", "applying manifests to cluster " + deployment.cluster().name())
                    : new StatusChange(PENDING, PROVISIONING, "Provisioning", "provisioning resources " + resources))) {
                await(store.deleteJob(job.deploymentId())); // cancelled between claim and start
                return done();
            }
        }
        KubernetesClient client;
        boolean namespaceExists;
        try {
            client = connections.client(deployment.cluster());
            namespaceExists = withClusterRetries(() -> driver.namespaceExists(client, deployment.namespace()));
        } catch (RuntimeException failure) {
            return failOnCluster(deployment, status, failure);
        }
        // Before anything goes into the cluster, the environment records that it will have to be torn down.
        if (!await(teardowns.markFootprint(deployment.environmentId()))) { // being deleted: nothing may go there any more
            change(deployment, DeploymentStore.environmentDeleted(status)); // a terminal status: the job goes with it
            return done();
        }
        try {
            if (!namespaceExists && withClusterRetries(() -> driver.createNamespace(client, deployment.namespace()))) {
                await(teardowns.markNamespaceCreated(deployment.environmentId()));
            }
        } catch (RuntimeException failure) {
            return failOnCluster(deployment, status, failure);
        }
        WorkloadPreparation.Prepared prepared;
        try {
            // Also for a reclaimed APPLYING or PROGRESSING job: unchanged resources only give their outputs back.
            prepared = preparation.render(deployment,
                    traces.phase("deployment.provision", () -> preparation.provision(deployment, client)));
        } catch (WorkloadPreparation.Unprepared unprepared) {
            finish(deployment, status, RolloutOutcome.failure(unprepared.reason, unprepared.getMessage(), 0));
            return done();
        }
        if (status == PROVISIONING && !change(deployment, new StatusChange(PROVISIONING, APPLYING, "Applying",
                "applying manifests to cluster " + deployment.cluster().name()))) {
            return done(); // another worker moved it on meanwhile; whoever holds the job's lease finishes it
        }
        return apply(deployment, status == PROVISIONING ? APPLYING : status, client, prepared);
    }

    /**
     * Applies configuration, Secrets and the release Job; once the job completed (at once without
     * one) the workloads. A failed release job fails the deployment before any workload changes.
     */
    private CompletionStage<Void> apply(RunnableDeployment deployment, DeploymentStatus status, KubernetesClient client,
            WorkloadPreparation.Prepared prepared) {
        RenderTarget target = prepared.target();
        ManifestRenderer.Rendered rendered;
        try {
            rendered = ManifestRenderer.renderParts(target, prepared.spec());
            traces.phase("deployment.apply", () -> withClusterRetries(() -> {
                driver.applyShared(client, target, rendered);
                return null;
            }));
        } catch (SlipwayException.Invalid invalid) { // a resolved value the spec cannot take (routes are checked before their claim)
            finish(deployment, status, RolloutOutcome.failure("InvalidSpec", invalid.getMessage(), 0));
            return done();
        } catch (RuntimeException failure) {
            return failOnCluster(deployment, status, failure);
        }
        if (rendered.release() == null) {
            return applyWorkloads(deployment, status, client, prepared, rendered);
        }
        Duration deadline = Duration.ofSeconds(prepared.spec().release().deadlineOrDefault()).plus(RELEASE_DEADLINE_SLACK);
        SecretMask mask = new SecretMask(target.secrets().allValues());
        return releases.await(client, deployment.namespace(), rendered.release().getMetadata().getName(), deadline)
                .thenComposeAsync(Context.current().wrapFunction(outcome -> {
                    if (!outcome.succeeded()) { // its log may print what it connected with
                        finish(deployment, status, RolloutOutcome.failure(outcome.reason(), mask.apply(outcome.message()), 0));
                        return done();
                    }
                    return applyWorkloads(deployment, status, client, prepared, rendered);
                }), LogContext.carrying(finishers))
                .exceptionally(failure -> {
                    LOG.warnf(failure, "deployment %s failed after its release job; its job is retried after the lease expires",
                            deployment.id());
                    return null;
                });
    }

    private CompletionStage<Void> applyWorkloads(RunnableDeployment deployment, DeploymentStatus status, KubernetesClient client,
            WorkloadPreparation.Prepared prepared, ManifestRenderer.Rendered rendered) {
        RenderTarget target = prepared.target();
        try {
            Set<String> lastApplied = await(store.lastAppliedObjects(deployment.environmentId(), deployment.id()));
            List<HasMetadata> applied = traces.phase("deployment.apply",
                    () -> withClusterRetries(() -> driver.applyWorkloads(client, target, rendered, lastApplied)));
            await(store.recordApplied(deployment.environmentId(), deployment.id(), recordedForm(applied)));
            await(formations.replace(deployment.environmentId(), WorkloadPreparation.formation(target, prepared.spec())));
        } catch (RuntimeException failure) {
            return failOnCluster(deployment, status, failure);
        }
        if (status == APPLYING && !change(deployment, new StatusChange(APPLYING, PROGRESSING, "Progressing",
                "waiting for the rollout of " + rolloutNames(deployment, rendered)))) {
            return done(); // another worker moved it on meanwhile; whoever holds the job's lease finishes it
        }
        if (status == APPLYING) { // a reclaimed PROGRESSING job was counted when it was first applied
            metrics.applied(deployment.acceptedAt());
        }
        return track(deployment, client, target, rendered.rollouts());
    }

    private static String rolloutNames(RunnableDeployment deployment, ManifestRenderer.Rendered rendered) {
        if (rendered.rollouts().isEmpty()) {
            return "no long-running workload";
        }
        return rendered.rollouts().stream().map(rollout -> deployment.namespace() + "/" + rollout.name())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Hands the rollouts to the tracker; the lease stays renewed until the outcome is written. */
    private CompletionStage<Void> track(RunnableDeployment deployment, KubernetesClient client, RenderTarget target,
            List<ManifestRenderer.Rollout> rollouts) {
        Span rollout = traces.startPhase("deployment.rollout");
        try {
            return tracker.track(client, target, rollouts, config.rolloutDeadline())
                    .whenComplete((outcome, failure) -> DeploymentTraces.endRollout(rollout, outcome, failure))
                    .thenAcceptAsync(Context.current().wrapConsumer(outcome -> {
                        finish(deployment, PROGRESSING, outcome);
                        if (outcome.succeeded()) {
                            preparation.removeUnused(deployment, client);
                        }
                    }), LogContext.carrying(finishers))
                    .exceptionally(failure -> {
                        LOG.warnf(failure, "finishing deployment %s failed; its job is retried after the lease expires", deployment.id());
                        return null;
                    });
        } catch (RuntimeException failure) {
            DeploymentTraces.endRollout(rollout, null, failure);
            return failOnCluster(deployment, PROGRESSING, failure);
        }
    }

    private CompletionStage<Void> failOnCluster(RunnableDeployment deployment, DeploymentStatus status, RuntimeException failure) {
        String message = ClusterErrors.describe(failure);
        LOG.warnf("deployment %s failed on cluster %s: %s", deployment.id(), deployment.cluster().name(), ClusterErrors.detail(failure));
        LOG.debug("cluster failure detail", failure);
        if (ClusterErrors.isUnreachable(failure)) {
            availability.markDown(deployment.cluster()); // its next deployments fail at once for the cool-off
        }
        finish(deployment, status, RolloutOutcome.failure(ClusterErrors.failureReason(failure),
                message, 0));
        return done();
    }

    /**
     * Runs a cluster call, retrying failures the cluster may recover from. Delays double from the
     * initial backoff up to the maximum; a Retry-After from the API server wins when longer.
     */
    private <T> T withClusterRetries(Supplier<T> call) {
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
                    LOG.debugf("cluster call failed (attempt %d), retrying in %s: %s", n, delay, ClusterErrors.detail(failure));
                    return Uni.createFrom().item(n).onItem().delayIt().by(delay);
                }))
                .await().indefinitely();
    }

    /** Writes the outcome, and what follows from it, in one transaction. */
    private void finish(RunnableDeployment deployment, DeploymentStatus from, RolloutOutcome outcome) {
        StatusChange change = new StatusChange(from, outcome.succeeded() ? SUCCEEDED : FAILED, outcome.reason(), outcome.message(),
                outcome.readyReplicas());
        DeploymentTraces.finished(outcome);
        boolean changed = await(store.inTransaction(connection -> store.change(SqlTarget.client(connection), deployment.id(), change)
                .call(written -> written ? afterFinish(connection, deployment, outcome) : Uni.createFrom().voidItem())));
        if (changed) {
            metrics.finishedAfter(change.to(), deployment.acceptedAt());
        }
        events.announce();
    }

    /** Success makes it the environment's current deployment; a failure may trigger a rollback. */
    private Uni<Void> afterFinish(SqlConnection connection, RunnableDeployment deployment, RolloutOutcome outcome) {
        if (outcome.succeeded()) {
            return store.makeCurrent(connection, deployment.environmentId(), deployment.id());
        }
        if (!deployment.autoRollback()) {
            return Uni.createFrom().voidItem();
        }
        return store.insertAutomaticRollback(connection, deployment.environmentId(), deployment.id(), outcome.reason())
                .invoke(rollback -> {
                    if (rollback != null) {
                        LOG.infof("deployment %s failed (%s); rolling back with deployment %s", deployment.id(), outcome.reason(),
                                rollback);
                    }
                })
                .replaceWithVoid();
    }

    private boolean change(RunnableDeployment deployment, StatusChange change) {
        boolean changed = await(store.changeOnPool(deployment.id(), change));
        if (changed) {
            DeploymentTraces.entered(change.to());
        }
        events.announce();
        return changed;
    }

    /** Secret values are never stored: the record keeps which keys were applied, not what they hold. */
    private String recordedForm(List<HasMetadata> applied) {
        try {
            return mapper.writeValueAsString(DriftDetector.recordedForm(mapper, applied));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Uni<T> statement) {
        return statement.await().atMost(QUERY_TIMEOUT);
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
