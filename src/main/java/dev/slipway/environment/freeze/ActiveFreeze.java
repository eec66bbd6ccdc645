package dev.slipway.environment.freeze;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A freeze in force on a target.")
public record ActiveFreeze(
        @Schema(description = "The freeze's identifier.") UUID id,
        @Schema(description = "The freeze's name.") String name,
        @Schema(description = "What it covers.") FreezeScopeKind scope,
        @Schema(description = "Why.") String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "When its current window ends (UTC); absent: until it is deleted.") Instant endsAt) {

    /** How a refusal names it. */
    public String describe() {
        return "freeze '" + name + "' (" + reason + ") " + (endsAt == null ? "until it is deleted" : "until " + endsAt);
    }
}
