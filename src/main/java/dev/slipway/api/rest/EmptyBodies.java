package dev.slipway.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A POST with no body and no Content-Type (what {@code curl -X POST} sends to {@code :rollback})
 * is read as JSON with nothing in it, so operations whose body the contract marks optional take
 * none; without this the media-type match would answer 415 before the operation ran. A request
 * that declares a length or a chunked body keeps its own (absent) type and gets 415 as before.
 */
public class EmptyBodies {
    @ServerRequestFilter(preMatching = true)
    public void treatEmptyAsJson(ContainerRequestContext request) {
        if (request.getMediaType() == null && !request.hasEntity() && isEmpty(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    private static boolean isEmpty(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
    }
}
