package dev.slipway.environment;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new environment of an application.")
public record CreateEnvironmentRequest(
        @Schema(description = "Slug, unique within the application.", required = true, pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "staging") String name,
        @Schema(description = "Environment type.", required = true, examples = "staging") String type,
        @Schema(description = "Cluster; default: the type's default cluster, else the platform default.") String cluster,
        @Schema(description = "Namespace (DNS label, unique per cluster); default <application>-<environment>.") String namespace,
        @Schema(description = "Labels in Kubernetes label syntax (at most 64).") Map<String, String> labels,
        @Schema(description = "When a rollout fails, redeploy the last succeeded deployment; default false.") Boolean autoRollback) {
}
