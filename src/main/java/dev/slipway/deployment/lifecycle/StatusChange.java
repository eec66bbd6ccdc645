package dev.slipway.deployment.lifecycle;

/**
 * One status write: the status it leaves (the write happens only while the deployment is still
 * in it, so a concurrent cancel or a second worker is never overwritten), the one it enters, and
 * what users are told about it.
 *
 * @param observedReplicas pods ready when the outcome was observed; null keeps the last count
 */
public record StatusChange(DeploymentStatus from, DeploymentStatus to, String reason, String message, Integer observedReplicas) {

    public StatusChange(DeploymentStatus from, DeploymentStatus to, String reason, String message) {
        this(from, to, reason, message, null);
    }
}
