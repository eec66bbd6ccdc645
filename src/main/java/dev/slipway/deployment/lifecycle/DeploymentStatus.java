package dev.slipway.deployment.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a deployment is; the moves between statuses are {@link DeploymentTransitions}. */
@Schema(description = "Where a deployment is: AWAITING_APPROVAL (accepted into an environment whose type requires approvals; "
        + "runs once enough approvals are in), PENDING (accepted, waiting for a worker), PROVISIONING (the resources it asks for "
        + "being provisioned), APPLYING (manifests being applied), "
        + "PROGRESSING (rollout under way), then one of SUCCEEDED, FAILED, SUPERSEDED (a newer one replaced it before it ran) "
        + "or CANCELLED.")
public enum DeploymentStatus {
    AWAITING_APPROVAL, PENDING, PROVISIONING, APPLYING, PROGRESSING, SUCCEEDED, FAILED, SUPERSEDED, CANCELLED;

    /** A deployment is created in this status, unless its environment's type requires approvals. */
    public static final DeploymentStatus INITIAL = PENDING;

    /** The status a new deployment enters: waiting for people first when its environment asks for approvals. */
    public static DeploymentStatus initial(int requiredApprovals) {
        return requiredApprovals > 0 ? AWAITING_APPROVAL : INITIAL;
    }

    /** A status with no way out: the deployment is over. */
    public boolean isTerminal() {
        return DeploymentTransitions.from(this).isEmpty();
    }

    /** Whether the lifecycle may move a deployment from this status to {@code next}. */
    public boolean canMoveTo(DeploymentStatus next) {
        return DeploymentTransitions.from(this).contains(next);
    }
}
