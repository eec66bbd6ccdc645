package dev.slipway.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.slipway.cluster.driver.DriftDetector;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How the cluster differs from what Slipway last applied to an environment.")
public record DriftReport(
        @Schema(description = "Application.") String application,
        @Schema(description = "Environment.") String environment,
        @Schema(description = "The deployment whose manifests were last applied; null before the first deployment.") UUID appliedDeploymentId,
        @Schema(description = "When they were applied.") Instant appliedAt,
        @Schema(description = "True when every field Slipway applied still has the applied value.") boolean inSync,
        @Schema(description = "The fields that differ.") List<DriftDetector.Difference> differences) {
}
