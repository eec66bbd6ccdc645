package dev.slipway.cluster.driver;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client spans of Kubernetes API requests, and the trace context they carry to the API server. */
class TracingInterceptorTest {
    private static final String APPLY = "https://10.0.0.1:6443/apis/apps/v1/namespaces/dev/deployments/web?fieldManager=slipway&force=true";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test");
    private final TracingInterceptor interceptor = new TracingInterceptor(tracer, "eu-1");

    @Test
    void aRequestInsideATraceGetsAClientSpanAndCarriesItsContext() {
        Span run = tracer.spanBuilder("deployment.run").startSpan();
        HttpRequest sent;
        try (Scope scope = run.makeCurrent()) {
            sent = send(APPLY, "PATCH");
        } finally {
            run.end();
        }
        interceptor.after(sent, response(sent, 200), null);

        SpanData span = exported.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertEquals("PATCH deployments", span.getName());
        assertEquals(run.getSpanContext().getSpanId(), span.getParentSpanId());
        assertEquals("/apis/apps/v1/namespaces/dev/deployments/web", span.getAttributes().get(TracingInterceptor.PATH),
                "the query is left out");
        assertEquals("10.0.0.1", span.getAttributes().get(TracingInterceptor.SERVER_ADDRESS));
        assertEquals(6443L, span.getAttributes().get(TracingInterceptor.SERVER_PORT));
        assertEquals(200L, span.getAttributes().get(TracingInterceptor.STATUS_CODE));
        assertEquals("eu-1", span.getAttributes().get(TracingInterceptor.CLUSTER));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertTrue(sent.header("traceparent").contains(span.getTraceId() + "-" + span.getSpanId()), sent.header("traceparent"));
    }

    @Test
    void failuresAreErrors() {
        Span run = tracer.spanBuilder("deployment.run").startSpan();
        try (Scope scope = run.makeCurrent()) {
            HttpRequest conflict = send(APPLY, "PATCH");
            interceptor.after(conflict, response(conflict, 409), null);
            interceptor.afterConnectionFailure(send("https://10.0.0.1:6443/api/v1/namespaces/dev", "GET"), new ConnectException("refused"));
        } finally {
            run.end();
        }

        List<SpanData> calls = exported.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertEquals(2, calls.size());
        assertTrue(calls.stream().allMatch(span -> span.getStatus().getStatusCode() == StatusCode.ERROR));
        assertEquals("409", calls.get(0).getAttributes().get(TracingInterceptor.ERROR_TYPE));
        assertEquals("GET namespaces", calls.get(1).getName());
    }

    @Test
    void backgroundRequestsOutsideATraceGetNone() {
        HttpRequest sent = send(APPLY, "GET");
        interceptor.after(sent, response(sent, 200), null);

        assertEquals(List.of(), exported.getFinishedSpanItems());
        assertNull(sent.header("traceparent"));
    }

    @Test
    void spansAreNamedByTheResourceNotTheObject() {
        assertEquals("deployments", TracingInterceptor.KubernetesPaths.resource("/apis/apps/v1/namespaces/dev/deployments/web"));
        assertEquals("pods", TracingInterceptor.KubernetesPaths.resource("/api/v1/namespaces/dev/pods/web-1/log"));
        assertEquals("namespaces", TracingInterceptor.KubernetesPaths.resource("/api/v1/namespaces/dev"));
        assertEquals("namespaces", TracingInterceptor.KubernetesPaths.resource("/api/v1/namespaces"));
        assertEquals("clusterroles", TracingInterceptor.KubernetesPaths.resource("/apis/rbac.authorization.k8s.io/v1/clusterroles/x"));
        assertEquals("discovery", TracingInterceptor.KubernetesPaths.resource("/apis/apps/v1"));
        assertEquals("version", TracingInterceptor.KubernetesPaths.resource("/version"));
    }

    /** What fabric8 does around a request: the interceptor shapes a copy, which is what goes out. */
    private HttpRequest send(String uri, String method) {
        StandardHttpRequest.Builder builder = new StandardHttpRequest.Builder();
        builder.uri(uri).method(method, "application/json", method.equals("GET") ? null : "{}");
        StandardHttpRequest request = (StandardHttpRequest) builder.build();
        StandardHttpRequest.Builder copy = request.newBuilder();
        interceptor.before(copy, request, null);
        return copy.build();
    }

    private static HttpResponse<?> response(HttpRequest request, int code) {
        return new HttpResponse<Object>() {
            @Override
            public int code() {
                return code;
            }

            @Override
            public Object body() {
                return null;
            }

            @Override
            public HttpRequest request() {
                return request;
            }

            @Override
            public Optional<HttpResponse<?>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public List<String> headers(String name) {
                return List.of();
            }

            @Override
            public Map<String, List<String>> headers() {
                return Map.of();
            }

            @Override
            public String bodyString() throws IOException {
                return "";
            }
        };
    }
}
