package dev.slipway.api.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the error side of every operation once, instead of on each: any non-2xx answer is
 * an RFC 9457 problem, and the framework's bare 401/403 entries get the same body.
 */
public class ProblemResponses implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            return operation;
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null) {
            responses.forEach((code, response) -> {
                if (!code.startsWith("2") && response.getContent() == null) {
                    response.setContent(problemContent());
                }
            });
        }
        operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                .description("An error, as RFC 9457 problem details: 400 invalid input (with errors[]), 401 no valid token, "
                        + "403 not allowed, 404 not found, 409 conflict, 412 stale If-Match, 413 body over 1 MiB, "
                        + "422 Idempotency-Key reused with another body, 503 a dependency is down.")
                .content(problemContent()));
        return operation;
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(ApiHeaders.PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
