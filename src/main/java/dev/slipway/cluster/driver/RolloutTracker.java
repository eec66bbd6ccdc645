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

    private static final class Tracked {
        final KubernetesClient client;
        final RenderTarget target;
        final Instant deadline;
        final Duration deadlineLength;
        final CompletableFuture<RolloutOutcome> outcome = new CompletableFuture<>();
        volatile Instant nextPodCheck;

        Tracked(KubernetesClient client, RenderTarget target, Duration deadline) {
            this.client = client;
            this.target = target;
            this.deadlineLength = deadline;
            this.deadline = Instant.now().plus(deadline);
            this.nextPodCheck = Instant.now().plus(POD_CHECK);
        }
    }

    public RolloutTracker() {
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the rollout's outcome; the deployment was applied to the client's cluster. Blocking on first use of a cluster. */
    public CompletableFuture<RolloutOutcome> track(KubernetesClient client, RenderTarget target, Duration deadline) {
        SharedIndexInformer<Deployment> informer = informers.computeIfAbsent(client, this::inform);
        Tracked rollout = new Tracked(client, target, deadline);
        String key = key(target.namespace(), target.application());
        Tracked previous = tracked.put(key, rollout);
        if (previous != null) {
            previous.outcome.complete(RolloutOutcome.failure("Superseded", "a newer rollout of the same workload started", 0));
        }
        // The change may have happened before we registered: look at the informer's cache once.
        consider(rollout, informer.getStore().getByKey(key));
        return rollout.outcome;
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
        if (deployment == null || !rollout.target.deploymentId().equals(annotation(deployment))) {
            return; // not yet the applied generation in the informer's view
        }
        RolloutOutcome outcome = ClusterDriver.evaluate(deployment, List.of(), rollout.target.deploymentId());
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
            RolloutOutcome fromPods = ClusterDriver.evaluate(deployment, pods(rollout), rollout.target.deploymentId());
            return fromPods != null ? fromPods : outcome;
        } catch (RuntimeException e) {
            return outcome;
        }
    }

    private static List<Pod> pods(Tracked rollout) {
        return rollout.client.pods().inNamespace(rollout.target.namespace())
                .withLabels(ManifestRenderer.selectorLabels(rollout.target.application(), rollout.target.environment()))
                .list().getItems();
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
                    Deployment deployment = informers.get(rollout.client).getStore()
                            .getByKey(key(rollout.target.namespace(), rollout.target.application()));
                    if (deployment != null) {
                        RolloutOutcome outcome = ClusterDriver.evaluate(deployment, pods, rollout.target.deploymentId());
                        if (outcome != null) {
                            settle(rollout, outcome);
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "checking rollout of %s failed; will retry", rollout.target.deploymentId());
            }
        }
    }

    private void settle(Tracked rollout, RolloutOutcome outcome) {
        tracked.remove(key(rollout.target.namespace(), rollout.target.application()), rollout);
        rollout.outcome.complete(outcome);
    }

    private static String annotation(Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ManifestRenderer.DEPLOYMENT_ID_ANNOTATION);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        Threads.stop(sweeper, Duration.ofSeconds(1));
        informers.values().forEach(SharedIndexInformer::close);
    }
}
