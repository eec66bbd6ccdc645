package dev.slipway.store.crypto;

/**
 * A secret value as stored: which key sealed it, in which format, with which nonce. Holds no
 * plaintext, so it may be logged; its toString still leaves the bytes out.
 *
 * @param keyId      id of the key (from {@code slipway.secrets.keys}) that sealed it
 * @param format     layout version; 1 = AES-256-GCM, 12-byte nonce, 128-bit tag appended to the ciphertext
 * @param nonce      the random nonce used once with that key
 * @param ciphertext ciphertext followed by the GCM tag
 */
public record SealedSecret(String keyId, int format, byte[] nonce, byte[] ciphertext) {

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + ", format=" + format + ", " + ciphertext.length + " bytes]";
    }
}
