package dev.slipway.config;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry as a revision stores it. A secret is stored as the id of its encrypted value, with
 * the version (how often it was set in this scope) and keyed fingerprint that the API shows.
 *
 * @param secretBytes length of a secret's value, for the size limits (the ciphertext shows it anyway)
 * @param revision    the revision in which the entry took this content
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredEntry(String name, ConfigEntryType type, String value, UUID secretId, Integer secretVersion, String fingerprint,
        Integer secretBytes, String refName, String refKey, long revision) {

    static StoredEntry variable(String name, String value, long revision) {
        return new StoredEntry(name, ConfigEntryType.VARIABLE, value, null, null, null, null, null, null, revision);
    }

    static StoredEntry secret(String name, UUID secretId, int version, String fingerprint, int bytes, long revision) {
        return new StoredEntry(name, ConfigEntryType.SECRET, null, secretId, version, fingerprint, bytes, null, null, revision);
    }

    static StoredEntry secretRef(String name, String refName, String refKey, long revision) {
        return new StoredEntry(name, ConfigEntryType.SECRET_REF, null, null, null, null, null, refName, refKey, revision);
    }

    static StoredEntry removed(String name, long revision) {
        return new StoredEntry(name, ConfigEntryType.REMOVED, null, null, null, null, null, null, null, revision);
    }

    /** Same content, whenever and however often it was set. Secrets compare by stored value. */
    boolean sameContent(StoredEntry other) {
        return other != null && type == other.type && Objects.equals(value, other.value) && Objects.equals(secretId, other.secretId)
                && Objects.equals(refName, other.refName) && Objects.equals(refKey, other.refKey);
    }

    StoredEntry atRevision(long newRevision) {
        return new StoredEntry(name, type, value, secretId, secretVersion, fingerprint, secretBytes, refName, refKey, newRevision);
    }

    StoredEntry withSecretVersion(int version) {
        return new StoredEntry(name, type, value, secretId, version, fingerprint, secretBytes, refName, refKey, revision);
    }

    /** Bytes the entry puts into its ConfigMap or Secret. */
    int size() {
        return name.length() + (value == null ? 0 : value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                + (secretBytes == null ? 0 : secretBytes);
    }
}
