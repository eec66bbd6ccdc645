package dev.slipway.deployment;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Promote the exact spec of a succeeded deployment of the same application from another environment.")
public record PromotionSource(
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Environment the deployment ran in.", required = true, examples = "staging") String environment,
        @NotNull(message = RequestLimits.REQUIRED) @Schema(description = "The deployment to promote; it must have SUCCEEDED.", required = true, maxLength = 36) UUID deploymentId,
        // Left out when absent, so that requests without it fingerprint as they did before it existed.
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "true: promote even though the source environment's type "
                + "is not earlier in the promotion order than the target's (platform admins only); default false.") Boolean force) {

    /** A promotion in the environment types' order. */
    public PromotionSource(String environment, UUID deploymentId) {
        this(environment, deploymentId, null);
    }
}
