package dev.slipway.api.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.ErrorKind;
import dev.slipway.api.ErrorText;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The problem+json answer for requests refused on the router, before any resource (and so any
 * exception mapper) runs. The connection is closed: what is left of such a request is not read.
 */
final class RouteProblems {
    private RouteProblems() {
    }

    static void send(RoutingContext context, ObjectMapper mapper, ErrorKind kind, String detail) {
        String instance = ErrorText.bound(context.request().path(), ErrorText.MAX_QUOTED);
        Problem problem = new Problem(kind.typeUri(), kind.title(), kind.httpStatus(), detail, instance, List.of());
        try {
            context.response().setStatusCode(kind.httpStatus())
                    .putHeader(HttpHeaders.CONTENT_TYPE, ApiHeaders.PROBLEM_JSON)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(kind.httpStatus()).end();
        }
    }
}
