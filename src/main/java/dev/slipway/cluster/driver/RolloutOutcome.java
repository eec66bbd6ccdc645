package dev.slipway.cluster.driver;

/**
 * How a rollout ended, in the cluster's own words where it has them.
 *
 * @param succeeded     all desired replicas updated and available
 * @param reason        machine-readable reason (NewReplicaSetAvailable, ProgressDeadlineExceeded, ImagePullBackOff, ...)
 * @param message       human-readable detail
 * @param readyReplicas replicas ready when observed
 */
public record RolloutOutcome(boolean succeeded, String reason, String message, int readyReplicas) {

    public static RolloutOutcome success(int readyReplicas) {
        return new RolloutOutcome(true, "NewReplicaSetAvailable", "all " + readyReplicas + " replica(s) updated and available",
                readyReplicas);
    }

    public static RolloutOutcome failure(String reason, String message, int readyReplicas) {
        return new RolloutOutcome(false, reason, message, readyReplicas);
    }

    /** This failure as one of several workloads' rollouts: the message names the workload. */
    public RolloutOutcome of(String workload) {
        return new RolloutOutcome(succeeded, reason, "workload " + workload + ": " + message, readyReplicas);
    }
}
