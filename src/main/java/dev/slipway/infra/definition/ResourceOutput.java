package dev.slipway.infra.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One output a resource type promises, such as postgres' host or its (secret) password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An output a resource of the type provides; workloads refer to it as ${resources.<name>.<output>}.")
public record ResourceOutput(
        @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Output name: a letter, then letters and digits (at most 63).", required = true, examples = "host") String name,
        @Size(max = 1000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "What the output holds (at most 1000 characters).") String description,
        @Schema(description = "Whether the output is secret (reaches a pod only through a Secret); default false.") Boolean secret) {

    boolean isSecret() {
        return Boolean.TRUE.equals(secret);
    }
}
