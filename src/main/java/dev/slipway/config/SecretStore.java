package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.slipway.api.Timestamps;
import dev.slipway.store.crypto.SealedSecret;
import dev.slipway.store.crypto.SecretKeyring;
import dev.slipway.store.crypto.SecretUnreadableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Where secret values become ciphertext and back. Plaintext exists only in memory, on its way in
 * from a request or out to a cluster; every log line here names ids and keys, never values.
 */
@ApplicationScoped
public class SecretStore {
    private static final Logger LOG = Logger.getLogger(SecretStore.class);

    private final SecretKeyring keyring;
    private final SecretValueRepository values;

    public SecretStore(SecretKeyring keyring, SecretValueRepository values) {
        this.keyring = keyring;
        this.values = values;
    }

    /**
     * The stored entry for setting a secret: the existing one when it already holds this value,
     * else a new value sealed under the active key and persisted in the caller's transaction.
     */
    Uni<StoredEntry> store(UUID applicationId, String name, String plaintext, StoredEntry existing, long revision) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        Uni<Boolean> unchanged = existing == null || existing.type() != ConfigEntryType.SECRET
                ? Uni.createFrom().item(false)
                : open(applicationId, java.util.List.of(existing.secretId()))
                        .map(opened -> opened.containsKey(existing.secretId())
                                && MessageDigest.isEqual(opened.get(existing.secretId()), bytes));
        return unchanged.flatMap(same -> {
            if (same) {
                return Uni.createFrom().item(existing);
            }
            SecretValue value = new SecretValue();
            value.id = UUID.randomUUID();
            value.applicationId = applicationId;
            value.createdAt = Timestamps.now();
            String fingerprint = keyring.fingerprint(applicationId.toString(), bytes);
            value.seal(keyring.seal(bytes, associatedData(applicationId, value.id, keyring.activeKeyId())));
            return values.persist(value).map(saved -> StoredEntry.secret(name, saved.id,
                    ConfigEdits.nextSecretVersion(existing), fingerprint, bytes.length, revision));
        });
    }

    /** Opens the given values of an application; values that cannot be opened are left out (and logged by id). */
    Uni<Map<UUID, byte[]>> open(UUID applicationId, Collection<UUID> ids) {
        return values.findAll(applicationId, ids).map(rows -> {
            Map<UUID, byte[]> opened = new HashMap<>();
            for (SecretValue row : rows) {
                try {
                    opened.put(row.id, keyring.open(row.sealed(), associatedData(applicationId, row.id, row.keyId)));
                } catch (SecretUnreadableException e) {
                    LOG.warnf("secret value %s of application %s cannot be opened: %s", row.id, applicationId, e.getMessage());
                }
            }
            return opened;
        });
    }

    /** Moves one value to the active key; false when it cannot be opened. */
    boolean reencrypt(SecretValue value) {
        byte[] plaintext;
        try {
            plaintext = keyring.open(value.sealed(), associatedData(value.applicationId, value.id, value.keyId));
        } catch (SecretUnreadableException e) {
            LOG.warnf("secret value %s cannot be re-encrypted: %s", value.id, e.getMessage());
            return false;
        }
        SealedSecret sealed = keyring.seal(plaintext, associatedData(value.applicationId, value.id, keyring.activeKeyId()));
        value.seal(sealed);
        value.reencryptedAt = Timestamps.now();
        return true;
    }

    /**
     * Binds a ciphertext to its row, application and key: a value copied elsewhere in the
     * database does not open there.
     */
    public static byte[] associatedData(UUID applicationId, UUID valueId, String keyId) {
        return ("slipway-secret|v1|" + applicationId + "|" + valueId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
