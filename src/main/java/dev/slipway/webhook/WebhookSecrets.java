package dev.slipway.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.store.crypto.SealedSecret;
import dev.slipway.store.crypto.SealedValues;
import dev.slipway.store.crypto.SecretKeyring;
import dev.slipway.store.crypto.SecretUnreadableException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Where signing secrets are sealed and opened: under the keyring's active key, bound to the
 * subscription's id, so a secret copied to another subscription's row does not open there. As a
 * {@link SealedValues}, key rotation and the start-up key check cover them too.
 */
@ApplicationScoped
public class WebhookSecrets implements SealedValues {
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private final SecretKeyring keyring;
    private final Pool pool;

    public WebhookSecrets(SecretKeyring keyring, Pool pool) {
        this.keyring = keyring;
        this.pool = pool;
    }

    void seal(WebhookSubscription subscription, String secret) {
        subscription.seal(keyring.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(subscription.id, keyring.activeKeyId())));
    }

    String open(WebhookSubscription subscription) {
        return open(subscription.id, subscription.sealed());
    }

    /** @throws SecretUnreadableException when its key is not configured or it does not authenticate */
    String open(UUID subscriptionId, SealedSecret sealed) {
        return new String(keyring.open(sealed, associatedData(subscriptionId, sealed.keyId())), StandardCharsets.UTF_8);
    }

    /** Shown instead of the secret. */
    String fingerprint(WebhookSubscription subscription) {
        return keyring.fingerprint("webhook-secret", open(subscription).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String description() {
        return "webhook signing secrets";
    }

    @Override
    public Uni<Map<String, Long>> countByKey() {
        return SealedValues.countByKeyIn(pool, "webhook_subscriptions");
    }

    /** Subscriptions are few: one transaction re-seals all of them, rows locked so two runs never work on the same one. */
    @Override
    public Uni<Reencrypted> reencrypt() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT * FROM webhook_subscriptions WHERE key_id <> :key FOR UPDATE SKIP LOCKED", WebhookSubscription.class)
                .setParameter("key", keyring.activeKeyId()).getResultList())
                .map(this::reseal));
    }

    private Reencrypted reseal(List<WebhookSubscription> rows) {
        long moved = 0;
        long unreadable = 0;
        for (WebhookSubscription row : rows) {
            try {
                seal(row, open(row));
                moved++;
            } catch (SecretUnreadableException e) {
                LOG.warnf("signing secret of webhook %s cannot be re-encrypted: %s", row.id, e.getMessage());
                unreadable++;
            }
        }
        return new Reencrypted(moved, unreadable);
    }

    static byte[] associatedData(UUID subscriptionId, String keyId) {
        return ("slipway-webhook-secret|v1|" + subscriptionId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
