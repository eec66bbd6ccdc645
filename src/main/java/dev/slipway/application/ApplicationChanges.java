package dev.slipway.application;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The patchable document of an application. A JSON merge patch (RFC 7386) is applied to it:
 * members present replace, null removes (labels entry by entry), absent ones stay.
 */
@Schema(name = "ApplicationPatch", description = "JSON merge patch (RFC 7386) of an application; name is immutable.")
public record ApplicationChanges(
        @Schema(description = "Immutable; may be sent only with the current value.") String name,
        @Schema(description = "Human-readable name; null clears it.") String displayName,
        @Schema(description = "Description; null clears it.") String description,
        @Schema(description = "New owner group; the caller must belong to it unless an admin.") String ownerGroup,
        @Schema(description = "Source repository URL; null clears it.") String repositoryUrl,
        @Schema(description = "Labels to set; a null value removes that label.") Map<String, String> labels) {
}
