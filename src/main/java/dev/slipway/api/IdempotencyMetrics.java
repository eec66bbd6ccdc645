package dev.slipway.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How often clients retry creates with an Idempotency-Key: answered from the stored response
 * (replays), or refused because the first request is still running or the key was used for
 * another request. The operation label is the operation's name without its path parameters
 * ({@code environments.create}, never the application it was for).
 */
@ApplicationScoped
public class IdempotencyMetrics {
    static final String REPLAYS = "slipway.idempotency.replays";
    static final String REFUSALS = "slipway.idempotency.refusals";

    private final MeterRegistry registry;

    public IdempotencyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void replayed(String operation) {
        Counter.builder(REPLAYS).tag("operation", operationName(operation))
                .description("Creates answered with the stored response of an earlier request with the same Idempotency-Key")
                .register(registry).increment();
    }

    /** @param reason {@code in_flight} or {@code key_reused} */
    void refused(String operation, String reason) {
        Counter.builder(REFUSALS).tag("operation", operationName(operation)).tag("reason", reason)
                .description("Creates refused because of their Idempotency-Key: the first request still running (in_flight, 409) "
                        + "or the key used for another request (key_reused, 422)")
                .register(registry).increment();
    }

    /** "environments.create:my-app" names the operation and its parent; only the operation is a label. */
    static String operationName(String operation) {
        int parameters = operation.indexOf(':');
        return parameters < 0 ? operation : operation.substring(0, parameters);
    }
}
