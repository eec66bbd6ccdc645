package dev.slipway.local.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.slipway.runtime.Threads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;

/**
 * Plays the cluster's controllers for the sandbox: Deployments here, StatefulSets in
 * {@link SimulatedStatefulSets}, Jobs in {@link SimulatedJobs}, horizontal pod autoscalers in
 * {@link SimulatedAutoscalers}, operators of custom resources in {@link SimulatedCustomResources};
 * all of them record Events ({@link SimulatedEvents}).
 * Some hundred milliseconds
 * after a Deployment's generation changes it writes that generation's pods, deletes the previous
 * generation's, and writes the Deployment status through the status subresource, so a rollout
 * watcher sees what it would see on a real cluster. It also deletes the pods of deleted
 * Deployments (garbage collection by owner reference).
 *
 * <p>Its work runs on a pool of threads of its own: the steps for one Deployment run one after
 * the other, in order, while different Deployments roll out side by side (one thread capped the
 * sandbox at about 20 rollouts a second; a thread per group of Deployments let an unlucky group
 * fall seconds behind). It reads Deployments from its
 * informer's cache, as a real controller does; a stale read shows as a 409 on the status write,
 * which is then retried with a fresh read.
 */
public final class SimulatedController implements AutoCloseable, ControllerSteps {

    private static final Logger LOG = Logger.getLogger(SimulatedController.class);
    /** How often pods whose Deployment is gone are removed, as Kubernetes' garbage collector would. */
    private static final Duration ORPHAN_SWEEP = Duration.ofSeconds(1);
    private static final Duration HELD_RECHECK = Duration.ofMillis(100);
    private static final Duration INFORMER_SYNC_TIMEOUT = Duration.ofSeconds(10);
    private static final int STATUS_WRITE_ATTEMPTS = 3;
    /** Rollouts are mostly waiting for the API server, so several threads help even on few cores. */
    static final int WORKERS = 8;

    private final KubernetesClient client;
    private final Duration rolloutDelay;
    private final ImageBehaviour images;
    private final SimulatedEvents events;
    /** Fires delayed steps; the steps themselves run on {@link #steps}. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.named("sandbox-controller-timer"));
    private final ExecutorService steps = Executors.newFixedThreadPool(WORKERS, Threads.named("sandbox-controller"));
    /** The last step queued per Deployment uid: the next one runs after it. */
    private final Map<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    /** The newest generation scheduled per Deployment uid, so each generation rolls out once. */
    private final Map<String, Long> scheduled = new ConcurrentHashMap<>();
    private volatile boolean held;
    /** Pods created and not yet deleted, per Deployment uid (each uid's entry is only changed by its own steps). */
    private final Map<String, OwnedPods> pods = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Deployment> informer;
    private final SimulatedStatefulSets statefulSets;
    private final SimulatedJobs jobs;
    private final SimulatedAutoscalers autoscalers;
    private final SimulatedCustomResources customResources;

    /**
     * How the simulated cluster behaves (see {@link SandboxConfig}).
     *
     * @param rolloutDelay          about how long a rollout takes (each waits 2/3 to 4/3 of it)
     * @param failingImagePattern   images (whole reference) that never pull
     * @param crashingImagePattern  images (whole reference) whose containers crash-loop
     */
    public record Settings(Duration rolloutDelay, String failingImagePattern, String crashingImagePattern) {

        public static Settings of(SandboxConfig config) {
            return new Settings(config.rolloutDelay(), config.failingImagePattern(), config.crashingImagePattern());
        }

        /** The given delay and failing images, and the default crashing images. */
        public static Settings of(Duration rolloutDelay, String failingImagePattern) {
            return new Settings(rolloutDelay, failingImagePattern, SandboxConfig.DEFAULT_CRASHING_IMAGE_PATTERN);
        }
    }

    /** A Deployment's pods: name to pod-template-hash. */
    private record OwnedPods(String namespace, Map<String, String> hashes) {
    }

    private SimulatedController(KubernetesClient client, Settings settings) {
        this.client = client;
        this.rolloutDelay = settings.rolloutDelay();
        this.images = ImageBehaviour.of(settings.failingImagePattern(), settings.crashingImagePattern());
        this.events = new SimulatedEvents(client);
        this.statefulSets = new SimulatedStatefulSets(client, this, images, events);
        this.jobs = new SimulatedJobs(client, this, images, events);
        this.autoscalers = new SimulatedAutoscalers(client, this);
        this.customResources = new SimulatedCustomResources(client, this);
        this.informer = client.apps().deployments().inAnyNamespace().runnableInformer(0);
        this.informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                consider(deployment);
            }

            @Override
            public void onUpdate(Deployment previous, Deployment deployment) {
                consider(deployment);
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                forget(deployment);
            }
        });
    }

    /**
     * Starts watching Deployments in all namespaces through {@code client} (which the caller
     * keeps owning) and returns once the informer has synced.
     *
     * @param rolloutDelay        about how long a rollout takes (each waits 2/3 to 4/3 of it)
     * @param failingImagePattern images (whole reference) that never pull
     */
    public static SimulatedController start(KubernetesClient client, Duration rolloutDelay, String failingImagePattern) {
        return start(null, client, rolloutDelay, failingImagePattern);
    }

    /**
     * As {@link #start(KubernetesClient, Duration, String)}, and also plays the operators of the
     * custom kinds {@code server} learns (see {@link SimulatedCustomResources}); null plays none.
     */
    public static SimulatedController start(SandboxApiServer server, KubernetesClient client, Duration rolloutDelay,
            String failingImagePattern) {
        return start(server, client, Settings.of(rolloutDelay, failingImagePattern));
    }

    /** As {@link #start(SandboxApiServer, KubernetesClient, Duration, String)}, with all the settings. */
    public static SimulatedController start(SandboxApiServer server, KubernetesClient client, Settings settings) {
        SimulatedController controller = new SimulatedController(client, settings);
        try {
            for (SharedIndexInformer<?> each : List.of(controller.informer, controller.statefulSets.informer(), controller.jobs.informer(),
                    controller.autoscalers.informer())) {
                each.start().toCompletableFuture().get(INFORMER_SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (server != null) {
                server.onCustomKind(controller.customResources::watch);
            }
            controller.timer.scheduleWithFixedDelay(controller::collectOrphans, ORPHAN_SWEEP.toMillis(), ORPHAN_SWEEP.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            controller.close();
            throw new IllegalStateException("Interrupted while starting the sandbox controller", e);
        } catch (ExecutionException | TimeoutException e) {
            controller.close();
            throw new IllegalStateException("The sandbox controller could not watch Deployments, StatefulSets, Jobs and autoscalers", e);
        }
        return controller;
    }

    @Override
    public void close() {
        informer.close();
        statefulSets.close();
        jobs.close();
        autoscalers.close();
        customResources.close();
        Threads.stop(timer, Duration.ofSeconds(1));
        Threads.stop(steps, Duration.ofSeconds(1));
    }

    private synchronized void consider(Deployment deployment) {
        autoscalers.deploymentChanged(deployment);
        String uid = deployment.getMetadata().getUid();
        long generation = SimulatedRollout.generationOf(deployment);
        DeploymentStatus status = deployment.getStatus();
        long observed = status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        if (generation <= observed || generation <= scheduled.getOrDefault(uid, 0L)) {
            return;
        }
        scheduled.put(uid, generation);
        String namespace = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        submit(uid, () -> rollOut(namespace, name, uid, generation), jitteredDelay());
    }

    private synchronized void forget(Deployment deployment) {
        String uid = deployment.getMetadata().getUid();
        scheduled.remove(uid);
        String namespace = deployment.getMetadata().getNamespace();
        submit(uid, () -> deletePods(namespace, uid, null), 0);
    }

    /**
     * While held, no rollout completes: Deployments stay in progress (tests of what happens to a
     * deployment waiting on its rollout, such as a replica shutting down meanwhile).
     */
    void hold(boolean held) {
        this.held = held;
    }

    private void rollOut(String namespace, String name, String uid, long generation) {
        if (held) {
            submit(uid, () -> rollOut(namespace, name, uid, generation), HELD_RECHECK.toMillis());
            return;
        }
        Deployment current = informer.getStore().getByKey(namespace + "/" + name);
        if (!isGeneration(current, uid, generation)) {
            return; // deleted or changed again meanwhile: the newer generation has its own rollout
        }
        SimulatedRollout rollout = new SimulatedRollout(current, images);
        List<Pod> created = new ArrayList<>();
        for (Pod pod : rollout.pods()) {
            created.add(client.pods().inNamespace(namespace).resource(pod).create());
            pods.computeIfAbsent(uid, ignored -> new OwnedPods(namespace, new LinkedHashMap<>()))
                    .hashes().put(pod.getMetadata().getName(), rollout.hash());
        }
        deletePods(namespace, uid, rollout.hash());
        writeStatus(current, uid, generation, rollout.status());
        // After the status, so that a rollout watcher is not kept waiting by the event writes.
        events.record(current, rollout.scaledUp());
        created.forEach(pod -> events.record(pod, rollout.podEvents(pod)));
        LOG.debugf("Sandbox rollout of %s/%s generation %d: %d pod(s)%s", namespace, name, generation,
                rollout.replicas(), rollout.fails() ? ", image pull fails" : "");
    }

    /**
     * Writes through the status subresource: a plain update of a built-in kind would overwrite
     * status anyway. The first attempt writes over the cached Deployment (the informer's objects
     * are shared, so a copy), a conflict over a fresh read.
     */
    private void writeStatus(Deployment cached, String uid, long generation, DeploymentStatus status) {
        String namespace = cached.getMetadata().getNamespace();
        String name = cached.getMetadata().getName();
        Deployment current = new DeploymentBuilder(cached).build();
        for (int attempt = 1; attempt <= STATUS_WRITE_ATTEMPTS; attempt++) {
            if (!isGeneration(current, uid, generation)) {
                return;
            }
            current.setStatus(status);
            try {
                client.apps().deployments().inNamespace(namespace).resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == STATUS_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
            current = client.apps().deployments().inNamespace(namespace).withName(name).get();
        }
    }

    /**
     * Deletes the pods this controller created for the Deployment {@code uid}, except those of
     * {@code keepHash} (null keeps none). It remembers them rather than listing the namespace: a
     * list per rollout was a sixth of the sandbox's requests. Pods someone else deleted are gone
     * already (the delete finds nothing), and the orphan sweep catches anything missed.
     */
    private void deletePods(String namespace, String uid, String keepHash) {
        OwnedPods owned = keepHash == null ? pods.remove(uid) : pods.get(uid);
        if (owned == null) {
            return;
        }
        for (Iterator<Map.Entry<String, String>> pod = owned.hashes().entrySet().iterator(); pod.hasNext();) {
            Map.Entry<String, String> next = pod.next();
            if (keepHash == null || !keepHash.equals(next.getValue())) {
                client.pods().inNamespace(namespace).withName(next.getKey()).delete();
                pod.remove();
            }
        }
    }

    /**
     * Deletes the pods of Deployments that no longer exist. The delete event usually does this at
     * once; the sweep covers a delete the informer reported late or not at all.
     */
    private void collectOrphans() {
        jobs.collectOrphans();
        events.expire();
        java.util.Set<String> live = new java.util.HashSet<>();
        informer.getStore().list().forEach(deployment -> live.add(deployment.getMetadata().getUid()));
        pods.forEach((uid, owned) -> {
            if (!live.contains(uid)) {
                submit(uid, () -> deletePods(owned.namespace(), uid, null), 0);
            }
        });
    }

    private static boolean isGeneration(Deployment deployment, String uid, long generation) {
        return deployment != null && uid.equals(deployment.getMetadata().getUid())
                && SimulatedRollout.generationOf(deployment) == generation;
    }

    @Override
    public long jitteredDelay() {
        long millis = rolloutDelay.toMillis();
        if (millis <= 0) {
            return 0;
        }
        return ThreadLocalRandom.current().nextLong(millis * 2 / 3, millis * 4 / 3 + 1);
    }

    /** Runs the step after {@code delayMillis}, and after the steps queued before it for the object {@code uid}. */
    @Override
    public void submit(String uid, Runnable work, long delayMillis) {
        Runnable logged = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                if (!steps.isShutdown()) {
                    LOG.warnf(e, "Sandbox controller step failed");
                }
            }
        };
        try {
            timer.schedule(() -> queue(uid, logged), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: nothing more to simulate.
        }
    }

    private void queue(String uid, Runnable step) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] next = new CompletableFuture[1];
        queued.compute(uid, (ignored, previous) -> next[0] = (previous == null
                ? CompletableFuture.<Void>completedFuture(null)
                : previous.exceptionally(failure -> null)).thenRunAsync(step, steps));
        next[0].whenComplete((done, failure) -> queued.remove(uid, next[0]));
    }
}
