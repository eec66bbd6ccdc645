package dev.slipway.webhook;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.slipway.store.crypto.SecretKeyring;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where signing secrets are sealed and opened: under the keyring's active key, bound to the
 * subscription's id, so a secret copied to another subscription's row does not open there.
 */
@ApplicationScoped
public class WebhookSecrets {
    private final SecretKeyring keyring;

    public WebhookSecrets(SecretKeyring keyring) {
        this.keyring = keyring;
    }

    void seal(WebhookSubscription subscription, String secret) {
        subscription.seal(keyring.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(subscription.id, keyring.activeKeyId())));
    }

    String open(WebhookSubscription subscription) {
        return open(subscription.id, subscription.sealed());
    }

    String open(UUID subscriptionId, dev.slipway.store.crypto.SealedSecret sealed) {
        return new String(keyring.open(sealed, associatedData(subscriptionId, sealed.keyId())), StandardCharsets.UTF_8);
    }

    /** Shown instead of the secret. */
    String fingerprint(WebhookSubscription subscription) {
        return keyring.fingerprint("webhook-secret", open(subscription).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] associatedData(UUID subscriptionId, String keyId) {
        return ("slipway-webhook-secret|v1|" + subscriptionId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
