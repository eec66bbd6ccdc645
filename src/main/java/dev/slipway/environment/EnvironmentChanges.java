package dev.slipway.environment;

import java.util.Map;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The patchable document of an environment. Cluster and namespace are fixed at creation because
 * moving them would strand whatever already runs there.
 */
@Schema(name = "EnvironmentPatch", description = "JSON merge patch (RFC 7386) of an environment; name, cluster and namespace are immutable.")
public record EnvironmentChanges(
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Immutable; may be sent only with the current value.") String name,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "New environment type.") String type,
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Immutable; may be sent only with the current value.") String cluster,
        @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Immutable; may be sent only with the current value.") String namespace,
        @Size(max = RequestLimits.MAX_LABELS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Labels to set; a null value removes that label; null removes them all.", nullable = true, maxProperties = RequestLimits.MAX_LABELS) Map<String, @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) String> labels,
        @Schema(description = "When a rollout fails, redeploy the last succeeded deployment.") Boolean autoRollback) {
}
