package dev.slipway.cluster.driver;

import dev.slipway.cluster.ClusterAddress;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;

/** Client spans for the calls to every cluster ({@link TracingInterceptor}), installed by {@link ClusterConnections}. */
@ApplicationScoped
public class ClusterCallTracing implements ClusterClientInterceptor {
    private final Tracer tracer;

    public ClusterCallTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String name() {
        return TracingInterceptor.NAME;
    }

    @Override
    public Interceptor forCluster(ClusterAddress cluster) {
        return new TracingInterceptor(tracer, cluster.name());
    }
}
