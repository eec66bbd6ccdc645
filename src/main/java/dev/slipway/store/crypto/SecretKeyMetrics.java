package dev.slipway.store.crypto;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Which secret key seals new values on this replica: one series per configured key id, 1 for the
 * active key and 0 for the others (kept to open older values). During a key rotation the
 * replicas should all show the same key at 1 before values are re-encrypted. Key ids are few and
 * chosen by the operator; the keys themselves never appear anywhere.
 */
@ApplicationScoped
public class SecretKeyMetrics {
    static final String ACTIVE_KEY = "slipway.secrets.key.active";

    void register(@Observes StartupEvent startup, SecretKeyring keyring, MeterRegistry registry) {
        for (String keyId : keyring.keyIds()) {
            double active = keyId.equals(keyring.activeKeyId()) ? 1 : 0;
            Gauge.builder(ACTIVE_KEY, () -> active).tag("key", keyId)
                    .description("1 for the secret key that seals new values, 0 for other configured keys").register(registry);
        }
    }
}
