package dev.slipway.local.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the StatefulSet controller and the kubelet: some hundred milliseconds after a
 * StatefulSet's generation changes it replaces its pods ({@code <name>-0}, {@code <name>-1}, ...)
 * with the new template's and writes the status a real cluster shows once they run
 * (observedGeneration, replicas, readyReplicas, availableReplicas). Pods of failing images stay
 * Pending with ImagePullBackOff, those of crashing images in CrashLoopBackOff, and the
 * StatefulSet stays unready, as on a real cluster (which has no deadline condition for
 * StatefulSets). The pods' events are recorded as the kubelet would. Pods of deleted StatefulSets are deleted.
 */
final class SimulatedStatefulSets implements AutoCloseable {
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    private static final int STATUS_WRITE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ControllerSteps steps;
    private final ImageBehaviour images;
    private final SimulatedEvents events;
    private final SharedIndexInformer<StatefulSet> informer;
    /** The newest generation scheduled per StatefulSet uid. */
    private final Map<String, Long> scheduled = new ConcurrentHashMap<>();
    /** How many pods exist per StatefulSet uid (each uid's entry is only changed by its own steps). */
    private final Map<String, Integer> podCounts = new ConcurrentHashMap<>();

    SimulatedStatefulSets(KubernetesClient client, ControllerSteps steps, ImageBehaviour images, SimulatedEvents events) {
        this.client = client;
        this.steps = steps;
        this.images = images;
        this.events = events;
        this.informer = client.apps().statefulSets().inAnyNamespace().runnableInformer(0);
        this.informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StatefulSet statefulSet) {
                consider(statefulSet);
            }

            @Override
            public void onUpdate(StatefulSet previous, StatefulSet statefulSet) {
                consider(statefulSet);
            }

            @Override
            public void onDelete(StatefulSet statefulSet, boolean finalStateUnknown) {
                forget(statefulSet);
            }
        });
    }

    SharedIndexInformer<StatefulSet> informer() {
        return informer;
    }

    @Override
    public void close() {
        informer.close();
    }

    private synchronized void consider(StatefulSet statefulSet) {
        String uid = statefulSet.getMetadata().getUid();
        long generation = generationOf(statefulSet);
        StatefulSetStatus status = statefulSet.getStatus();
        long observed = status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        if (generation <= observed || generation <= scheduled.getOrDefault(uid, 0L)) {
            return;
        }
        scheduled.put(uid, generation);
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        steps.submit(uid, () -> rollOut(namespace, name, uid, generation), steps.jitteredDelay());
    }

    private synchronized void forget(StatefulSet statefulSet) {
        String uid = statefulSet.getMetadata().getUid();
        scheduled.remove(uid);
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        steps.submit(uid, () -> deletePods(namespace, name, 0, podCounts.getOrDefault(uid, 0), uid), 0);
    }

    private void rollOut(String namespace, String name, String uid, long generation) {
        StatefulSet current = informer.getStore().getByKey(namespace + "/" + name);
        if (!isGeneration(current, uid, generation)) {
            return;
        }
        Integer wanted = current.getSpec() == null ? null : current.getSpec().getReplicas();
        int replicas = wanted == null ? 1 : wanted;
        SimulatedPods pods = new SimulatedPods(current.getSpec() == null ? null : current.getSpec().getTemplate(), images);
        String revision = name + "-" + Long.toHexString(generation);
        int existing = podCounts.getOrDefault(uid, 0);
        deletePods(namespace, name, 0, existing, null); // replaced in order, as the default rolling update does
        java.util.List<Pod> created = new java.util.ArrayList<>();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String pod = name + "-" + ordinal;
            created.add(client.pods().inNamespace(namespace).resource(pods.pod(pod, current,
                    Map.of(POD_NAME_LABEL, pod, "controller-revision-hash", revision))).create());
        }
        podCounts.put(uid, replicas);
        Integer ready = pods.fails() || replicas == 0 ? null : replicas;
        writeStatus(current, uid, generation, new StatefulSetStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withCurrentReplicas(replicas == 0 ? null : replicas)
                .withUpdatedReplicas(replicas == 0 ? null : replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentRevision(revision)
                .withUpdateRevision(revision)
                .build());
        created.forEach(pod -> events.record(pod, pods.events(pod, false)));
    }

    private void writeStatus(StatefulSet cached, String uid, long generation, StatefulSetStatus status) {
        StatefulSet current = new StatefulSetBuilder(cached).build();
        for (int attempt = 1; attempt <= STATUS_WRITE_ATTEMPTS; attempt++) {
            if (!isGeneration(current, uid, generation)) {
                return;
            }
            current.setStatus(status);
            try {
                client.apps().statefulSets().inNamespace(current.getMetadata().getNamespace()).resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == STATUS_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
            current = client.apps().statefulSets().inNamespace(cached.getMetadata().getNamespace()).withName(cached.getMetadata().getName())
                    .get();
        }
    }

    /** Deletes pods {@code <name>-from} up to {@code <name>-(to-1)}; forgets the count when {@code uid} is given (the StatefulSet is gone). */
    private void deletePods(String namespace, String name, int from, int to, String uid) {
        for (int ordinal = from; ordinal < to; ordinal++) {
            client.pods().inNamespace(namespace).withName(name + "-" + ordinal).delete();
        }
        if (uid != null) {
            podCounts.remove(uid);
        }
    }

    private static long generationOf(StatefulSet statefulSet) {
        Long generation = statefulSet.getMetadata().getGeneration();
        return generation == null ? 1 : generation;
    }

    private static boolean isGeneration(StatefulSet statefulSet, String uid, long generation) {
        return statefulSet != null && uid.equals(statefulSet.getMetadata().getUid()) && generationOf(statefulSet) == generation;
    }
}
