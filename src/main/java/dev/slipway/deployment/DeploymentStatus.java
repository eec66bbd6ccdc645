package dev.slipway.deployment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where a deployment is: PENDING (accepted, waiting for a worker), APPLYING (manifests being applied), "
        + "PROGRESSING (rollout under way), then one of SUCCEEDED, FAILED, SUPERSEDED (a newer one replaced it before it ran) "
        + "or CANCELLED.")
public enum DeploymentStatus {
    PENDING, APPLYING, PROGRESSING, SUCCEEDED, FAILED, SUPERSEDED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SUPERSEDED || this == CANCELLED;
    }
}
