package dev.slipway.webhook;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Webhook delivery attempts by outcome: {@code delivered} (a 2xx), {@code rejected} (the receiver
 * answered otherwise), {@code timeout}, {@code unreachable} (no answer: refused, reset, DNS),
 * {@code refused} (the URL guard refused the address) or {@code error} (anything else, such as a
 * signing secret that cannot be opened). Never by subscription or URL.
 */
@Startup // the series exist from the start, at zero, so rate() and alerts see them before the first event
@ApplicationScoped
public class WebhookMetrics {
    static final String ATTEMPTS = "slipway.webhook.attempts";
    private static final List<String> OUTCOMES = List.of("delivered", "rejected", "timeout", "unreachable", "refused", "error");

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        OUTCOMES.forEach(this::counter);
    }

    void attempted(String outcome) {
        counter(outcome).increment();
    }

    private Counter counter(String outcome) {
        return Counter.builder(ATTEMPTS).tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome (delivered, rejected, timeout, unreachable, refused, error)")
                .register(registry);
    }
}
