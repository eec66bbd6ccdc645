package dev.slipway.environment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new lifetime for an environment, counted from now.")
public record ExtendEnvironmentRequest(
        @Schema(description = "The environment expires this long from now (Go duration such as 72h or 30m), at most its type's maxTtl.", required = true, examples = "72h") String ttl) {
}
