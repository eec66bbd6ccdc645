package dev.slipway.infra.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The dry run's question: which definition would provide this resource here? */
@Schema(name = "ResourceDefinitionMatchRequest", description = "A resource request to match against the definitions, as a deployment "
        + "of the application to the environment would make it.")
public record MatchRequest(
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Application name.", required = true, examples = "checkout") String application,
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Environment of the application; its type takes part in matching.", required = true, examples = "prod") String environment,
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Resource type.", required = true, examples = "postgres") String type,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @JsonProperty("class") @Schema(maxLength = 40, name = "class", description = "Class asked for; default: default.", examples = "default") String resourceClass) {
}
