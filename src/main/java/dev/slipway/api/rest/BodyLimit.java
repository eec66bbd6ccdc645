package dev.slipway.api.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.ErrorKind;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Oversized bodies are refused by the HTTP layer before any resource runs, so they never reach
 * the problem mappers. This answers them with the same problem+json: up front when the
 * Content-Length already says too much, and from the router's failure path when a streamed
 * body crosses the limit. A chunked HTTP/1.1 body is buffered here (up to the limit) rather than by
 * the REST layer, whose own limit check answers a bare 413 with no body.
 */
@ApplicationScoped
public class BodyLimit {
    private final long maxBodyBytes;
    private final ObjectMapper mapper;
    private final BodyHandler chunkedBodies;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.mapper = mapper;
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setMergeFormAttributes(false);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversize);
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                respond(context);
            } else {
                context.next();
            }
        });
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    respond(context);
                    return;
                }
            } catch (NumberFormatException e) {
                // Not ours to judge; the HTTP layer rejects a malformed Content-Length itself.
            }
        } else if (isChunked(context)) {
            chunkedBodies.handle(context); // over the limit it fails the context with 413, answered below
            return;
        }
        context.next();
    }

    /** HTTP/1.1 chunked only: gRPC and other HTTP/2 streams carry no Transfer-Encoding and keep their own framing. */
    private static boolean isChunked(RoutingContext context) {
        String encoding = context.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private void respond(RoutingContext context) {
        RouteProblems.send(context, mapper, ErrorKind.PAYLOAD_TOO_LARGE,
                "the request body exceeds the limit of " + maxBodyBytes + " bytes");
    }
}
