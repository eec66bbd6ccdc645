package dev.slipway.local.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

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
 * The pods the simulated kubelet runs from a pod template: Running and Ready; for images matching
 * the failing pattern Pending with {@code ImagePullBackOff}; for images matching the crashing
 * pattern Running but unready, the container in {@code CrashLoopBackOff} after three restarts
 * (pods that run to completion, a Job's, show the container running: {@link SimulatedJobs}
 * terminates it). Also the events the scheduler and kubelet record for such a pod. Shared by the
 * simulated Deployment, StatefulSet and Job controllers.
 */
final class SimulatedPods {
    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    /** How often a crash-looping container has been restarted when the sandbox shows it. */
    static final int CRASH_RESTARTS = 3;

    private final PodTemplateSpec template;
    private final ImageBehaviour images;
    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    SimulatedPods(PodTemplateSpec template, ImageBehaviour images) {
        this.template = template;
        this.images = images;
    }

    /** Whether the template's pods never become ready (some image does not pull, or crashes). */
    boolean fails() {
        return containers().stream().anyMatch(c -> images.of(c.getImage()) != ImageBehaviour.Outcome.RUNS);
    }

    /** Whether some image of the template does not pull: its pods never start. */
    boolean pullFails() {
        return containers().stream().anyMatch(c -> images.of(c.getImage()) == ImageBehaviour.Outcome.PULL_FAILS);
    }

    /** Whether some image of the template starts and then crashes (and none fails to pull). */
    boolean crashes() {
        return !pullFails() && containers().stream().anyMatch(c -> images.of(c.getImage()) == ImageBehaviour.Outcome.CRASHES);
    }

    /** One long-running pod of the template (restartPolicy Always), owned by {@code owner}. */
    Pod pod(String name, HasMetadata owner, Map<String, String> extraLabels) {
        return pod(name, owner, extraLabels, false);
    }

    /**
     * One pod of the template, owned (controller reference) by {@code owner}. A pod that runs to
     * completion shows a crashing container still running: it is the Job controller's pod to end.
     */
    Pod pod(String name, HasMetadata owner, Map<String, String> extraLabels, boolean runsToCompletion) {
        ObjectMeta templateMeta = template == null || template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(templateMeta.getLabels()).orElse(Map.of()));
        labels.putAll(extraLabels);
        PodSpec spec = template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
        List<ContainerStatus> statuses = containers().stream().map(c -> containerStatus(c, name, runsToCompletion)).toList();
        boolean ready = statuses.stream().allMatch(ContainerStatus::getReady);
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
                .withPhase(pullFails() ? "Pending" : "Running")
                .withHostIP("10.0.0.1")
                .withPodIP("10.244." + random.nextInt(256) + "." + (1 + random.nextInt(254)))
                .withStartTime(now)
                .withConditions(podConditions(ready, statuses))
                .withContainerStatuses(statuses)
                .endStatus()
                .build();
    }

    /** What the scheduler and the kubelet record about {@code pod}: a few events, as a real node does. */
    List<SimulatedEvents.Note> events(Pod pod, boolean runsToCompletion) {
        String name = pod.getMetadata().getName();
        List<SimulatedEvents.Note> notes = new ArrayList<>();
        notes.add(SimulatedEvents.Note.normal(SimulatedEvents.SCHEDULER, "Scheduled",
                "Successfully assigned " + pod.getMetadata().getNamespace() + "/" + name + " to " + SimulatedEvents.NODE));
        for (Container container : containers()) {
            String image = container.getImage();
            ImageBehaviour.Outcome outcome = images.of(image);
            if (outcome == ImageBehaviour.Outcome.PULL_FAILS) {
                notes.add(SimulatedEvents.Note.warning(SimulatedEvents.KUBELET, "Failed", "Failed to pull image \"" + image
                        + "\": rpc error: code = NotFound desc = failed to pull and unpack image \"" + image + "\": not found"));
                notes.add(SimulatedEvents.Note.warning(SimulatedEvents.KUBELET, "Failed", "Error: ErrImagePull"));
                notes.add(SimulatedEvents.Note.warning(SimulatedEvents.KUBELET, "BackOff", "Back-off pulling image \"" + image + "\"")
                        .times(CRASH_RESTARTS));
                continue;
            }
            notes.add(SimulatedEvents.Note.normal(SimulatedEvents.KUBELET, "Pulled",
                    "Container image \"" + image + "\" already present on machine"));
            notes.add(SimulatedEvents.Note.normal(SimulatedEvents.KUBELET, "Created", "Created container: " + container.getName()));
            notes.add(SimulatedEvents.Note.normal(SimulatedEvents.KUBELET, "Started", "Started container " + container.getName()));
            if (outcome == ImageBehaviour.Outcome.CRASHES && !runsToCompletion) {
                notes.add(SimulatedEvents.Note.warning(SimulatedEvents.KUBELET, "BackOff",
                        "Back-off restarting failed container " + container.getName() + " in pod " + name).times(CRASH_RESTARTS));
            }
        }
        return notes;
    }

    private ContainerStatus containerStatus(Container container, String pod, boolean runsToCompletion) {
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withRestartCount(0);
        ImageBehaviour.Outcome outcome = images.of(container.getImage());
        if (outcome == ImageBehaviour.Outcome.PULL_FAILS) {
            return status.withReady(false).withStarted(false)
                    .withNewState().withNewWaiting()
                    .withReason(IMAGE_PULL_BACK_OFF)
                    .withMessage("Back-off pulling image \"" + container.getImage() + "\"")
                    .endWaiting().endState()
                    .build();
        }
        status.withImageID(container.getImage());
        if (outcome == ImageBehaviour.Outcome.CRASHES && !runsToCompletion) {
            return status.withReady(false).withStarted(false).withRestartCount(CRASH_RESTARTS)
                    .withNewState().withNewWaiting()
                    .withReason(CRASH_LOOP_BACK_OFF)
                    .withMessage("back-off 40s restarting failed container=" + container.getName() + " pod=" + pod)
                    .endWaiting().endState()
                    .withNewLastState().withNewTerminated()
                    .withExitCode(1).withReason("Error").withStartedAt(now).withFinishedAt(now)
                    .endTerminated().endLastState()
                    .build();
        }
        return status.withReady(!pullFails()).withStarted(true)
                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                .build();
    }

    private List<PodCondition> podConditions(boolean ready, List<ContainerStatus> statuses) {
        String status = ready ? "True" : "False";
        String reason = ready ? null : "ContainersNotReady";
        String message = ready
                ? null
                : "containers with unready status: " + statuses.stream().filter(s -> !s.getReady()).map(ContainerStatus::getName).toList();
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
