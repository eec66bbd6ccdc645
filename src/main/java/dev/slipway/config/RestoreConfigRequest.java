package dev.slipway.config;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Restore a scope to its state as of an earlier revision, as a new revision.")
public record RestoreConfigRequest(
        @Max(value = Long.MAX_VALUE, message = "must be 1 or more") @NotNull(message = RequestLimits.REQUIRED) @Min(value = 1, message = "must be 1 or more") @Schema(description = "The revision whose state to restore (1 or more).", required = true, examples = "12") Long revision,
        @Size(max = 2000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why (at most 2000 characters); default 'restore revision <n>'.") String message) {
}
