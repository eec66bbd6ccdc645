package dev.slipway.deployment;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Pattern;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where a deployment's change came from.")
public record DeploymentSource(
        @Pattern(regexp = "^[0-9a-f]{7,64}$", message = "must be 7 to 64 lower-case hex characters") @Schema(maxLength = 64, description = "Commit SHA (7 to 64 hex characters).", examples = "3f2c9d1") String commit,
        @Size(max = 2048, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "URL of the CI run or change request.", examples = "https://ci.example.com/runs/1234") String url) {
}
