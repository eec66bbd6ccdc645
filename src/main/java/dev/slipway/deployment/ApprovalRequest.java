package dev.slipway.deployment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A decision on a deployment that waits for approval.")
public record ApprovalRequest(
        @Schema(description = "Why, or what was checked (at most 2000 characters).", examples = "checked the canary dashboards") String comment) {
}
