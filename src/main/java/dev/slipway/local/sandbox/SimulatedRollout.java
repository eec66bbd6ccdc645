package dev.slipway.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

/**
 * What one generation of a Deployment looks like once the (simulated) kubelet has tried to run
 * it: the pods and the Deployment status a real cluster would show at the end of the rollout.
 * Pods of images matching the failing pattern never start (ImagePullBackOff), and their
 * Deployment ends with {@code ProgressDeadlineExceeded}; everything else is Running and Ready.
 */
final class SimulatedRollout {

    /** The label a real ReplicaSet puts on its pods; here it tells one generation's pods from another's. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";
    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";

    /** Kubernetes' alphabet for generated names: no vowels, no look-alike characters. */
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final Deployment deployment;
    private final String hash;
    private final int replicas;
    private final List<String> failingImages;
    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    SimulatedRollout(Deployment deployment, Pattern failingImage) {
        this.deployment = deployment;
        this.hash = encode(hash64(deployment.getMetadata().getUid() + "/" + generationOf(deployment)), 10);
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        this.replicas = wanted == null ? 1 : wanted;
        this.failingImages = containers().stream()
                .map(Container::getImage)
                .filter(image -> image != null && failingImage.matcher(image).matches())
                .toList();
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
        return replicas > 0 && !failingImages.isEmpty();
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
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(templateMeta.getLabels()).orElse(Map.of()));
        labels.put(POD_TEMPLATE_HASH, hash);
        PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
        List<ContainerStatus> containerStatuses = containers().stream().map(this::containerStatus).toList();
        boolean ready = !fails();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new PodBuilder()
                .withNewMetadata()
                .withName(deployment.getMetadata().getName() + "-" + hash + "-" + encode(random.nextLong(), 5))
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(templateMeta.getAnnotations())
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(deployment.getMetadata().getName())
                .withUid(deployment.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(new PodSpecBuilder(spec).withNodeName("sandbox").build())
                .withNewStatus()
                .withPhase(ready ? "Running" : "Pending")
                .withHostIP("10.0.0.1")
                .withPodIP("10.244." + random.nextInt(256) + "." + (1 + random.nextInt(254)))
                .withStartTime(now)
                .withConditions(podConditions(ready))
                .withContainerStatuses(containerStatuses)
                .endStatus()
                .build();
    }

    private ContainerStatus containerStatus(Container container) {
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withRestartCount(0);
        if (failingImages.contains(container.getImage())) {
            return status.withReady(false).withStarted(false)
                    .withNewState().withNewWaiting()
                    .withReason(IMAGE_PULL_BACK_OFF)
                    .withMessage("Back-off pulling image \"" + container.getImage() + "\"")
                    .endWaiting().endState()
                    .build();
        }
        return status.withReady(!fails()).withStarted(true)
                .withImageID(container.getImage())
                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                .build();
    }

    private List<PodCondition> podConditions(boolean ready) {
        String status = ready ? "True" : "False";
        String reason = ready ? null : "ContainersNotReady";
        String message = ready
                ? null
                : "containers with unready status: " + containers().stream()
                        .filter(c -> failingImages.contains(c.getImage())).map(Container::getName).toList();
        return List.of(
                podCondition("PodScheduled", "True", null, null),
                podCondition("Initialized", "True", null, null),
                podCondition("ContainersReady", status, reason, message),
                podCondition("Ready", status, reason, message));
    }

    private PodCondition podCondition(String type, String status, String reason, String message) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(now).build();
    }

    private DeploymentCondition condition(String type, String status, String reason, String message) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastUpdateTime(now).withLastTransitionTime(now).build();
    }

    private List<Container> containers() {
        PodTemplateSpec template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return List.of();
        }
        return template.getSpec().getContainers();
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
