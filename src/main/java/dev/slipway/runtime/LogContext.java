package dev.slipway.runtime;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import io.smallrye.common.vertx.VertxContext;
import org.jboss.logging.MDC;

/**
 * The fields every log line carries besides its message (the MDC), under the names log pipelines
 * expect. On a request's Vert.x context Quarkus keeps them with that context (VertxMDC), so they
 * follow the request across threads and end with it; on Slipway's own threads they belong to the
 * thread, and a {@link Scope} removes them again when the work they describe ends. The JSON log
 * format (production) writes them under {@code mdc}; OpenTelemetry adds {@code traceId} and
 * {@code spanId} there itself while tracing is on.
 */
public final class LogContext {
    /** The request id (the caller's X-Request-Id, or one Slipway made up), also in the audit log. */
    public static final String REQUEST_ID = "requestId";
    /** Who called: {@code user:<name>} or {@code service-account:<client id>}. */
    public static final String CALLER = "caller";
    /** The application the request or job is about. */
    public static final String APPLICATION = "application";
    /** The environment a job is about. */
    public static final String ENVIRONMENT = "environment";
    /** The deployment a reconciler job drives. */
    public static final String DEPLOYMENT_ID = "deploymentId";

    private LogContext() {
    }

    /**
     * Adds a field for the rest of the current request. Off a request it does nothing: a field
     * put on a plain thread would stay on every later line of that thread, so work there uses
     * {@link #open(Object...)}.
     */
    public static void put(String key, Object value) {
        if (value != null && VertxContext.isOnDuplicatedContext()) {
            MDC.put(key, value.toString());
        }
    }

    /** A field's current value, or null. */
    public static String get(String key) {
        Object value = MDC.get(key);
        return value == null ? null : value.toString();
    }

    /**
     * Sets fields until the returned scope is closed, which puts back what was there before (so
     * a thread that runs one job after another never lends one job's fields to the next).
     * Arguments alternate key and value; null values are left out.
     */
    public static Scope open(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                fields.put((String) keysAndValues[i], keysAndValues[i + 1].toString());
            }
        }
        return open(fields);
    }

    private static Scope open(Map<String, Object> fields) {
        Map<String, Object> before = new HashMap<>();
        fields.forEach((key, value) -> {
            before.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        return () -> before.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /**
     * An executor whose tasks run with the fields set now (work handed to another pool, say the
     * part of a job that runs after a rollout, keeps the job's fields).
     */
    public static Executor carrying(Executor executor) {
        Map<String, Object> fields = new HashMap<>(MDC.getMap());
        return task -> executor.execute(() -> {
            try (Scope ignored = open(fields)) {
                task.run();
            }
        });
    }

    /** The fields a {@link #open(Object...)} set, removed (or restored) on close. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
