package dev.slipway.deployment;

import dev.slipway.cluster.workload.WorkloadSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A deployment to start: exactly one of a spec, promoteFrom to copy a succeeded deployment's exact spec, "
        + "or configOnly to deliver a configuration change with the environment's current spec.")
public record CreateDeploymentRequest(
        @Schema(description = "The workload to run; required unless promoteFrom or configOnly is given.") WorkloadSpec spec,
        @Schema(description = "Copy the spec of a succeeded deployment from another environment instead.") PromotionSource promoteFrom,
        @Schema(description = "Why (at most 2000 characters).", examples = "release 1.4.2") String reason,
        @Schema(description = "Where the change came from.") DeploymentSource source,
        @Schema(description = "true: deploy the spec of the environment's current (last succeeded) deployment again, with the "
                + "configuration revision below; for delivering a configuration change alone.") Boolean configOnly,
        @Schema(description = "The configuration revision to deliver; default the environment's current one.", examples = "12") Long configRevision) {

    /** A request with a spec and nothing else. */
    public CreateDeploymentRequest(WorkloadSpec spec, PromotionSource promoteFrom, String reason, DeploymentSource source) {
        this(spec, promoteFrom, reason, source, null, null);
    }
}
