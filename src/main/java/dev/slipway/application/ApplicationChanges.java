package dev.slipway.application;

import java.util.Map;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The patchable document of an application. A JSON merge patch (RFC 7386) is applied to it:
 * members present replace, null removes (labels entry by entry), absent ones stay.
 */
@Schema(name = "ApplicationPatch", description = "JSON merge patch (RFC 7386) of an application; name is immutable.")
public record ApplicationChanges(
        @Size(max = 40, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Immutable; may be sent only with the current value.") String name,
        @Size(max = 200, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Human-readable name; null clears it.", nullable = true) String displayName,
        @Size(max = 4000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Description; null clears it.", nullable = true) String description,
        @Size(max = 255, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "New owner group; the caller must belong to it unless an admin.") String ownerGroup,
        @Size(max = 2048, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Source repository URL; null clears it.", nullable = true) String repositoryUrl,
        @Size(max = RequestLimits.MAX_LABELS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Labels to set; a null value removes that label; null removes them all.", nullable = true, maxProperties = RequestLimits.MAX_LABELS) Map<String, @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) String> labels) {
}
