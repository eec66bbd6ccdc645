package dev.slipway.access;

import dev.slipway.runtime.LogContext;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Records every request's {@link RequestOrigin} as it arrives, over HTTP (a route filter that
 * also echoes the request id) and over gRPC (a global interceptor reading the same header as
 * metadata). The request id also goes into every log line of the request ({@link LogContext}).
 */
@ApplicationScoped
@GlobalInterceptor
public class RequestOriginCapture implements ServerInterceptor {
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    void captureHttp(@Observes Filters filters) {
        filters.register(context -> {
            SocketAddress remote = context.request().remoteAddress();
            RequestOrigin origin = RequestOrigin.of(context.request().getHeader(RequestOrigin.HEADER),
                    remote == null ? null : remote.hostAddress());
            origin.attach();
            LogContext.put(LogContext.REQUEST_ID, origin.requestId());
            context.response().putHeader(RequestOrigin.HEADER, origin.requestId());
            context.next();
        }, 1000);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Object remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String address = remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : remote == null ? null : remote.toString();
        RequestOrigin origin = RequestOrigin.of(headers.get(REQUEST_ID), address);
        origin.attach();
        LogContext.put(LogContext.REQUEST_ID, origin.requestId());
        return next.startCall(call, headers);
    }
}
