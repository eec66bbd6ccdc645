package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Restore a scope to its state as of an earlier revision, as a new revision.")
public record RestoreConfigRequest(
        @Schema(description = "The revision whose state to restore (1 or more).", required = true, examples = "12") Long revision,
        @Schema(description = "Why (at most 2000 characters); default 'restore revision <n>'.") String message) {
}
