package dev.slipway.config;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ConfigDiff", description = "What changes going from one configuration to another.")
public record ConfigDiffView(
        @Schema(description = "Application name.") String application,
        @Schema(description = "The 'from' configuration as requested.", examples = "staging") String from,
        @Schema(description = "The 'to' configuration as requested.", examples = "production") String to,
        @Schema(description = "The revision 'from' resolved to.") long fromRevision,
        @Schema(description = "The revision 'to' resolved to.") long toRevision,
        @Schema(description = "Entries that differ, by name.") List<ConfigDifference> differences,
        @Schema(description = "How many entries are the same in both.") int unchanged) {
}
