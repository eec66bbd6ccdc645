package dev.slipway.environment.freeze;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Where a freeze applies: one environment (kind ENVIRONMENT with application and environment), every environment "
        + "of a type (kind ENVIRONMENT_TYPE with environmentType, optionally only those of one application), or every environment "
        + "(kind PLATFORM, nothing else).")
public record FreezeScope(
        @Schema(description = "What the freeze covers.", required = true) FreezeScopeKind kind,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "The application: required for ENVIRONMENT, optional for ENVIRONMENT_TYPE.", examples = "shop") String application,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "The application's environment (ENVIRONMENT only).", examples = "prod") String environment,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "The environment type (ENVIRONMENT_TYPE only).", examples = "production") String environmentType) {
}
