package dev.slipway.deployment;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A decision on a deployment that waits for approval.")
public record ApprovalRequest(
        @Size(max = 2000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why, or what was checked (at most 2000 characters).", examples = "checked the canary dashboards") String comment) {
}
