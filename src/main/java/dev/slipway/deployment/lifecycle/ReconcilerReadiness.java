package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the {@link DeploymentReconciler}: DOWN when its workers do not run (not started, or
 * stopping) or its leases have not been renewed for a whole lease period, because other replicas
 * then take this replica's jobs over while it still believes it runs them. A replica configured
 * without a reconciler (slipway.reconciler.enabled=false) is ready: its API still serves.
 */
@Readiness
@ApplicationScoped
public class ReconcilerReadiness implements HealthCheck {
    private final DeploymentReconciler reconciler;

    public ReconcilerReadiness(DeploymentReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public HealthCheckResponse call() {
        DeploymentReconciler.ReconcilerState state = reconciler.state();
        var response = HealthCheckResponse.named("deployment-reconciler");
        if (!state.enabled()) {
            return response.up().withData("workers", "disabled on this replica").build();
        }
        response.withData("owner", state.owner());
        if (!state.workersRunning() || !state.renewing()) {
            return response.down().withData("workers", state.workersRunning() ? "running" : "stopped")
                    .withData("leaseRenewal", state.renewing() ? "running" : "stopped").build();
        }
        Duration sinceRenewal = Duration.between(state.leasesRenewedAt(), Instant.now());
        response.withData("workers", "running").withData("leasesRenewedAt", state.leasesRenewedAt().toString());
        if (sinceRenewal.compareTo(state.lease()) > 0) {
            return response.down().withData("leaseRenewal", "no renewal for " + sinceRenewal.toSeconds() + " s, longer than the lease ("
                    + state.lease().toSeconds() + " s): other replicas may take this replica's jobs over").build();
        }
        return response.up().build();
    }
}
