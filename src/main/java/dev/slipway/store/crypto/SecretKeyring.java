package dev.slipway.store.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.slipway.api.SlipwayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The configured secret keys by id, and which one seals new values. Opening uses whichever key a
 * value names, so values under an older key stay readable until they are re-encrypted.
 */
@ApplicationScoped
public class SecretKeyring {
    static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    private static final Logger LOG = Logger.getLogger(SecretKeyring.class);
    private static final String GENERATED_KEY_ID = "local";
    private static final byte[] FINGERPRINT_LABEL = "slipway secret fingerprint v1".getBytes(StandardCharsets.UTF_8);

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    @Inject
    public SecretKeyring(SecretsConfig config) {
        this(loadKeys(config), config.activeKey().orElse(null));
    }

    /** For tests: raw keys by id. */
    public SecretKeyring(Map<String, byte[]> rawKeys, String activeKeyId) {
        Map<String, SecretKey> parsed = new TreeMap<>();
        rawKeys.forEach((id, raw) -> parsed.put(id, SecretCipher.key(raw)));
        this.keys = Collections.unmodifiableMap(parsed);
        this.activeKeyId = chooseActive(parsed.keySet(), activeKeyId);
    }

    /** Whether secrets can be written at all. */
    public boolean configured() {
        return activeKeyId != null;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean has(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Seals a new value under the active key. */
    public SealedSecret seal(byte[] plaintext, byte[] associatedData) {
        return SecretCipher.seal(activeKeyId, activeKey(), plaintext, associatedData);
    }

    /** Opens a value under the key it names. */
    public byte[] open(SealedSecret sealed, byte[] associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SecretUnreadableException("secret key '" + sealed.keyId() + "' is not configured (slipway.secrets.keys)");
        }
        return SecretCipher.open(sealed, key, associatedData);
    }

    /**
     * A short keyed fingerprint of a value, shown instead of it: equal fingerprints mean equal
     * values, yet without the key nobody can test guesses against one. Keyed by a key derived from
     * the active key, so a value set under another key may show another fingerprint.
     */
    public String fingerprint(String scope, byte[] plaintext) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(activeKey());
            byte[] fingerprintKey = derive.doFinal(FINGERPRINT_LABEL);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(plaintext), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    private SecretKey activeKey() {
        if (activeKeyId == null) {
            throw new SlipwayException.Unavailable("secrets cannot be stored: no secret key is configured (slipway.secrets.keys); "
                    + "ask the platform team to configure one");
        }
        return keys.get(activeKeyId);
    }

    private static String chooseActive(Set<String> ids, String requested) {
        if (requested != null && !requested.isBlank()) {
            if (!ids.contains(requested)) {
                throw new IllegalStateException("slipway.secrets.active-key '" + requested + "' is not one of slipway.secrets.keys " + ids);
            }
            return requested;
        }
        if (ids.size() > 1) {
            throw new IllegalStateException("slipway.secrets.keys holds " + ids.size() + " keys " + ids
                    + "; name the one new secrets are encrypted with in slipway.secrets.active-key");
        }
        return ids.isEmpty() ? null : ids.iterator().next();
    }

    private static Map<String, byte[]> loadKeys(SecretsConfig config) {
        if (!config.keys().isEmpty()) {
            return decode(config.keys(), "slipway.secrets.keys");
        }
        if (config.keyFile().isPresent()) {
            return decode(keyFile(Path.of(config.keyFile().get())), config.keyFile().get());
        }
        return Map.of();
    }

    /** Reads the key file, creating it (owner-only) with one random key when it does not exist. */
    private static Map<String, String> keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                String line = GENERATED_KEY_ID + "=" + Base64.getEncoder().encodeToString(SecretCipher.newKeyBytes()) + "\n";
                Files.writeString(file,
                        "# Secret encryption keys of this local Slipway (id=base64 AES-256 key). Keep it with .slipway/pg.\n" + line);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    LOG.debugf("cannot restrict permissions of %s on this file system", file);
                }
                LOG.infof("Generated a secret encryption key in %s (local use only; configure slipway.secrets.keys in production)", file);
            }
            Properties properties = new Properties();
            try (Reader reader = new StringReader(Files.readString(file))) {
                properties.load(reader);
            }
            Map<String, String> keys = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(id -> keys.put(id, properties.getProperty(id)));
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Never quotes a key in an error: the message names the key id only. */
    private static Map<String, byte[]> decode(Map<String, String> encoded, String source) {
        Map<String, byte[]> keys = new TreeMap<>();
        encoded.forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException("secret key id '" + id + "' in " + source
                        + " must be 1-64 letters, digits, '.', '_' or '-'");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("secret key '" + id + "' in " + source + " is not base64");
            }
            if (raw.length != SecretCipher.KEY_BYTES) {
                throw new IllegalStateException("secret key '" + id + "' in " + source + " must be " + SecretCipher.KEY_BYTES
                        + " bytes (base64 of 32 random bytes, e.g. openssl rand -base64 32), not " + raw.length);
            }
            keys.put(id, raw);
        });
        return keys;
    }
}
