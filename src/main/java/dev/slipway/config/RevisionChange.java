package dev.slipway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ConfigRevisionChange", description = "One entry a revision changed; values are not repeated here.")
public record RevisionChange(
        @Schema(description = "Entry name.", examples = "LOG_LEVEL") String name,
        @Schema(description = "What happened to it.") ChangeAction action,
        @Schema(description = "The entry's type after a SET.") ConfigEntryType type) {
}
