package dev.slipway.config;

import java.util.List;

import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Changes of one scope's entries, made together as one new revision.")
public record ConfigChangeRequest(
        @Size(min = 1, max = 500, message = "must hold 1 to 500 changes") @Schema(description = "The changes, 1 to 500, at most one per name.", required = true) List<@Valid ConfigChange> changes,
        @Size(max = 2000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why (at most 2000 characters); kept with the revision.", examples = "raise the pool size for the sale") String message) {
}
