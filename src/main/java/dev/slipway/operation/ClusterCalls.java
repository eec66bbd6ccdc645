package dev.slipway.operation;

import java.util.function.Function;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.driver.ClusterConnections;
import dev.slipway.cluster.driver.ClusterErrors;
import dev.slipway.runtime.LogContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs a blocking fabric8 call on a worker thread and hands its result back on the caller's
 * Vert.x context, so that a request's Hibernate Reactive session or transaction carries on where
 * it was (it is bound to that context). A failure the cluster caused becomes a 503 that says what
 * kind of failure it was, never what the cluster answered (a cluster URL may point anywhere).
 */
@ApplicationScoped
class ClusterCalls {
    private static final Logger LOG = Logger.getLogger(ClusterCalls.class);
    private final ClusterConnections connections;

    ClusterCalls(ClusterConnections connections) {
        this.connections = connections;
    }

    <T> Uni<T> call(ClusterAddress cluster, Function<KubernetesClient, T> work) {
        Context context = Vertx.currentContext();
        Uni<T> blocking = Uni.createFrom().item(() -> {
            try {
                return work.apply(connections.client(cluster));
            } catch (SlipwayException e) {
                throw e;
            } catch (RuntimeException e) {
                throw unavailable(cluster, e);
            }
        }).runSubscriptionOn(LogContext.carrying(Infrastructure.getDefaultWorkerPool())); // the request's log fields too
        return context == null ? blocking : blocking.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    static SlipwayException unavailable(ClusterAddress cluster, RuntimeException failure) {
        // The cluster's own words go to the log (admins), never to the caller.
        LOG.warnf("cluster %s could not be read: %s", cluster.name(), ClusterErrors.detail(failure));
        return new SlipwayException.Unavailable("cluster '" + cluster.name() + "' could not be read: " + ClusterErrors.describe(failure));
    }
}
