package dev.slipway.cluster.driver;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import dev.slipway.cluster.ClusterAddress;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the calls Slipway makes to each cluster's API server by cluster, HTTP method and answer:
 * the status code, or {@code IO_ERROR} when no answer came (refused, reset, timed out). Clusters
 * are few and registered by admins, methods and codes are small sets, so the series stay few.
 * Watches opened as WebSockets are not answered through this path and are not counted.
 */
@ApplicationScoped
public class ClusterCallMetrics implements ClusterClientInterceptor {
    static final String CALLS = "slipway.cluster.api.calls";
    static final String NO_ANSWER = "IO_ERROR";

    private final MeterRegistry registry;

    public ClusterCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "slipway-metrics";
    }

    @Override
    public Interceptor forCluster(ClusterAddress cluster) {
        String name = cluster.name();
        return new Interceptor() {
            @Override
            public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                count(name, request, Integer.toString(response.code()), outcome(response.code()));
            }

            @Override
            public void afterConnectionFailure(HttpRequest request, Throwable failure) {
                count(name, request, NO_ANSWER, "error");
            }
        };
    }

    private void count(String cluster, HttpRequest request, String status, String outcome) {
        Counter.builder(CALLS).tag("cluster", cluster).tag("method", request.method().toUpperCase(Locale.ROOT))
                .tag("status", status).tag("outcome", outcome)
                .description("HTTP calls to clusters' API servers by cluster, method and answer (outcome: success, client_error, "
                        + "server_error, error when no answer came)")
                .register(registry).increment();
    }

    private static String outcome(int code) {
        if (code < 400) {
            return "success";
        }
        return code < 500 ? "client_error" : "server_error";
    }
}
