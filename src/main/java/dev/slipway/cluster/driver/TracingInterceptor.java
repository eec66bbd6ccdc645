package dev.slipway.cluster.driver;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

/**
 * A client span per Kubernetes API request of one cluster's fabric8 client, with the request's
 * W3C trace context in its headers (API server audit logs and tracing can join it). Only requests
 * made inside a trace get one (a deployment's run, an API request): the background traffic of
 * watches, drift checks and health probes would otherwise each start a trace of their own. Web
 * socket upgrades get none, since they report no response here.
 *
 * <p>The query string is left out (a watch's resource version, a dry run flag: nothing a trace
 * needs, and a place credentials could hide in); the path names the object, which is fine.
 */
public final class TracingInterceptor implements Interceptor {
    /** The name the interceptor is registered under in a client's HTTP client builder. */
    public static final String NAME = "slipway-tracing";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> CLUSTER = AttributeKey.stringKey("slipway.cluster");
    private static final String TRACEPARENT = "traceparent";
    /** Spans whose request never reported back (a cancelled call) are dropped beyond this many. */
    private static final int MAX_OPEN = 1000;

    private final Tracer tracer;
    private final String cluster;
    /** Open spans by the traceparent sent with their request, which comes back with the response. */
    private final Map<String, Span> open = new ConcurrentHashMap<>();

    public TracingInterceptor(Tracer tracer, String cluster) {
        this.tracer = tracer;
        this.cluster = cluster;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!(builder instanceof HttpRequest.Builder) || !Span.current().getSpanContext().isValid()) {
            return;
        }
        URI uri = request.uri();
        Span span = tracer.spanBuilder(request.method() + " " + KubernetesPaths.resource(uri.getPath()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, request.method())
                .setAttribute(PATH, uri.getPath())
                .setAttribute(SERVER_ADDRESS, uri.getHost())
                .setAttribute(SERVER_PORT, (long) port(uri))
                .setAttribute(CLUSTER, cluster)
                .startSpan();
        Context sent = Context.current().with(span);
        W3CTraceContextPropagator.getInstance().inject(sent, builder, BasicBuilder::setHeader);
        if (open.size() >= MAX_OPEN) {
            open.clear();
        }
        open.put(span.getSpanContext().getSpanId(), span);
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        Span span = take(request);
        if (span == null) {
            return;
        }
        span.setAttribute(STATUS_CODE, (long) response.code());
        if (response.code() >= 400) { // a client span's error, as HTTP conventions have it (a 404 of an existence check too)
            span.setAttribute(ERROR_TYPE, String.valueOf(response.code()));
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        Span span = take(request);
        if (span == null) {
            return;
        }
        span.recordException(failure);
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.end();
    }

    private Span take(HttpRequest request) {
        String traceparent = request.header(TRACEPARENT);
        if (traceparent == null) {
            return null;
        }
        String[] fields = traceparent.split("-"); // version-traceid-spanid-flags
        return fields.length == 4 ? open.remove(fields[2]) : null;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** Names a span by what it addresses (deployments, namespaces, ...), never by the object's name. */
    static final class KubernetesPaths {
        private KubernetesPaths() {
        }

        /** The resource of a Kubernetes API path: /apis/apps/v1/namespaces/dev/deployments/web -> deployments. */
        static String resource(String path) {
            String[] segments = path == null ? new String[0] : path.replaceAll("^/+", "").split("/");
            int start;
            if (segments.length >= 2 && segments[0].equals("api")) {
                start = 2; // api/v1/...
            } else if (segments.length >= 3 && segments[0].equals("apis")) {
                start = 3; // apis/group/version/...
            } else {
                return path == null || path.isEmpty() ? "/" : segments[0];
            }
            if (segments.length <= start) {
                return "discovery";
            }
            if (segments[start].equals("namespaces") && segments.length > start + 2) {
                return segments[start + 2];
            }
            return segments[start];
        }
    }
}
