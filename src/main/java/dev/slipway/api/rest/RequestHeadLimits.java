package dev.slipway.api.rest;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.ErrorKind;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request line or header block too long for Vert.x's HTTP decoder is refused there with a bare
 * 414 or 431, and Quarkus offers no hook into that answer (Vert.x's invalid-request handler is
 * fixed when the server starts listening). So the decoder's limits are set well above these
 * (quarkus.http.limits.max-initial-line-length and max-header-size in application.properties),
 * and the limits callers meet are enforced here, where the answer can be a problem. Only a head
 * beyond the decoder's own limits still gets the bare answer.
 */
@ApplicationScoped
public class RequestHeadLimits {
    /** The longest request URI answered normally: Vert.x's own default limit of the request line. */
    static final int MAX_URI_LENGTH = 4096;
    /** The most the header fields of one request may take, as Quarkus's default max-header-size allows. */
    static final int MAX_HEADER_BYTES = 20 * 1024;

    private final ObjectMapper mapper;

    public RequestHeadLimits(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversizedHead);
    }

    private void refuseOversizedHead(RoutingContext context) {
        if (context.request().uri().length() > MAX_URI_LENGTH) {
            RouteProblems.send(context, mapper, ErrorKind.URI_TOO_LONG,
                    "the request URI exceeds the limit of " + MAX_URI_LENGTH + " characters");
            return;
        }
        // HTTP/2 (gRPC) compresses its headers and negotiates its own limit; this guards HTTP/1.x heads.
        if (context.request().version() != HttpVersion.HTTP_2 && headerBytes(context) > MAX_HEADER_BYTES) {
            RouteProblems.send(context, mapper, ErrorKind.HEADERS_TOO_LARGE,
                    "the request headers exceed the limit of " + MAX_HEADER_BYTES + " bytes");
            return;
        }
        context.next();
    }

    /** Header lines as they arrived: name, ": ", value and CRLF each. */
    private static long headerBytes(RoutingContext context) {
        long total = 0;
        for (Map.Entry<String, String> header : context.request().headers()) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }
}
