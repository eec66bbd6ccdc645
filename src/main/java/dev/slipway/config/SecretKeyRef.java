package dev.slipway.config;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A key of a Kubernetes Secret that already exists in the environment's namespace (for example one an "
        + "external secret operator keeps); the container reads it through secretKeyRef.")
public record SecretKeyRef(
        @Size(max = 253, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Name of the Secret (DNS subdomain).", required = true, examples = "checkout-db") String name,
        @Size(max = 253, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Key within the Secret.", required = true, examples = "password") String key) {
}
