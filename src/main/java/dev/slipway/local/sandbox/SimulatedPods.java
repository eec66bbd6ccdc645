package dev.slipway.local.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The pods the simulated kubelet runs from a pod template: Running and Ready, or, for images
 * matching the failing pattern, Pending with {@code ImagePullBackOff}. Shared by the simulated
 * Deployment and StatefulSet controllers.
 */
final class SimulatedPods {
    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";

    private final PodTemplateSpec template;
    private final List<String> failingImages;
    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    SimulatedPods(PodTemplateSpec template, Pattern failingImage) {
        this.template = template;
        this.failingImages = containers().stream()
                .map(Container::getImage)
                .filter(image -> image != null && failingImage.matcher(image).matches())
                .toList();
    }

    /** Whether the template's pods never start (some image does not pull). */
    boolean fails() {
        return !failingImages.isEmpty();
    }

    /** One pod of the template, owned (controller reference) by {@code owner}. */
    Pod pod(String name, HasMetadata owner, Map<String, String> extraLabels) {
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(templateMeta.getLabels()).orElse(Map.of()));
        labels.putAll(extraLabels);
        PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
        boolean ready = !fails();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(templateMeta.getAnnotations())
                .addNewOwnerReference()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
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
                .withContainerStatuses(containers().stream().map(this::containerStatus).toList())
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

    private List<Container> containers() {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return List.of();
        }
        return template.getSpec().getContainers();
    }
}
