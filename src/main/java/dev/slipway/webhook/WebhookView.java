package dev.slipway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Webhook", description = "A webhook subscription: events of one application (or of the whole platform) POSTed as signed "
        + "CloudEvents to a URL.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "The application whose events are sent; absent for a platform-wide subscription.") String application,
        @Schema(description = "Where deliveries are POSTed.") String url,
        @Schema(description = "The event types sent.") List<String> eventTypes,
        @Schema(description = "What it is for.") String description,
        @Schema(description = "Whether events are sent.") boolean enabled,
        @Schema(description = "A keyed fingerprint of the signing secret: equal fingerprints, equal secrets; the secret itself is never "
                + "returned after creation.", readOnly = true) String secretFingerprint,
        @Schema(description = "The generated signing secret, in the create response only and only when the request gave none: keep "
                + "it, it is never shown again.", readOnly = true) String secret,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "When it was last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Entity tag of this version.", readOnly = true) String etag) {

    WebhookView withSecret(String generated) {
        return new WebhookView(id, application, url, eventTypes, description, enabled, secretFingerprint, generated, createdAt, createdBy,
                updatedAt, etag);
    }
}
