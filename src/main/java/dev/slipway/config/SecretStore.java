package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
    /** The owner named in the associated data (and fingerprint scope) of values no application owns. */
    public static final String PLATFORM_OWNER = "platform";

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
                : open(applicationId, List.of(existing.secretId()))
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
        return values.findAll(applicationId, ids).map(this::openAll);
    }

    /**
     * Seals a value outside the configuration's revisions (a resource definition's secret input, a
     * provisioned resource's password) under the active key, persisted in the caller's transaction.
     * Re-encryption covers it like every other value.
     *
     * @param owner the application it belongs to, or null for the platform
     */
    public Uni<SealedValue> seal(UUID owner, String plaintext) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        SecretValue value = new SecretValue();
        value.id = UUID.randomUUID();
        value.applicationId = owner;
        value.createdAt = Timestamps.now();
        String fingerprint = keyring.fingerprint(owner(owner), bytes);
        value.seal(keyring.seal(bytes, associatedData(owner, value.id, keyring.activeKeyId())));
        return values.persist(value).map(saved -> new SealedValue(saved.id, fingerprint));
    }

    /**
     * Opens an owner's values by id, in the caller's session. Values that are missing or cannot
     * be opened are left out (and logged by id), so the caller sees which ones it lacks.
     *
     * @param owner the application they belong to, or null for the platform
     */
    public Uni<Map<UUID, String>> openValues(UUID owner, Collection<UUID> ids) {
        return values.findOwned(owner, ids).map(rows -> {
            Map<UUID, String> opened = new HashMap<>();
            openAll(rows).forEach((id, bytes) -> opened.put(id, new String(bytes, StandardCharsets.UTF_8)));
            return opened;
        });
    }

    /** Deletes an owner's values nothing refers to any more, in the caller's transaction. */
    public Uni<Void> deleteValues(UUID owner, Collection<UUID> ids) {
        return values.deleteOwned(owner, ids).replaceWithVoid();
    }

    private Map<UUID, byte[]> openAll(List<SecretValue> rows) {
        Map<UUID, byte[]> opened = new HashMap<>();
        for (SecretValue row : rows) {
            try {
                opened.put(row.id, keyring.open(row.sealed(), associatedData(row.applicationId, row.id, row.keyId)));
            } catch (SecretUnreadableException e) {
                LOG.warnf("secret value %s of %s cannot be opened: %s", row.id, owner(row.applicationId), e.getMessage());
            }
        }
        return opened;
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
     * Binds a ciphertext to its row, owner and key: a value copied elsewhere in the database does
     * not open there. The owner is the application, or {@value #PLATFORM_OWNER} for a value that
     * belongs to the platform (applicationId null), which no application id can spell.
     */
    public static byte[] associatedData(UUID applicationId, UUID valueId, String keyId) {
        return ("slipway-secret|v1|" + owner(applicationId) + "|" + valueId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static String owner(UUID applicationId) {
        return applicationId == null ? PLATFORM_OWNER : applicationId.toString();
    }

    /** A sealed value as stored: its id, and the keyed fingerprint the API may show instead of it. */
    public record SealedValue(UUID id, String fingerprint) {
    }
}
