package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.cluster.workload.WorkloadSpec;

/**
 * A deployment about to be accepted, whoever asks for it: a caller of the API or the runner's
 * automatic rollback. It enters {@link DeploymentStatus#INITIAL} with a job for the reconciler.
 *
 * @param scoreDocument the Score document the spec was converted from (copied with the spec); null for a submitted spec
 * @param statusReason  why it is pending, when more needs saying than that it was accepted
 * @param previousDeploymentId the environment's current deployment when this one was accepted
 * @param requestedBySubject the requester's stable subject (the four-eyes check compares it); null for the platform
 * @param requiredApprovals approvals it needs before it runs; more than 0 makes it wait in AWAITING_APPROVAL
 * @param approvalExpiresAt when it is cancelled if still waiting; null when it needs no approval
 * @param breakGlassBy  who deployed through a freeze in force, or null
 * @param breakGlassReason why they did, or null
 */
public record NewDeployment(UUID id, UUID environmentId, String application, String environment, WorkloadSpec spec,
        String scoreDocument, Long configRevision, String requestedBy, String requestReason, String sourceCommit, String sourceUrl,
        UUID previousDeploymentId, UUID rollbackOf, UUID promotedFrom, String statusReason, String statusMessage, Instant createdAt,
        String requestedBySubject, int requiredApprovals, Instant approvalExpiresAt, String breakGlassBy, String breakGlassReason) {

    /** The status it is accepted in. */
    public DeploymentStatus initialStatus() {
        return DeploymentStatus.initial(requiredApprovals);
    }

    /** Pods the spec asks for; a spec without a count runs one. */
    public int desiredReplicas() {
        return spec.replicas() == null ? 1 : spec.replicas();
    }
}
