package dev.slipway.deployment.lifecycle;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the event fan-out: DOWN once the {@link DeploymentEventHub} has been without its
 * LISTEN connection for longer than a grace period. A lost connection is taken again within about
 * a second, so only a database that keeps refusing it (or a network that keeps cutting it) makes
 * the replica unready; until then events still arrive through the poll, only later.
 */
@Readiness
@ApplicationScoped
public class EventHubReadiness implements HealthCheck {
    static final Duration GRACE = Duration.ofSeconds(10);

    private final DeploymentEventHub hub;

    public EventHubReadiness(DeploymentEventHub hub) {
        this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
        Duration without = hub.notListeningFor();
        var response = HealthCheckResponse.named("deployment-events").status(without.compareTo(GRACE) <= 0);
        if (without.isZero()) {
            response.withData("listen", "connected");
        } else {
            response.withData("listen", "lost " + without.toSeconds() + " s ago (grace " + GRACE.toSeconds()
                    + " s); events arrive through the poll meanwhile");
        }
        return response.build();
    }
}
