package dev.slipway.webhook;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookDelivery", description = "One event sent (or being sent) to a subscription, with the outcome of its last attempt.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        @Schema(description = "Delivery id, sent as the webhook-id header: the same on every retry, so receivers can drop duplicates.") UUID id,
        @Schema(description = "The CloudEvent's id.") String eventId,
        @Schema(description = "The CloudEvent's type.") String eventType,
        @Schema(description = "The CloudEvent's subject.") String subject,
        @Schema(description = "pending (waiting for its next attempt), delivered (a 2xx answer) or failed (retries ran out).", enumeration = {
                "pending", "delivered", "failed" }) String state,
        @Schema(description = "Attempts made so far.") int attempts,
        @Schema(description = "HTTP status of the last attempt; absent when it got no answer.") Integer lastStatusCode,
        @Schema(description = "How long the last attempt took, in milliseconds.") Integer lastLatencyMs,
        @Schema(description = "Why the last attempt failed (truncated).") String lastError,
        @Schema(description = "When the last attempt was made (UTC).") Instant lastAttemptAt,
        @Schema(description = "When the next attempt is due (UTC), while pending.") Instant nextAttemptAt,
        @Schema(description = "When it was delivered (UTC).") Instant deliveredAt,
        @Schema(description = "When the event happened (UTC).") Instant createdAt) {
}
