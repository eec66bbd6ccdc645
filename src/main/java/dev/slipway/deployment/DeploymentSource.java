package dev.slipway.deployment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where a deployment's change came from.")
public record DeploymentSource(
        @Schema(description = "Commit SHA (7 to 64 hex characters).", examples = "3f2c9d1") String commit,
        @Schema(description = "URL of the CI run or change request.", examples = "https://ci.example.com/runs/1234") String url) {
}
