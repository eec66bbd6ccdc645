package dev.slipway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid input: which field (a JSON path such as {@code labels.team}) and why. */
@Schema(description = "One invalid field of a request.")
public record FieldError(
        @Schema(description = "Path of the field in the request body or the name of the parameter.", examples = "name") String field,
        @Schema(description = "What is wrong with it.", examples = "must match ^[a-z][a-z0-9-]{1,38}[a-z0-9]$") String message) {
}
