package dev.slipway.cluster.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.slipway.cluster.Cluster;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterHealth;
import dev.slipway.cluster.ClusterRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each registered cluster's state as this replica knows it, as readiness detail ({@code UP},
 * {@code DOWN: why}, or {@code UNKNOWN} before the first check). Always UP itself: a cluster that
 * is down fails the deployments bound for it, while Slipway still serves everything else, so
 * taking the replica out of its Service would only make things worse. The answer never waits for
 * a cluster: a state older than {@link #REFRESH} is refreshed in the background for the next
 * answer.
 */
@Readiness
@ApplicationScoped
public class ClustersReadiness implements HealthCheck {
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final ClusterRepository clusters;
    private final ClusterConnections connections;
    private final ClusterAvailability availability;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    public ClustersReadiness(ClusterRepository clusters, ClusterConnections connections, ClusterAvailability availability) {
        this.clusters = clusters;
        this.connections = connections;
        this.availability = availability;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("clusters").up();
        List<Cluster> registered;
        try {
            registered = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> clusters.listAll(Sort.by("name"))));
        } catch (Throwable failure) { // the datasource's own readiness check reports the database
            return response.withData("clusters", "not listed: the database did not answer").build();
        }
        for (Cluster cluster : registered) {
            ClusterAddress address = ClusterAddress.of(cluster);
            ClusterHealth health = availability.lastHealth(address);
            if (health == null || health.checkedAt().plus(REFRESH).isBefore(Instant.now())) {
                refreshInBackground(address);
            }
            response.withData(cluster.name, describe(address, health));
        }
        return response.build();
    }

    private String describe(ClusterAddress address, ClusterHealth health) {
        if (health != null && !health.reachable()) {
            return "DOWN: " + health.problem() + " (checked " + health.checkedAt() + ")";
        }
        if (availability.isDown(address)) {
            return "DOWN: could not be reached by a deployment";
        }
        return health == null ? "UNKNOWN: not checked yet" : "UP (checked " + health.checkedAt() + ")";
    }

    private void refreshInBackground(ClusterAddress address) {
        if (!refreshing.add(address.name())) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                connections.check(address);
            } catch (RuntimeException ignored) {
                // An interrupted check: the next answer tries again.
            } finally {
                refreshing.remove(address.name());
            }
        });
    }
}
