package dev.slipway.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Deploying through a freeze in force: only an owner of the application or an admin may, and it is audited. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Deploy even though a freeze is in force on the environment (owners of the application and admins only; "
        + "audited and shown on the deployment). Without a freeze in force it changes nothing.")
public record BreakGlass(
        @Size(max = 500, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why the freeze must be broken (1 to 500 characters).", examples = "hotfix for incident 4711", required = true) String reason,
        @Size(max = RequestLimits.SHORT_TEXT, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Who broke the glass.", readOnly = true) String by) {
}
