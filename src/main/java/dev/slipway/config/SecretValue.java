package dev.slipway.config;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.store.crypto.SealedColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One encrypted secret value; revisions (or, for platform-owned values with no application, resource
 * definitions) refer to it by id. Only re-encryption changes it.
 */
@Entity
@Table(name = "config_secret_values")
public class SecretValue extends SealedColumns {
    @Id
    public UUID id;
    /** The owning application; null for a value that belongs to the platform. */
    public UUID applicationId;
    public Instant createdAt;
    public Instant reencryptedAt;

    @Override
    public String toString() {
        return "SecretValue[" + id + " under key " + keyId + "]";
    }
}
