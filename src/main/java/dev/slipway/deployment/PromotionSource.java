package dev.slipway.deployment;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Promote the exact spec of a succeeded deployment of the same application from another environment.")
public record PromotionSource(
        @Schema(description = "Environment the deployment ran in.", required = true, examples = "staging") String environment,
        @Schema(description = "The deployment to promote; it must have SUCCEEDED.", required = true) UUID deploymentId) {
}
