package dev.slipway.cluster.driver;

import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Container states that will not fix themselves, so a rollout (or a resource's StatefulSet) fails
 * fast instead of at its deadline.
 */
public final class PodFailures {
    /** Container waiting reasons that will not fix themselves. */
    public static final Set<String> FATAL_WAITING_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError");

    /** A pod's fatal state: the waiting reason and a one-line description naming pod and container. */
    public record Failure(String reason, String message) {
    }

    private PodFailures() {
    }

    /** The first container of {@code pod} stuck in a fatal waiting state, if any. */
    public static Optional<Failure> of(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
            var waiting = container.getState() == null ? null : container.getState().getWaiting();
            if (waiting != null && FATAL_WAITING_REASONS.contains(waiting.getReason())) {
                return Optional.of(new Failure(waiting.getReason(), "pod " + pod.getMetadata().getName() + " container "
                        + container.getName() + ": " + (waiting.getMessage() == null ? waiting.getReason() : waiting.getMessage())));
            }
        }
        return Optional.empty();
    }
}
