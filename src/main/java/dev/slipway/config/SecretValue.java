package dev.slipway.config;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.store.crypto.SealedSecret;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One encrypted secret value; revisions (or, for platform-owned values with no application, resource
 * definitions) refer to it by id. Only re-encryption changes it.
 */
@Entity
@Table(name = "config_secret_values")
public class SecretValue {
    @Id
    public UUID id;
    /** The owning application; null for a value that belongs to the platform. */
    public UUID applicationId;
    public String keyId;
    public short format;
    public byte[] nonce;
    public byte[] ciphertext;
    public Instant createdAt;
    public Instant reencryptedAt;

    SealedSecret sealed() {
        return new SealedSecret(keyId, format, nonce, ciphertext);
    }

    void seal(SealedSecret sealed) {
        keyId = sealed.keyId();
        format = (short) sealed.format();
        nonce = sealed.nonce();
        ciphertext = sealed.ciphertext();
    }

    @Override
    public String toString() {
        return "SecretValue[" + id + " under key " + keyId + "]";
    }
}
