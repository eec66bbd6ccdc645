package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.testing.Polling;
import dev.slipway.testing.RecordedSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.deployment.DeploymentResourceTest.spec;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's trace continues into the reconciler's run of the job it queued and into the
 * Kubernetes API calls of that run (spans recorded by the in-memory exporter).
 */
@QuarkusTest
class DeploymentTracingTest {
    private static final Duration EXPORTED = Duration.ofSeconds(15);
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

    @Inject
    RecordedSpans spans;

    @GrpcClient("slipway")
    DeploymentService grpc;

    @Test
    void aPostsTraceContinuesIntoTheRunAndItsKubernetesCalls() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = as(ALICE).body(Map.of("spec", spec("ghcr.io/acme/web:1.0.0"), "reason", "traced"))
                .post("/api/v1/applications/{a}/environments/{e}/deployments", app, "dev")
                .then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", id).getString("status"));

        SpanData run = awaitSpan("the run of deployment " + id, span -> span.getName().equals("deployment.run")
                && id.equals(span.getAttributes().get(AttributeKey.stringKey("slipway.deployment.id"))));
        List<SpanData> trace = awaitTrace(run.getTraceId(), spansOfTrace -> spansOfTrace.stream()
                .anyMatch(span -> span.getName().equals("deployment.rollout")));
        SpanData post = trace.stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && "POST".equals(span.getAttributes().get(METHOD)))
                .findFirst().orElseThrow(() -> new AssertionError("no server span of the POST in " + names(trace)));
        assertEquals(202L, post.getAttributes().get(STATUS_CODE));
        assertTrue(ancestors(run, trace).contains(post.getSpanId()), "the POST's span is an ancestor of the run");
        assertEquals("dev", run.getAttributes().get(AttributeKey.stringKey("slipway.environment")));
        assertEquals("sandbox", run.getAttributes().get(AttributeKey.stringKey("slipway.cluster")));
        assertEquals(StatusCode.OK, run.getStatus().getStatusCode());

        SpanData patch = trace.stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT && "PATCH".equals(span.getAttributes().get(METHOD))
                        && span.getAttributes().get(URL_PATH).contains("/deployments/"))
                .findFirst().orElseThrow(() -> new AssertionError("no PATCH of a Deployment in " + names(trace)));
        assertEquals("PATCH deployments", patch.getName());
        assertTrue(List.of(200L, 201L).contains(patch.getAttributes().get(STATUS_CODE)), patch.toString());
        assertEquals("sandbox", patch.getAttributes().get(AttributeKey.stringKey("slipway.cluster")));
        SpanData apply = trace.stream().filter(span -> span.getSpanId().equals(patch.getParentSpanId())).findFirst().orElseThrow();
        assertEquals("deployment.apply", apply.getName());
        assertEquals(run.getSpanId(), apply.getParentSpanId());
    }

    @Test
    void aGrpcCreateDeploymentContinuesTheSameWay() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        DeploymentProto.Deployment created = dev.slipway.testing.GrpcAuth.as(grpc, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setSpec(DeploymentProto.WorkloadSpec.newBuilder().setReplicas(1)
                                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1")))
                        .setReason("traced").build())
                .await().atMost(Duration.ofSeconds(10)).getDeployment();

        SpanData run = awaitSpan("the run of deployment " + created.getId(), span -> span.getName().equals("deployment.run")
                && created.getId().equals(span.getAttributes().get(AttributeKey.stringKey("slipway.deployment.id"))));
        List<SpanData> trace = awaitTrace(run.getTraceId(), spansOfTrace -> spansOfTrace.stream()
                .anyMatch(span -> span.getKind() == SpanKind.SERVER && span.getName().contains("CreateDeployment")));
        SpanData call = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER && span.getName().contains("CreateDeployment"))
                .findFirst().orElseThrow();
        assertTrue(ancestors(run, trace).contains(call.getSpanId()), "the call's span is an ancestor of the run: " + names(trace));
    }

    @Test
    void aFailedRunIsAnErrorWithItsReason() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = DeploymentResourceTest.deploy(app, "dev", "ghcr.io/acme/web:fail");
        String reason = awaitTerminal(app, "dev", id).getString("statusReason");

        SpanData run = awaitSpan("the run of deployment " + id, span -> span.getName().equals("deployment.run")
                && id.equals(span.getAttributes().get(AttributeKey.stringKey("slipway.deployment.id"))));
        assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
        assertTrue(run.getStatus().getDescription().startsWith(reason + ": "), run.getStatus().getDescription());
    }

    private SpanData awaitSpan(String what, Predicate<SpanData> wanted) {
        Polling.await(what + " is exported", EXPORTED, () -> find(wanted).isPresent());
        return find(wanted).orElseThrow();
    }

    private Optional<SpanData> find(Predicate<SpanData> wanted) {
        return spans.finished().stream().filter(wanted).findFirst();
    }

    /** The trace's spans once {@code complete} holds for them (its spans end and are exported in any order). */
    private List<SpanData> awaitTrace(String traceId, Predicate<List<SpanData>> complete) {
        Polling.await("trace " + traceId + " is exported", EXPORTED, () -> complete.test(trace(traceId)));
        return trace(traceId);
    }

    private List<SpanData> trace(String traceId) {
        return spans.finished().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** The span ids above {@code span} in its trace, nearest first. */
    private static List<String> ancestors(SpanData span, List<SpanData> trace) {
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s, (a, b) -> a));
        List<String> ancestors = new java.util.ArrayList<>();
        String parent = span.getParentSpanId();
        while (byId.containsKey(parent)) {
            ancestors.add(parent);
            parent = byId.get(parent).getParentSpanId();
        }
        return ancestors;
    }

    private static String names(List<SpanData> trace) {
        return trace.stream().map(span -> span.getKind() + " " + span.getName()).collect(Collectors.joining(", "));
    }
}
