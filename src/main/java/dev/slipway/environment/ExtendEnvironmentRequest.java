package dev.slipway.environment;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new lifetime for an environment, counted from now.")
public record ExtendEnvironmentRequest(
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "The environment expires this long from now (Go duration such as 72h or 30m), at most its type's maxTtl.", required = true, examples = "72h") String ttl) {
}
