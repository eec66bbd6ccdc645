package dev.slipway.webhook;

import dev.slipway.api.ETags;
import dev.slipway.store.crypto.SecretUnreadableException;

/** The one place a subscription entity becomes its API models. */
final class WebhookMapper {
    private WebhookMapper() {
    }

    static WebhookView toView(WebhookSubscription subscription, WebhookSecrets secrets) {
        String fingerprint;
        try {
            fingerprint = secrets.fingerprint(subscription);
        } catch (SecretUnreadableException e) {
            fingerprint = null; // its key is gone; the subscription still shows, deliveries say why they fail
        }
        return new WebhookView(subscription.id, subscription.application, subscription.url, subscription.eventTypes(),
                subscription.description, subscription.enabled, fingerprint, null, subscription.createdAt, subscription.createdBy,
                subscription.updatedAt, ETags.of(subscription.version));
    }

    static WebhookChanges toChanges(WebhookSubscription subscription) {
        return new WebhookChanges(subscription.url, subscription.eventTypes(), subscription.description, subscription.enabled, null);
    }
}
