package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A deployment's status change, as delivered to watchers (the SSE event id is id).")
public record DeploymentEvent(
        @Schema(description = "Event id, increasing; resume a stream after it with Last-Event-ID.") long id,
        @Schema(description = "The deployment.") UUID deploymentId,
        @Schema(description = "Application.") String application,
        @Schema(description = "Environment.") String environment,
        @Schema(description = "The status entered.") DeploymentStatus status,
        @Schema(description = "Machine-readable reason.") String reason,
        @Schema(description = "Human-readable detail.") String message,
        @Schema(description = "When it happened (UTC).") Instant createdAt) {

    /** Whether this event concerns the given scope (null parts match everything). */
    public boolean matches(String application, String environment, UUID deploymentId) {
        return (application == null || application.equals(this.application))
                && (environment == null || environment.equals(this.environment))
                && (deploymentId == null || deploymentId.equals(this.deploymentId));
    }

    /** Reasons of the events an approval makes: granted (still waiting for more), released, rejected, expired. */
    private static final java.util.Set<String> APPROVAL_REASONS = java.util.Set.of("ApprovalGranted", "Approved", "ApprovalRejected",
            "ApprovalExpired");

    /**
     * Whether the event is about an approval: one asked for (AWAITING_APPROVAL), given, refused or run out.
     * Most events have no reason, and Set.of(...).contains(null) throws, which broke approvals streams.
     */
    public boolean concernsApproval() {
        return status == DeploymentStatus.AWAITING_APPROVAL || reason != null && APPROVAL_REASONS.contains(reason);
    }
}
