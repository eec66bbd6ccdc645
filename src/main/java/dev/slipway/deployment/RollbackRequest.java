package dev.slipway.deployment;

import dev.slipway.api.RequestLimits;

import jakarta.validation.Valid;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Optional details of a rollback.")
public record RollbackRequest(
        @Size(max = 2000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why (at most 2000 characters); default: 'rollback to <id>'.") String reason,
        @Valid @Schema(description = "Roll back even though a freeze is in force (owners of the application and admins only); without it a "
                + "freeze in force refuses the rollback with 409.") BreakGlass breakGlass) {
}
