package dev.slipway.config;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Changes of one scope's entries, made together as one new revision.")
public record ConfigChangeRequest(
        @Schema(description = "The changes, 1 to 500, at most one per name.", required = true) List<ConfigChange> changes,
        @Schema(description = "Why (at most 2000 characters); kept with the revision.", examples = "raise the pool size for the sale") String message) {
}
