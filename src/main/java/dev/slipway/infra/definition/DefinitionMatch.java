package dev.slipway.infra.definition;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which definition serves a request, and why; or that none does, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ResourceDefinitionMatch", description = "The answer of a dry run: the definition that would provide the resource and "
        + "why, or that none would and why. Nothing is provisioned.")
public record DefinitionMatch(
        @Schema(description = "The application asked for.") String application,
        @Schema(description = "The environment asked for.") String environment,
        @Schema(description = "That environment's type, which matching takes into account.") String environmentType,
        @Schema(description = "The resource type asked for.") String type,
        @JsonProperty("class") @Schema(name = "class", description = "The class asked for (default when none was given).") String resourceClass,
        @Schema(description = "Whether a definition would serve the request.") boolean matched,
        @Schema(description = "The definition that would serve it; absent when none would.") MatchCandidate definition,
        @Schema(description = "Why, in words, naming the candidates considered.") String reason,
        @Schema(description = "Every definition of the type: the matching ones first, most specific first.") List<MatchCandidate> candidates) {
}
