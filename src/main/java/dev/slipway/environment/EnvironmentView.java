package dev.slipway.environment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Environment", description = "Where an application runs: a namespace on a cluster, of an environment type.")
public record EnvironmentView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Name, unique within the application; immutable.", examples = "staging") String name,
        @Schema(description = "Application it belongs to.", readOnly = true, examples = "checkout") String application,
        @Schema(description = "Environment type.", examples = "staging") String type,
        @Schema(description = "Cluster it runs on; immutable.", examples = "sandbox") String cluster,
        @Schema(description = "Kubernetes namespace on that cluster; immutable, unique per cluster.", examples = "checkout-staging") String namespace,
        @Schema(description = "Labels (Kubernetes label syntax).") Map<String, String> labels,
        @Schema(description = "Lifecycle state.", readOnly = true) EnvironmentStatus status,
        @Schema(description = "Whether a failed rollout redeploys the last succeeded deployment.") boolean autoRollback,
        @Schema(description = "The deployment running here: the last one that succeeded.", readOnly = true) UUID currentDeploymentId,
        @Schema(description = "When the environment expires and is torn down (UTC); absent: never. Extend with :extend.", readOnly = true) Instant expiresAt,
        @Schema(description = "The environment it was cloned from; absent when it was not cloned.", readOnly = true) String clonedFrom,
        @Schema(description = "The routes of the deployment running here, as URLs to open; empty when it has none.", readOnly = true) List<EnvironmentRoute> routes,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Entity tag of this version, for If-Match.", readOnly = true) String etag) {
}
