package dev.slipway.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import dev.slipway.cluster.workload.WorkloadSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A deployment to start: exactly one of a spec, a Score workload (score), promoteFrom to copy a succeeded "
        + "deployment's exact spec, or configOnly to deliver a configuration change with the environment's current spec.")
public record CreateDeploymentRequest(
        @Valid @Schema(description = "The workload to run; required unless score, promoteFrom or configOnly is given.") WorkloadSpec spec,
        @Valid @Schema(description = "Copy the spec of a succeeded deployment from another environment instead.") PromotionSource promoteFrom,
        @Size(max = 2000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Why (at most 2000 characters).", examples = "release 1.4.2") String reason,
        @Valid @Schema(description = "Where the change came from.") DeploymentSource source,
        @Schema(description = "true: deploy the spec of the environment's current (last succeeded) deployment again, with the "
                + "configuration revision below; for delivering a configuration change alone.") Boolean configOnly,
        @Min(value = 1, message = "must be 1 or more") @Max(value = Long.MAX_VALUE, message = "must be 1 or more") @Schema(description = "The configuration revision to deliver; default the environment's current one.", examples = "12") Long configRevision,
        // Left out when absent, so that requests without it fingerprint as they did before it existed.
        @Size(max = 262144, message = RequestLimits.MAX_CHARACTERS) @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "A Score workload (score.dev/v1b1) as YAML text, converted into the spec; "
                + "the same as sending the document itself with Content-Type application/vnd.score+yaml. Problems are reported by "
                + "their path in the document, e.g. containers.web.image.", examples = "apiVersion: score.dev/v1b1\nmetadata:\n  name: web\n"
                        + "containers:\n  web:\n    image: nginx:1.27\n") String score,
        // Left out when absent, as score.
        @Valid @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Deploy even though a freeze is in force (owners of the "
                + "application and admins only); without it a freeze in force refuses the deployment with 409.") BreakGlass breakGlass) {

    /** A request with a spec and nothing else. */
    public CreateDeploymentRequest(WorkloadSpec spec, PromotionSource promoteFrom, String reason, DeploymentSource source) {
        this(spec, promoteFrom, reason, source, null, null, null, null);
    }

    /** A deployment of a Score document and nothing else, as the document's own media type sends it. */
    public static CreateDeploymentRequest ofScore(String document) {
        return new CreateDeploymentRequest(null, null, null, null, null, null, document == null ? "" : document, null);
    }
}
