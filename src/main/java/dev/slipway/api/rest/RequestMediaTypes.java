package dev.slipway.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Two media-type cases where the framework's strict matching would refuse a request the contract
 * allows, before the operation runs.
 */
public class RequestMediaTypes {
    /**
     * A POST with no body and no Content-Type (what {@code curl -X POST} sends to {@code :rollback})
     * is read as JSON with nothing in it, so operations whose body the contract marks optional take
     * none; without this the match would answer 415. A request that declares a length or a chunked
     * body keeps its own (absent) type and still gets 415.
     */
    @ServerRequestFilter(preMatching = true)
    public void treatEmptyAsJson(ContainerRequestContext request) {
        if (request.getMediaType() == null && !request.hasEntity() && isEmpty(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /**
     * Generated clients send {@code Accept: application/problem+json} to operations whose only
     * documented body is an error (a DELETE answering 204): such a caller reads problem documents,
     * and a success answers JSON or nothing, so JSON is acceptable too; without this the match
     * would answer 406 to a delete that succeeds.
     */
    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblems(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(ApiHeaders.PROBLEM_JSON) && !accept.contains(MediaType.APPLICATION_JSON)
                && !accept.contains("*/*")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", " + MediaType.APPLICATION_JSON);
        }
    }

    private static boolean isEmpty(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
    }
}
