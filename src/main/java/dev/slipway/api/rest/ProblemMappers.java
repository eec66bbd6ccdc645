package dev.slipway.api.rest;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.slipway.api.ErrorKind;
import dev.slipway.api.ErrorText;
import dev.slipway.api.FieldError;
import dev.slipway.api.JsonErrors;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.StoreErrors;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure a REST call can meet into RFC 9457 problem+json, through the one
 * {@link ErrorKind} table. Callers never see a stack trace or a Java class name; unexpected
 * failures are logged with an id that the 500 response quotes.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "2";
    /** More invalid fields than any request can have legitimately (labels and lists are capped lower). */
    private static final int MAX_FIELD_ERRORS = 200;

    @ServerExceptionMapper
    public RestResponse<Problem> domain(SlipwayException e, HttpServerRequest request) {
        return problem(e.kind(), e.getMessage(), e.fieldErrors(), request);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class })
    public RestResponse<Problem> unreadableJson(Exception e, HttpServerRequest request) {
        String field = JsonErrors.fieldPath(e);
        String message = JsonErrors.describe(e);
        return problem(ErrorKind.INVALID, field + ": " + message, List.of(new FieldError(field, message)), request);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<Problem> unauthenticated(RuntimeException e, HttpServerRequest request) {
        RestResponse<Problem> response = problem(ErrorKind.UNAUTHENTICATED,
                "a valid bearer token is required (Authorization: Bearer <token>)", List.of(), request);
        response.getHeaders().putSingle("WWW-Authenticate", "Bearer");
        return response;
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(ErrorKind.FORBIDDEN, "the caller may not do this", List.of(), request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> framework(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, request); // the body reader wraps Jackson's failure in a 400
        }
        int status = e.getResponse().getStatus();
        ErrorKind kind = ErrorKind.forHttpStatus(status);
        String detail = switch (status) {
            case 404 -> "no resource at " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 406 -> "this resource answers application/json only";
            case 415 -> "the request body's media type " + request.getHeader("Content-Type") + " is not supported here";
            default -> kind.title();
        };
        return problem(kind, detail, List.of(), request);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, HttpServerRequest request) {
        SlipwayException known = StoreErrors.translate(e);
        if (known != null) {
            return domain(known, request);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s %s", errorId, request.method(), request.path());
        return problem(ErrorKind.INTERNAL, "unexpected error; quote id " + errorId + " to the platform team", List.of(), request);
    }

    static RestResponse<Problem> problem(ErrorKind kind, String detail, List<FieldError> errors, HttpServerRequest request) {
        // Details quote what the caller sent; bounded so a huge input does not come back whole.
        List<FieldError> bounded = errors.stream().limit(MAX_FIELD_ERRORS)
                .map(error -> new FieldError(ErrorText.bound(error.field(), ErrorText.MAX_QUOTED * 2),
                        ErrorText.bound(error.message(), ErrorText.MAX_MESSAGE)))
                .toList();
        Problem body = new Problem(kind.typeUri(), kind.title(), kind.httpStatus(), ErrorText.bound(detail, ErrorText.MAX_MESSAGE),
                request.path(), bounded);
        RestResponse.ResponseBuilder<Problem> response = RestResponse.ResponseBuilder.<Problem>create(kind.httpStatus()).entity(body)
                .header("Content-Type", ApiHeaders.PROBLEM_JSON);
        if (kind == ErrorKind.UNAVAILABLE || kind == ErrorKind.IDEMPOTENCY_IN_FLIGHT) {
            // Both pass by themselves (the database comes back, the first request finishes): say when to retry.
            response.header(ContractFilter.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
