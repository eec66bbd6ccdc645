package dev.slipway.application;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new application.")
public record CreateApplicationRequest(
        @Schema(description = "Unique slug: 3-40 lower-case letters, digits and '-', starting with a letter.", required = true, pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "checkout") String name,
        @Schema(description = "Human-readable name (at most 200 characters).") String displayName,
        @Schema(description = "What the application does (at most 4000 characters).") String description,
        @Schema(description = "OIDC group that owns the application; the caller must belong to it unless an admin.", required = true) String ownerGroup,
        @Schema(description = "Source repository URL (http or https).") String repositoryUrl,
        @Schema(description = "Labels in Kubernetes label syntax (at most 64).") Map<String, String> labels) {
}
