package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A key of a Kubernetes Secret that already exists in the environment's namespace (for example one an "
        + "external secret operator keeps); the container reads it through secretKeyRef.")
public record SecretKeyRef(
        @Schema(description = "Name of the Secret (DNS subdomain).", required = true, examples = "checkout-db") String name,
        @Schema(description = "Key within the Secret.", required = true, examples = "password") String key) {
}
