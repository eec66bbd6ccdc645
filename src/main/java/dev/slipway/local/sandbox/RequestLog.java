package dev.slipway.local.sandbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The requests a sandbox API server received while this log was open: method, path, query and
 * the headers that tell who asked and how (User-Agent; Content-Type, which tells a server-side
 * apply from other patches). Lets a test check which Kubernetes API calls the driver makes (the
 * RBAC of deploy/ must allow exactly those). Open one with {@link SandboxApiServer#recordRequests()}.
 */
public final class RequestLog implements AutoCloseable {

    /** One request as it arrived. {@code query} is empty when there was none. */
    public record Seen(String method, String path, String query, String contentType, String userAgent) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Runnable onClose;

    RequestLog(java.util.function.Function<RequestLog, Runnable> register) {
        this.onClose = register.apply(this);
    }

    void record(Seen request) {
        seen.add(request);
    }

    /** What arrived so far, in order. */
    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** Stops recording; what was recorded stays readable. */
    @Override
    public void close() {
        onClose.run();
    }
}
