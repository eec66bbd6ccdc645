package dev.slipway.environment.freeze;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Whether a deployment into the environment would be refused now, and by which freezes.")
public record FreezeCheck(
        @Schema(description = "The application.") String application,
        @Schema(description = "The environment.") String environment,
        @Schema(description = "The instant the answer holds for (UTC).") Instant at,
        @Schema(description = "true: a deployment now is refused (409) unless an owner or an admin breaks the glass.") boolean blocked,
        @Schema(description = "The freezes in force on it; empty when not blocked.") List<ActiveFreeze> freezes) {
}
