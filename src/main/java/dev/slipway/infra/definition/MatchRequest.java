package dev.slipway.infra.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The dry run's question: which definition would provide this resource here? */
@Schema(name = "ResourceDefinitionMatchRequest", description = "A resource request to match against the definitions, as a deployment "
        + "of the application to the environment would make it.")
public record MatchRequest(
        @Schema(description = "Application name.", required = true, examples = "checkout") String application,
        @Schema(description = "Environment of the application; its type takes part in matching.", required = true, examples = "prod") String environment,
        @Schema(description = "Resource type.", required = true, examples = "postgres") String type,
        @JsonProperty("class") @Schema(name = "class", description = "Class asked for; default: default.", examples = "default") String resourceClass) {
}
