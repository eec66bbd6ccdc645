package dev.slipway.environment.freeze;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Freeze", description = "A time when deployments into its scope are refused (409) unless an owner or an admin breaks the glass.")
public record FreezeView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Unique slug.", examples = "black-friday") String name,
        @Schema(description = "Where it applies.") FreezeScope scope,
        @Schema(description = "Why.") String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "One-off window: when it starts (UTC).") Instant start,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "One-off window: when it ends (UTC); absent: until deleted.") Instant end,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The recurring window, for a recurring freeze.") RecurringWindow recurring,
        @Schema(description = "Whether it is in force now.", readOnly = true) boolean active,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "While in force: when the current window ends (UTC); absent when "
                + "it is not in force or lasts until deleted.", readOnly = true) Instant activeUntil,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "Entity tag of this version.", readOnly = true) String etag) {
}
