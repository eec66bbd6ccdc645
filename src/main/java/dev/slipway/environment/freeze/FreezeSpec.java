package dev.slipway.environment.freeze;

import java.time.Instant;

import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A freeze to create. */
@Schema(name = "FreezeSpec", description = "A freeze to create: a scope, a reason, and either a one-off window (start, optional end) "
        + "or a recurring one.")
public record FreezeSpec(
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Unique slug.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "black-friday", required = true) String name,
        @Valid @Schema(description = "Where the freeze applies.", required = true) FreezeScope scope,
        @NotBlank(message = RequestLimits.REQUIRED) @Size(max = 2000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why (at most 2000 characters); shown to everyone whose deployment it refuses.", examples = "Black Friday", required = true) String reason,
        @Schema(description = "One-off window: when it starts (UTC); default now. Not with recurring.") Instant start,
        @Schema(description = "One-off window: when it ends (UTC), after start; absent: until the freeze is deleted. Not with recurring.") Instant end,
        @Valid @Schema(description = "A recurring window instead of start and end.") RecurringWindow recurring) {
}
