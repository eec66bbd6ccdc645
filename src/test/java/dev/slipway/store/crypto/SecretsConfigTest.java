package dev.slipway.store.crypto;

import java.util.Base64;
import java.util.Map;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How slipway.secrets.* is read: nothing configured is valid (no secrets), keys come from properties or the environment. */
class SecretsConfigTest {
    private static final String KEY = Base64.getEncoder().encodeToString(SecretCipher.newKeyBytes());

    private static SecretsConfig mapping(SmallRyeConfigBuilder builder) {
        SmallRyeConfig config = builder.withMapping(SecretsConfig.class).build();
        return config.getConfigMapping(SecretsConfig.class);
    }

    @Test
    void nothingConfiguredMeansNoKeys() {
        SecretKeyring keyring = new SecretKeyring(mapping(new SmallRyeConfigBuilder()));
        assertFalse(keyring.configured());
        assertTrue(keyring.keyIds().isEmpty());
    }

    @Test
    void keysFromPropertiesAndFromEnvironmentVariables() {
        SecretsConfig properties = mapping(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("slipway.secrets.keys.k2026", KEY, "slipway.secrets.keys.k2025", KEY, "slipway.secrets.active-key", "k2026"),
                "test", 250)));
        assertEquals("k2026", new SecretKeyring(properties).activeKeyId());

        SecretsConfig environment = mapping(new SmallRyeConfigBuilder().withSources(new EnvConfigSource(
                Map.of("SLIPWAY_SECRETS_KEYS_K2026", KEY), 300)));
        SecretKeyring keyring = new SecretKeyring(environment);
        assertEquals(1, keyring.keyIds().size(), keyring.keyIds().toString());
        assertEquals("k2026", keyring.activeKeyId(), "an environment variable names the key in lower case");
    }
}
