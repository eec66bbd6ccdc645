package dev.slipway.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Start-up check: UP only after every start-up step of Slipway's own ran (the secret key check,
 * the event hub's first LISTEN, the reconciler's workers, ...), so the startup probe never passes
 * on a replica that is still starting, whatever order Quarkus opens its port in.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {
    private volatile boolean started;

    /** Observed last of all start-up observers (the highest priority number runs last). */
    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("started").status(started).build();
    }
}
