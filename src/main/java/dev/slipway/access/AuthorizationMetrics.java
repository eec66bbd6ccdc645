package dev.slipway.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authorization denials by permission ({@link Permission}'s wire names: a fixed set) and by how the
 * caller was answered: {@code forbidden} (403, the target is visible) or {@code hidden} (404, the
 * caller may not know it exists). Who was denied is in the audit log, never in a label.
 */
@ApplicationScoped
public class AuthorizationMetrics {
    static final String DENIALS = "slipway.authorization.denials";

    private final MeterRegistry registry;

    public AuthorizationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void denied(Permission permission, boolean visible) {
        Counter.builder(DENIALS).tag("permission", permission.wireName())
                .tag("answer", visible ? "forbidden" : "hidden")
                .description("Requests refused by the permission check, by permission and answer (forbidden: 403, hidden: 404)")
                .register(registry).increment();
    }
}
