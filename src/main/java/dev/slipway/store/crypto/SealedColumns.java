package dev.slipway.store.crypto;

import jakarta.persistence.MappedSuperclass;

/**
 * The columns of a value sealed with the keyring (key id, format, nonce, ciphertext), shared by
 * every entity that stores one, so that how a {@link SealedSecret} maps to a row is written once.
 */
@MappedSuperclass
public abstract class SealedColumns {
    public String keyId;
    public short format;
    public byte[] nonce;
    public byte[] ciphertext;

    /** The stored value, to open with the keyring. */
    public SealedSecret sealed() {
        return new SealedSecret(keyId, format, nonce, ciphertext);
    }

    /** Stores a freshly sealed value (on creation, rotation or re-encryption). */
    public void seal(SealedSecret sealed) {
        keyId = sealed.keyId();
        format = (short) sealed.format();
        nonce = sealed.nonce();
        ciphertext = sealed.ciphertext();
    }
}
