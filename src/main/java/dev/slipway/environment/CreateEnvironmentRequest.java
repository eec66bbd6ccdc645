package dev.slipway.environment;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new environment of an application.")
public record CreateEnvironmentRequest(
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Slug, unique within the application.", required = true, pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "staging") String name,
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Environment type.", required = true, examples = "staging") String type,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Cluster; default: the type's default cluster, else the platform default.") String cluster,
        @Pattern(regexp = RequestLimits.DNS_LABEL, message = RequestLimits.DNS_LABEL_MESSAGE) @Schema(maxLength = 63, description = "Namespace (DNS label, unique per cluster); default <application>-<environment>.") String namespace,
        @Size(max = RequestLimits.MAX_LABELS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Labels in Kubernetes label syntax (at most 64).", maxProperties = RequestLimits.MAX_LABELS) Map<String, @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) String> labels,
        @Schema(description = "When a rollout fails, redeploy the last succeeded deployment; default false.") Boolean autoRollback,
        // The three below are left out when absent, so that requests without them fingerprint (idempotency) as before they existed.
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Lifetime as a Go duration (72h, 30m, 1h30m): the environment "
                + "is torn down that long after its creation. Not with expiresAt; default the type's defaultTtl; at most the type's maxTtl.", examples = "72h") String ttl,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "When the environment is torn down (RFC 3339, in the future). "
                + "Not with ttl; at most the type's maxTtl from now.") Instant expiresAt,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(maxLength = 40, description = "Another environment of the application to clone: its configuration "
                + "overrides are copied (secrets included) and its current deployment's spec is deployed here, with resources matched "
                + "for this environment. Needs the right to deploy to that environment.", examples = "staging") String cloneFrom) {

    /** A request without lifetime or clone. */
    public CreateEnvironmentRequest(String name, String type, String cluster, String namespace, Map<String, String> labels,
            Boolean autoRollback) {
        this(name, type, cluster, namespace, labels, autoRollback, null, null, null);
    }
}
