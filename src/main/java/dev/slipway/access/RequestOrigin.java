package dev.slipway.access;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Where the current request came from, for the audit log: its request id (the caller's
 * {@code X-Request-Id}, or one made up here) and source address. The REST and gRPC adapters
 * record it on the request's Vert.x context; the service layer reads it from there, so neither
 * API has to pass it down.
 */
public record RequestOrigin(String requestId, String sourceAddress) {
    public static final String HEADER = "X-Request-Id";
    private static final String KEY = RequestOrigin.class.getName();
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,200}");
    private static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

    /** Keeps a well-formed caller-supplied id (so logs can be joined), otherwise makes one. */
    public static RequestOrigin of(String suppliedRequestId, String sourceAddress) {
        String id = suppliedRequestId != null && ACCEPTABLE_ID.matcher(suppliedRequestId).matches()
                ? suppliedRequestId
                : UUID.randomUUID().toString();
        return new RequestOrigin(id, sourceAddress);
    }

    /** Records the origin on the current request context; a no-op outside one. */
    public void attach() {
        if (isRequestContext()) {
            ContextLocals.put(KEY, this);
        }
    }

    public static RequestOrigin current() {
        if (!isRequestContext()) {
            return UNKNOWN;
        }
        Optional<RequestOrigin> origin = ContextLocals.get(KEY);
        return origin.orElse(UNKNOWN);
    }

    /** A value kept for the rest of the current request, or null (also outside a request). */
    static <T> T requestLocal(String key) {
        return isRequestContext() ? ContextLocals.<T>get(key).orElse(null) : null;
    }

    static void putRequestLocal(String key, Object value) {
        if (isRequestContext()) {
            ContextLocals.put(key, value);
        }
    }

    private static boolean isRequestContext() {
        Context context = Vertx.currentContext();
        return context != null && io.smallrye.common.vertx.VertxContext.isDuplicatedContext(context);
    }
}
