package dev.slipway.api.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, the body of every REST error. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record Problem(
        @Schema(description = "URI identifying the kind of problem.", examples = "https://slipway.dev/problems/not-found") String type,
        @Schema(description = "Short summary of the kind of problem.") String title,
        @Schema(description = "HTTP status code.") int status,
        @Schema(description = "What went wrong with this request, in plain words.") String detail,
        @Schema(description = "Path of the request that failed.") String instance,
        @Schema(description = "Invalid fields, for validation problems.") List<FieldError> errors) {
}
