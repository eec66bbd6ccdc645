package dev.slipway.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.api.RequestLimits;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an environment type: the create body, and what a merge patch changes. */
@Schema(name = "EnvironmentTypeSpec", description = "An environment type to create, or a JSON merge patch of one (name is immutable).")
public record EnvironmentTypeSpec(
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Unique slug; immutable.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "staging") String name,
        @Size(max = 1000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "What environments of this type are for (at most 1000 characters).", nullable = true) String description,
        @JsonProperty("protected") @Schema(description = "Whether deploys need an approval or a deployer role; default false.") Boolean isProtected,
        @Min(value = 0, message = "must be between 0 and "
                + EnvironmentTypes.MAX_ORDER) @Max(value = EnvironmentTypes.MAX_ORDER, message = "must be between 0 and "
                        + EnvironmentTypes.MAX_ORDER) @Schema(description = "Position in the promotion path (lower first), 0 to 1000000; required on create.") Integer order,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Cluster environments of this type use unless they name one; default: the default cluster.", nullable = true) String defaultCluster,
        // Left out when absent, so that requests without them fingerprint (idempotency) as before they existed.
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Lifetime (Go duration such as 72h) of an environment of this type "
                + "that asks for none; default none (it never expires).", examples = "72h", nullable = true) String defaultTtl,
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Longest lifetime (Go duration such as 336h) an environment of this "
                + "type may ask for or be extended to; default no limit.", examples = "336h", nullable = true) String maxTtl,
        @Min(value = 0, message = "must be 0, 1 or 2") @Max(value = EnvironmentTypes.MAX_APPROVALS, message = "must be 0, 1 or 2") @Schema(description = "Approvals, by callers with the deployer role other than the requester, a deployment into environments "
                + "of this type needs before it runs: 0 (default), 1 or 2.", minimum = "0", maximum = "2") Integer requiredApprovals,
        @Valid @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "How routes of environments of this type are exposed; "
                + "overrides the cluster's routing field by field (ingressClassName, gateway, tls). Default: the cluster's.", nullable = true) RoutingSpec routing,
        @Valid @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Defaults for workloads deployed into environments of this type: "
                + "resource requests and limits, security context, Pod Security Admission level of their namespaces, startup probe. "
                + "Default: restricted security context and namespaces, nothing else.", nullable = true) WorkloadDefaults workloadDefaults) {
}
