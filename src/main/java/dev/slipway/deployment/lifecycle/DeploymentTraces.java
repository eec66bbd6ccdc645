package dev.slipway.deployment.lifecycle;

import java.util.HashMap;
import java.util.Map;

import dev.slipway.cluster.driver.RolloutOutcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The spans of the reconciler's work, continuing the trace of the request that queued it: the
 * request's W3C trace context is stored with the job ({@link #currentContext}), and the run of the
 * claimed job ({@code deployment.run}) is its child, with a child span per phase
 * ({@code deployment.provision}, {@code deployment.apply}, {@code deployment.rollout}). The run span
 * travels in the OpenTelemetry {@link Context}, so whatever runs in that context (the Kubernetes
 * client's spans, a rollback the run queues) joins the same trace.
 */
@ApplicationScoped
class DeploymentTraces {
    static final AttributeKey<String> DEPLOYMENT_ID = AttributeKey.stringKey("slipway.deployment.id");
    static final AttributeKey<String> ENVIRONMENT_ID = AttributeKey.stringKey("slipway.environment.id");
    static final AttributeKey<String> APPLICATION = AttributeKey.stringKey("slipway.application");
    static final AttributeKey<String> ENVIRONMENT = AttributeKey.stringKey("slipway.environment");
    static final AttributeKey<String> CLUSTER = AttributeKey.stringKey("slipway.cluster");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("slipway.job.attempt");
    static final AttributeKey<String> OUTCOME_REASON = AttributeKey.stringKey("slipway.deployment.reason");

    private static final ContextKey<Span> RUN = ContextKey.named("slipway-deployment-run");
    /** W3C only: the stored context must not depend on the propagators configured, nor carry baggage (caller data). */
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    DeploymentTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current trace context as W3C headers (traceparent, tracestate); empty outside a recorded trace. */
    static Map<String, String> currentContext() {
        Map<String, String> headers = new HashMap<>();
        W3C.inject(Context.current(), headers, Map::put);
        return headers;
    }

    /**
     * Starts the run of a claimed job as a child of the context stored with it (a trace of its own
     * when the request was not traced). The caller makes the answer current and ends it with
     * {@link #endRun}.
     */
    Context startRun(ClaimedJob job) {
        Context requested = W3C.extract(Context.root(), job.traceContext(), STORED);
        Span run = tracer.spanBuilder("deployment.run").setParent(requested)
                .setAttribute(DEPLOYMENT_ID, job.deploymentId().toString())
                .setAttribute(ENVIRONMENT_ID, job.environmentId().toString())
                .setAttribute(ATTEMPT, (long) job.attempts())
                .startSpan();
        return requested.with(run).with(RUN, run);
    }

    /** Names what the current run deploys where, once the deployment is read. */
    static void describe(RunnableDeployment deployment) {
        Span run = currentRun();
        run.setAttribute(APPLICATION, deployment.application());
        run.setAttribute(ENVIRONMENT, deployment.environment());
        run.setAttribute(CLUSTER, deployment.cluster().name());
    }

    /** Marks a status the current run enters, as an event on its span. */
    static void entered(DeploymentStatus status) {
        currentRun().addEvent("status " + status.name());
    }

    /** Records the outcome on the current run: a failure is the span's error, with its reason and message. */
    static void finished(RolloutOutcome outcome) {
        Span run = currentRun();
        run.setAttribute(OUTCOME_REASON, outcome.reason());
        if (outcome.succeeded()) {
            run.setStatus(StatusCode.OK);
        } else {
            run.setStatus(StatusCode.ERROR, outcome.reason() + ": " + outcome.message());
        }
    }

    /** Ends a run started by {@link #startRun}; a failure the runner did not handle is recorded as the span's error. */
    static void endRun(Context run, Throwable unhandled) {
        Span span = run.get(RUN);
        if (unhandled != null) {
            span.recordException(unhandled);
            span.setStatus(StatusCode.ERROR, String.valueOf(unhandled.getMessage()));
        }
        span.end();
    }

    /** Runs a phase of the current run in a child span of its own, which it is current in. */
    <T, E extends Exception> T phase(String name, PhaseWork<T, E> work) throws E {
        Span phase = startPhase(name);
        try (Scope scope = phase.makeCurrent()) {
            return work.run();
        } catch (Exception | Error failure) {
            phase.recordException(failure);
            phase.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            throw failure;
        } finally {
            phase.end();
        }
    }

    /** A phase's work, which may fail with a checked exception (provisioning does). */
    @FunctionalInterface
    interface PhaseWork<T, E extends Exception> {
        T run() throws E;
    }

    /** A phase of the current run that ends elsewhere (the rollout, judged on the tracker's threads). */
    Span startPhase(String name) {
        return tracer.spanBuilder(name).setParent(Context.current()).startSpan();
    }

    /** Ends the rollout phase with what the tracker judged. */
    static void endRollout(Span rollout, RolloutOutcome outcome, Throwable failure) {
        if (failure != null) {
            rollout.recordException(failure);
            rollout.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        } else if (outcome != null && !outcome.succeeded()) {
            rollout.setStatus(StatusCode.ERROR, outcome.reason() + ": " + outcome.message());
        }
        rollout.end();
    }

    /** The run span of the current context; a no-op span outside a run. */
    private static Span currentRun() {
        Span run = Context.current().get(RUN);
        return run == null ? Span.getInvalid() : run;
    }
}
