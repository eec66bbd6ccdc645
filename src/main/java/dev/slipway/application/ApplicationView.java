package dev.slipway.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Application", description = "A team's application: the root of its environments, deployments and configuration.")
public record ApplicationView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Unique, immutable slug used in URLs.", examples = "checkout") String name,
        @Schema(description = "Human-readable name.", examples = "Checkout service") String displayName,
        @Schema(description = "What the application does.") String description,
        @Schema(description = "OIDC group that owns the application; its members may change it.", examples = "team-payments") String ownerGroup,
        @Schema(description = "Source repository URL.", examples = "https://git.example.com/payments/checkout") String repositoryUrl,
        @Schema(description = "Labels (Kubernetes label syntax) for filtering with labelSelector.") Map<String, String> labels,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Entity tag of this version; send it as If-Match to update or delete safely.", readOnly = true) String etag) {
}
