package dev.slipway.cluster;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.store.crypto.SealedSecret;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cluster's credentials as stored: sealed under a key of the keyring, bound to the cluster's id. */
@Entity
@Table(name = "cluster_credentials")
public class SealedCredentials {
    @Id
    public UUID clusterId;
    public String keyId;
    public short format;
    public byte[] nonce;
    public byte[] ciphertext;
    public Instant sealedAt;

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
        return "SealedCredentials[cluster " + clusterId + " under key " + keyId + "]";
    }
}
