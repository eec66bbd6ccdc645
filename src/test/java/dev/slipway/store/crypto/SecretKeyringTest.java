package dev.slipway.store.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.slipway.api.SlipwayException;
import dev.slipway.testing.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-GCM sealing, key ids and rotation, key configuration: no database, no Quarkus. */
class SecretKeyringTest {
    private static final byte[] PLAIN = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "slipway-secret|v1|app|value|k1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] K1 = SecretCipher.newKeyBytes();
    private static final byte[] K2 = SecretCipher.newKeyBytes();

    @Test
    void sealsAndOpensWithAFreshNonceEachTime() {
        SecretKeyring keyring = new SecretKeyring(Map.of("k1", K1), null);
        SealedSecret first = keyring.seal(PLAIN, AAD);
        SealedSecret second = keyring.seal(PLAIN, AAD);
        assertEquals("k1", first.keyId());
        assertEquals(SecretCipher.FORMAT, first.format());
        assertEquals(12, first.nonce().length);
        assertEquals(PLAIN.length + 16, first.ciphertext().length, "ciphertext plus a 128-bit tag");
        assertFalse(Arrays.equals(first.nonce(), second.nonce()));
        assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()));
        assertArrayEquals(PLAIN, keyring.open(first, AAD));
        assertArrayEquals(PLAIN, keyring.open(second, AAD));
        assertFalse(Bytes.contains(first.ciphertext(), PLAIN));
        assertFalse(first.toString().contains(HexFormat.of().formatHex(first.ciphertext())));
    }

    @Test
    void refusesAlteredMovedOrMisattributedCiphertexts() {
        SecretKeyring keyring = new SecretKeyring(Map.of("k1", K1, "k2", K2), "k1");
        SealedSecret sealed = keyring.seal(PLAIN, AAD);
        byte[] flipped = sealed.ciphertext().clone();
        flipped[3] ^= 1;
        assertThrows(SecretUnreadableException.class, () -> keyring.open(new SealedSecret("k1", 1, sealed.nonce(), flipped), AAD));
        byte[] elsewhere = "slipway-secret|v1|other-app|value|k1".getBytes(StandardCharsets.UTF_8);
        assertThrows(SecretUnreadableException.class, () -> keyring.open(sealed, elsewhere));
        assertThrows(SecretUnreadableException.class,
                () -> keyring.open(new SealedSecret("k2", 1, sealed.nonce(), sealed.ciphertext()), AAD));
        assertThrows(SecretUnreadableException.class,
                () -> keyring.open(new SealedSecret("gone", 1, sealed.nonce(), sealed.ciphertext()), AAD));
        assertThrows(SecretUnreadableException.class,
                () -> keyring.open(new SealedSecret("k1", 2, sealed.nonce(), sealed.ciphertext()), AAD));
    }

    @Test
    void rotationKeepsOldValuesReadableAndSealsNewOnesUnderTheNewKey() {
        SecretKeyring before = new SecretKeyring(Map.of("k1", K1), null);
        SealedSecret old = before.seal(PLAIN, AAD);
        SecretKeyring after = new SecretKeyring(Map.of("k1", K1, "k2", K2), "k2");
        assertEquals("k2", after.activeKeyId());
        assertArrayEquals(PLAIN, after.open(old, AAD));
        assertEquals("k2", after.seal(PLAIN, AAD).keyId());
        SecretKeyring retired = new SecretKeyring(Map.of("k2", K2), null);
        SecretUnreadableException gone = assertThrows(SecretUnreadableException.class, () -> retired.open(old, AAD));
        assertTrue(gone.getMessage().contains("'k1' is not configured"), gone.getMessage());
    }

    @Test
    void fingerprintsAreKeyedShortAndEqualForEqualValues() {
        SecretKeyring keyring = new SecretKeyring(Map.of("k1", K1), null);
        String fingerprint = keyring.fingerprint("app", PLAIN);
        assertTrue(fingerprint.matches("hmac-sha256:[0-9a-f]{16}"), fingerprint);
        assertEquals(fingerprint, keyring.fingerprint("app", PLAIN.clone()));
        assertNotEquals(fingerprint, keyring.fingerprint("app", "other".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(fingerprint, keyring.fingerprint("other-app", PLAIN));
        assertNotEquals(fingerprint, new SecretKeyring(Map.of("k2", K2), null).fingerprint("app", PLAIN),
                "keyed: another key, another fingerprint");
    }

    @Test
    void withoutKeysNothingCanBeSealed() {
        SecretKeyring none = new SecretKeyring(Map.of(), null);
        assertFalse(none.configured());
        assertThrows(SlipwayException.Unavailable.class, () -> none.seal(PLAIN, AAD));
        assertThrows(SlipwayException.Unavailable.class, () -> none.fingerprint("app", PLAIN));
    }

    @Test
    void configurationErrorsNameTheKeyIdButNeverTheKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException wrongLength = assertThrows(IllegalStateException.class,
                () -> new SecretKeyring(config(Map.of("k1", shortKey), null, null)));
        assertTrue(wrongLength.getMessage().contains("'k1'") && !wrongLength.getMessage().contains(shortKey), wrongLength.getMessage());
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class,
                () -> new SecretKeyring(config(Map.of("k1", "not*base64!"), null, null)));
        assertFalse(notBase64.getMessage().contains("not*base64!"), notBase64.getMessage());
        assertThrows(IllegalStateException.class, () -> new SecretKeyring(config(Map.of("bad id", encoded(K1)), null, null)));
        assertThrows(IllegalStateException.class, () -> new SecretKeyring(config(Map.of("k1", encoded(K1), "k2", encoded(K2)), null, null)),
                "two keys and no active key");
        assertThrows(IllegalStateException.class, () -> new SecretKeyring(config(Map.of("k1", encoded(K1)), "k9", null)),
                "unknown active key");
        assertEquals("k2", new SecretKeyring(config(Map.of("k1", encoded(K1), "k2", encoded(K2)), "k2", null)).activeKeyId());
    }

    @Test
    void aKeyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("nested").resolve("secrets.keys");
        SecretKeyring first = new SecretKeyring(config(Map.of(), null, file.toString()));
        assertTrue(first.configured());
        assertTrue(Files.exists(file));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        SealedSecret sealed = first.seal(PLAIN, AAD);
        SecretKeyring again = new SecretKeyring(config(Map.of(), null, file.toString()));
        assertArrayEquals(PLAIN, again.open(sealed, AAD), "the same key after a restart");
        // Configured keys win over the file.
        assertEquals("k1", new SecretKeyring(config(Map.of("k1", encoded(K1)), null, file.toString())).activeKeyId());
    }

    private static String encoded(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretsConfig config(Map<String, String> keys, String active, String file) {
        Map<String, String> copy = new LinkedHashMap<>(keys);
        return new SecretsConfig() {
            @Override
            public Map<String, String> keys() {
                return copy;
            }

            @Override
            public Optional<String> activeKey() {
                return Optional.ofNullable(active);
            }

            @Override
            public Optional<String> keyFile() {
                return Optional.ofNullable(file);
            }
        };
    }
}
