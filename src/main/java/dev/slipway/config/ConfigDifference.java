package dev.slipway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One entry that differs; secrets are compared by value but shown only by their state.")
public record ConfigDifference(
        @Schema(description = "Entry name.") String name,
        @Schema(description = "How it differs.") DiffChange change,
        @Schema(description = "The entry in 'from'; absent when ADDED.") ConfigEntryView from,
        @Schema(description = "The entry in 'to'; absent when REMOVED.") ConfigEntryView to) {
}
