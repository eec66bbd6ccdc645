package dev.slipway.config;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ConfigRevision", description = "An immutable change of an application's configuration: of its base, or of one environment's overrides.")
public record ConfigRevisionView(
        @Schema(description = "Application name.") String application,
        @Schema(description = "Revision number, counting up per application.") long revision,
        @Schema(description = "The environment whose overrides changed; absent for a change of the base.") String environment,
        @Schema(description = "Why, in the author's words.") String message,
        @Schema(description = "Set on a restore: the revision whose state was restored.") Long restoredFrom,
        @Schema(description = "The entries this revision changed.") List<RevisionChange> changes,
        @Schema(description = "The scope's complete entries after this revision (only when one revision is read).") List<ConfigEntryView> entries,
        @Schema(description = "Who made it.") String createdBy,
        @Schema(description = "When (UTC).") Instant createdAt) {
}
