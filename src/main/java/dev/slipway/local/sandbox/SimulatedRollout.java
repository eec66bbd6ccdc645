package dev.slipway.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

/**
 * What one generation of a Deployment looks like once the (simulated) kubelet has tried to run
 * it: the pods and the Deployment status a real cluster would show at the end of the rollout.
 * Pods of images matching the failing pattern never start (ImagePullBackOff), those of crashing
 * images crash-loop (CrashLoopBackOff), and their Deployment ends with
 * {@code ProgressDeadlineExceeded}; everything else is Running and Ready.
 */
final class SimulatedRollout {

    /** The label a real ReplicaSet puts on its pods; here it tells one generation's pods from another's. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";

    /** Kubernetes' alphabet for generated names: no vowels, no look-alike characters. */
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final Deployment deployment;
    private final String hash;
    private final int replicas;
    private final SimulatedPods pods;
    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    SimulatedRollout(Deployment deployment, ImageBehaviour images) {
        this.deployment = deployment;
        this.hash = encode(hash64(deployment.getMetadata().getUid() + "/" + generationOf(deployment)), 10);
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        this.replicas = wanted == null ? 1 : wanted;
        this.pods = new SimulatedPods(deployment.getSpec() == null ? null : deployment.getSpec().getTemplate(), images);
    }

    static long generationOf(Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        return generation == null ? 1 : generation;
    }

    String hash() {
        return hash;
    }

    int replicas() {
        return replicas;
    }

    boolean fails() {
        return replicas > 0 && pods.fails();
    }

    /** What the kubelet and scheduler record about one of this generation's pods. */
    List<SimulatedEvents.Note> podEvents(Pod pod) {
        return pods.events(pod, false);
    }

    /** What the deployment controller records for this generation: its ReplicaSet scaled up. */
    SimulatedEvents.Note scaledUp() {
        return SimulatedEvents.Note.normal(SimulatedEvents.DEPLOYMENT_CONTROLLER, "ScalingReplicaSet",
                "Scaled up replica set " + deployment.getMetadata().getName() + "-" + hash + " to " + replicas);
    }

    /** The pods of this generation, each with a fresh name. */
    List<Pod> pods() {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            pods.add(pod());
        }
        return pods;
    }

    /** The Deployment status at the end of this generation's rollout. */
    DeploymentStatus status() {
        boolean fails = fails();
        String replicaSet = "ReplicaSet \"" + deployment.getMetadata().getName() + "-" + hash + "\"";
        DeploymentCondition available = fails
                ? condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")
                : condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
        DeploymentCondition progressing = fails
                ? condition("Progressing", "False", PROGRESS_DEADLINE_EXCEEDED, replicaSet + " has timed out progressing.")
                : condition("Progressing", "True", NEW_REPLICA_SET_AVAILABLE, replicaSet + " has successfully progressed.");
        // A real API server omits zero counts, so consumers must read null as 0 here too.
        Integer all = replicas == 0 ? null : replicas;
        return new DeploymentStatusBuilder()
                .withObservedGeneration(generationOf(deployment))
                .withReplicas(all)
                .withUpdatedReplicas(all)
                .withReadyReplicas(fails ? null : all)
                .withAvailableReplicas(fails ? null : all)
                .withUnavailableReplicas(fails ? all : null)
                .withConditions(available, progressing)
                .build();
    }

    private Pod pod() {
        String name = deployment.getMetadata().getName() + "-" + hash + "-" + encode(ThreadLocalRandom.current().nextLong(), 5);
        return pods.pod(name, deployment, Map.of(POD_TEMPLATE_HASH, hash));
    }

    private DeploymentCondition condition(String type, String status, String reason, String message) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastUpdateTime(now).withLastTransitionTime(now).build();
    }

    /** FNV-1a, enough to give each generation a stable, distinct pod-template-hash. */
    private static long hash64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Five characters as Kubernetes appends to generated names ({@code generateName}). */
    static String randomSuffix() {
        return encode(ThreadLocalRandom.current().nextLong(), 5);
    }

    private static String encode(long value, int length) {
        StringBuilder text = new StringBuilder(length);
        long rest = value;
        for (int i = 0; i < length; i++) {
            text.append(NAME_ALPHABET.charAt((int) Long.remainderUnsigned(rest, NAME_ALPHABET.length())));
            rest = Long.divideUnsigned(rest, NAME_ALPHABET.length());
        }
        return text.toString();
    }
}
