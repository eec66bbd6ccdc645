package dev.slipway.store.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK, nothing more: a fresh 12-byte random nonce per value, a 128-bit tag,
 * and additional authenticated data that binds a ciphertext to where it is stored, so a value
 * copied to another row or application fails to open instead of being delivered there.
 */
public final class SecretCipher {
    /** The stored layout; bump when it changes, keep opening the old ones. */
    public static final int FORMAT = 1;
    public static final int KEY_BYTES = 32;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretCipher() {
    }

    /** A key from its raw 32 bytes. */
    public static SecretKey key(byte[] raw) {
        if (raw == null || raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is exactly " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** 32 random bytes: a new key. */
    public static byte[] newKeyBytes() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return raw;
    }

    public static SealedSecret seal(String keyId, SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return new SealedSecret(keyId, FORMAT, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java runtime", e);
        }
    }

    /**
     * @throws SecretUnreadableException when the key is wrong, the data was altered or moved, or
     *                                   the format is unknown (no detail about the content)
     */
    public static byte[] open(SealedSecret sealed, SecretKey key, byte[] associatedData) {
        if (sealed.format() != FORMAT) {
            throw new SecretUnreadableException("secret value format " + sealed.format() + " is not known");
        }
        if (sealed.nonce() == null || sealed.nonce().length != NONCE_BYTES) {
            throw new SecretUnreadableException("secret value nonce is malformed");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretUnreadableException("secret value does not authenticate under key '" + sealed.keyId() + "'");
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("secret value cannot be decrypted under key '" + sealed.keyId() + "'");
        }
    }
}
