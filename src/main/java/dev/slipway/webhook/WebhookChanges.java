package dev.slipway.webhook;

import java.util.List;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The patchable document of a subscription. A JSON merge patch (RFC 7386) is applied to it:
 * members present replace, absent ones stay. The application is fixed at creation; the secret is
 * write-only, so the document holds none and a patch naming one rotates it.
 */
@Schema(name = "WebhookPatch", description = "JSON merge patch (RFC 7386) of a webhook subscription; the application cannot change.")
public record WebhookChanges(
        @Schema(maxLength = Webhooks.MAX_URL, description = "New URL, checked as on creation.") String url,
        @Schema(minItems = 1, maxItems = Webhooks.MAX_EVENT_TYPES, description = "The event types wanted (replaces the list).") List<@Size(max = WebhookEventTypes.MAX_LENGTH, message = "is not a known event type") String> eventTypes,
        @Schema(maxLength = Webhooks.MAX_DESCRIPTION, description = "What it is for; null clears it.") String description,
        @Schema(description = "Whether events are sent; false pauses the subscription.") Boolean enabled,
        @Schema(minLength = Webhooks.MIN_SECRET, maxLength = Webhooks.MAX_SECRET, description = "A new signing secret (write-only); deliveries "
                + "from now on are signed with it.", writeOnly = true) String secret) {
}
