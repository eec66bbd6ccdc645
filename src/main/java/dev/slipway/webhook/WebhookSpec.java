package dev.slipway.webhook;

import java.util.List;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookCreate", description = "A new webhook subscription.")
public record WebhookSpec(
        @Schema(maxLength = 40, description = "The application whose events are sent; absent: platform-wide (admins only), every application's "
                + "events and the platform's.", examples = "shop") String application,
        @Schema(maxLength = Webhooks.MAX_URL, description = "Where deliveries are POSTed: https (http only where the platform allows "
                + "it); internal addresses are refused.", examples = "https://hooks.example.com/slipway", required = true) String url,
        @Schema(minItems = 1, maxItems = Webhooks.MAX_EVENT_TYPES, description = "The event types wanted: dev.slipway.deployment.status_changed, "
                + "dev.slipway.deployment.approval_requested, dev.slipway.freeze.created, dev.slipway.freeze.ended, "
                + "dev.slipway.environment.expired, dev.slipway.resource.failed.", required = true) List<@Size(max = WebhookEventTypes.MAX_LENGTH, message = "is not a known event type") String> eventTypes,
        @Schema(maxLength = Webhooks.MAX_DESCRIPTION, description = "What it is for.") String description,
        @Schema(description = "Whether events are sent; default true. While false no events are queued, and pings and "
                + "redeliveries wait until it is enabled again.") Boolean enabled,
        @Schema(minLength = Webhooks.MIN_SECRET, maxLength = Webhooks.MAX_SECRET, description = "Signing secret (write-only): whsec_ followed by "
                + "base64 of 24-64 random bytes, or any other text of 16-256 characters (its UTF-8 bytes are the key). Absent: one is "
                + "generated and returned once, in the create response.", writeOnly = true) String secret) {
}
