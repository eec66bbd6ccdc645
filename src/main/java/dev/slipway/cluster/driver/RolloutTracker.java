package dev.slipway.cluster.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.runtime.Threads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Watches every rollout in flight with one informer per cluster (Deployments Slipway manages),
 * so a worker hands its deployment over after applying and is free for the next one. A rollout
 * is settled when its Deployment reports success or ProgressDeadlineExceeded (on each change),
 * when one of its pods is stuck in a fatal waiting state (checked every few seconds), or when its
 * deadline passes.
 */
@ApplicationScoped
public class RolloutTracker {
    private static final Logger LOG = Logger.getLogger(RolloutTracker.class);
    private static final Duration SWEEP = Duration.ofMillis(500);
    private static final Duration POD_CHECK = Duration.ofSeconds(2);

    private final Map<KubernetesClient, SharedIndexInformer<Deployment>> informers = new ConcurrentHashMap<>();
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Threads.named("slipway-rollout-sweeper"));

    /** One Deployment's rollout. */
    private static final class Tracked {
        final KubernetesClient client;
        final String namespace;
        final String deploymentId;
        final ManifestRenderer.Rollout rollout;
        final Instant deadline;
        final Duration deadlineLength;
        final CompletableFuture<RolloutOutcome> outcome = new CompletableFuture<>();
        volatile Instant nextPodCheck;

        Tracked(KubernetesClient client, String namespace, String deploymentId, ManifestRenderer.Rollout rollout, Duration deadline) {
            this.client = client;
            this.namespace = namespace;
            this.deploymentId = deploymentId;
            this.rollout = rollout;
            this.deadlineLength = deadline;
            this.deadline = Instant.now().plus(deadline);
            this.nextPodCheck = Instant.now().plus(POD_CHECK);
        }

        String key() {
            return RolloutTracker.key(namespace, rollout.name());
        }
    }

    public RolloutTracker() {
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Completes with the outcome of a deployment's rollouts, applied to the client's cluster: a
     * success once every Deployment succeeded, else the first failure, naming its workload when
     * there are several. No Deployment (cron workloads only) is a success at once. Blocking on
     * first use of a cluster.
     */
    public CompletableFuture<RolloutOutcome> track(KubernetesClient client, RenderTarget target, List<ManifestRenderer.Rollout> rollouts,
            Duration deadline) {
        if (rollouts.isEmpty()) {
            return CompletableFuture.completedFuture(RolloutOutcome.success(0));
        }
        List<CompletableFuture<RolloutOutcome>> each = rollouts.stream()
                .map(rollout -> trackOne(client, target, rollout, deadline)
                        .thenApply(outcome -> rollouts.size() == 1 || outcome.succeeded() ? outcome : outcome.of(rollout.workload())))
                .toList();
        CompletableFuture<RolloutOutcome> all = new CompletableFuture<>();
        each.forEach(one -> one.thenAccept(outcome -> {
            if (!outcome.succeeded()) {
                all.complete(outcome);
            } else if (each.stream().allMatch(f -> f.isDone() && f.join().succeeded())) {
                all.complete(RolloutOutcome.success(each.stream().mapToInt(f -> f.join().readyReplicas()).sum()));
            }
        }));
        // The first failure decides; the other rollouts are no longer watched.
        all.thenAccept(outcome -> {
            if (!outcome.succeeded()) {
                rollouts.forEach(rollout -> untrack(target.namespace(), rollout.name(), target.deploymentId()));
            }
        });
        return all;
    }

    private CompletableFuture<RolloutOutcome> trackOne(KubernetesClient client, RenderTarget target, ManifestRenderer.Rollout rollout,
            Duration deadline) {
        SharedIndexInformer<Deployment> informer = informers.computeIfAbsent(client, this::inform);
        Tracked tracking = new Tracked(client, target.namespace(), target.deploymentId(), rollout, deadline);
        Tracked previous = tracked.put(tracking.key(), tracking);
        if (previous != null) {
            previous.outcome.complete(RolloutOutcome.failure("Superseded", "a newer rollout of the same workload started", 0));
        }
        // The change may have happened before we registered: look at the informer's cache once.
        consider(tracking, informer.getStore().getByKey(tracking.key()));
        return tracking.outcome;
    }

    private void untrack(String namespace, String name, String deploymentId) {
        Tracked tracking = tracked.get(key(namespace, name));
        if (tracking != null && tracking.deploymentId.equals(deploymentId)) {
            settle(tracking, RolloutOutcome.failure("Superseded", "another workload of the deployment failed", 0));
        }
    }

    /** Stops watching through a client about to be closed (its cluster got a new one). */
    void forget(@Observes ClusterConnections.RetiredClient retired) {
        SharedIndexInformer<Deployment> informer = informers.remove(retired.client());
        if (informer != null) {
            informer.close();
        }
    }

    private SharedIndexInformer<Deployment> inform(KubernetesClient client) {
        return client.apps().deployments().inAnyNamespace()
                .withLabel(ManifestRenderer.MANAGED_BY_LABEL, ManifestRenderer.MANAGED_BY)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Deployment deployment) {
                        changed(deployment);
                    }

                    @Override
                    public void onUpdate(Deployment before, Deployment after) {
                        changed(after);
                    }

                    @Override
                    public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                        Tracked rollout = tracked.get(key(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName()));
                        if (rollout != null) {
                            settle(rollout, RolloutOutcome.failure("NotFound", "the Deployment was deleted during the rollout", 0));
                        }
                    }
                }, 0);
    }

    private void changed(Deployment deployment) {
        Tracked rollout = tracked.get(key(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName()));
        if (rollout != null) {
            consider(rollout, deployment);
        }
    }

    private void consider(Tracked rollout, Deployment deployment) {
        if (deployment == null || !rollout.deploymentId.equals(annotation(deployment))) {
            return; // not yet the applied generation in the informer's view
        }
        RolloutOutcome outcome = ClusterDriver.evaluate(deployment, List.of(), rollout.deploymentId);
        if (outcome != null && !outcome.succeeded()) {
            // The pods usually say more precisely why (ImagePullBackOff rather than a deadline).
            outcome = withPodReason(rollout, deployment, outcome);
        }
        if (outcome != null) {
            settle(rollout, outcome);
        }
    }

    private static RolloutOutcome withPodReason(Tracked rollout, Deployment deployment, RolloutOutcome outcome) {
        try {
            RolloutOutcome fromPods = ClusterDriver.evaluate(deployment, pods(rollout), rollout.deploymentId);
            return fromPods != null ? fromPods : outcome;
        } catch (RuntimeException e) {
            return outcome;
        }
    }

    private static List<Pod> pods(Tracked rollout) {
        return rollout.client.pods().inNamespace(rollout.namespace).withLabels(rollout.rollout.selector()).list().getItems();
    }

    /** Deadlines, and pods stuck in a fatal state (which the Deployment's status may not show for minutes). */
    private void sweep() {
        Instant now = Instant.now();
        for (Tracked rollout : tracked.values()) {
            try {
                if (now.isAfter(rollout.deadline)) {
                    settle(rollout, RolloutOutcome.failure("RolloutTimeout",
                            "the rollout did not finish within " + rollout.deadlineLength.toSeconds() + "s", 0));
                } else if (now.isAfter(rollout.nextPodCheck)) {
                    rollout.nextPodCheck = now.plus(POD_CHECK);
                    List<Pod> pods = pods(rollout);
                    Deployment deployment = informers.get(rollout.client).getStore().getByKey(rollout.key());
                    if (deployment != null) {
                        RolloutOutcome outcome = ClusterDriver.evaluate(deployment, pods, rollout.deploymentId);
                        if (outcome != null) {
                            settle(rollout, outcome);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "checking rollout of %s failed; will retry", rollout.deploymentId);
            }
        }
    }

    private void settle(Tracked rollout, RolloutOutcome outcome) {
        tracked.remove(rollout.key(), rollout);
        rollout.outcome.complete(outcome);
    }

    private static String annotation(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ManifestRenderer.DEPLOYMENT_ID_ANNOTATION);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /**
     * A replica shutting down gives its jobs back: their rollouts are no longer watched here, and
     * their outcomes never complete (so this replica writes nothing more about them); the job's
     * next owner applies again and judges the rollout itself. Answers how many were dropped.
     */
    public int abandonAll() {
        int abandoned = 0;
        for (Tracked rollout : tracked.values()) {
            if (tracked.remove(rollout.key(), rollout)) {
                abandoned++;
            }
        }
        return abandoned;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        Threads.stop(sweeper, Duration.ofSeconds(1));
        informers.values().forEach(SharedIndexInformer::close);
    }
}
