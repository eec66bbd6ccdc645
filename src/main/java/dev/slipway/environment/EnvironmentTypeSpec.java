package dev.slipway.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.cluster.workload.RoutingSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of an environment type: the create body, and what a merge patch changes. */
@Schema(name = "EnvironmentTypeSpec", description = "An environment type to create, or a JSON merge patch of one (name is immutable).")
public record EnvironmentTypeSpec(
        @Schema(description = "Unique slug; immutable.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "staging") String name,
        @Schema(description = "What environments of this type are for (at most 1000 characters).") String description,
        @JsonProperty("protected") @Schema(description = "Whether deploys need an approval or a deployer role; default false.") Boolean isProtected,
        @Schema(description = "Position in the promotion path (lower first), 0 to 1000000; required on create.") Integer order,
        @Schema(description = "Cluster environments of this type use unless they name one; default: the default cluster.") String defaultCluster,
        // Left out when absent, so that requests without them fingerprint (idempotency) as before they existed.
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Lifetime (Go duration such as 72h) of an environment of this type "
                + "that asks for none; default none (it never expires).", examples = "72h") String defaultTtl,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Longest lifetime (Go duration such as 336h) an environment of this "
                + "type may ask for or be extended to; default no limit.", examples = "336h") String maxTtl,
        @Schema(description = "Approvals, by callers with the deployer role other than the requester, a deployment into environments "
                + "of this type needs before it runs: 0 (default), 1 or 2.", minimum = "0", maximum = "2") Integer requiredApprovals,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "How routes of environments of this type are exposed; "
                + "overrides the cluster's routing field by field (ingressClassName, gateway, tls). Default: the cluster's.") RoutingSpec routing) {
}
