package dev.slipway.store.crypto;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The keys secrets are encrypted with. Rotation: add a key, make it active, restart, then
 * re-encrypt (POST /api/v1/secrets:reencrypt) and remove the old key once none remain under it.
 */
@ConfigMapping(prefix = "slipway.secrets")
public interface SecretsConfig {
    /**
     * Key id -> base64 of 32 random bytes (AES-256), e.g. {@code slipway.secrets.keys.k2026=...}.
     * Ids are 1-64 letters, digits, '.', '_' or '-'.
     */
    Map<String, String> keys();

    /** Id of the key new values are encrypted with; may be left out when there is exactly one key. */
    Optional<String> activeKey();

    /**
     * Used only when {@link #keys()} is empty: a properties file of {@code id=base64} keys, created
     * with one random key when missing. Dev mode sets it to .slipway/secrets.keys.
     */
    Optional<String> keyFile();
}
