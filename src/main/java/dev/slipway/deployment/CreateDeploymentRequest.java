package dev.slipway.deployment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.slipway.cluster.workload.WorkloadSpec;

@Schema(description = "A deployment to start: either a spec, or promoteFrom to copy a succeeded deployment's exact spec.")
public record CreateDeploymentRequest(
        @Schema(description = "The workload to run; required unless promoteFrom is given.") WorkloadSpec spec,
        @Schema(description = "Copy the spec of a succeeded deployment from another environment instead.") PromotionSource promoteFrom,
        @Schema(description = "Why (at most 2000 characters).", examples = "release 1.4.2") String reason,
        @Schema(description = "Where the change came from.") DeploymentSource source) {
}
