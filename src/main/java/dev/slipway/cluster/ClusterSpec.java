package dev.slipway.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.api.RequestLimits;
import dev.slipway.cluster.workload.RoutingSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a cluster: the create body, and the document a merge patch changes. */
@Schema(name = "ClusterSpec", description = "A cluster to register, or a JSON merge patch of one (name is immutable).")
public record ClusterSpec(
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Unique slug; immutable.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$") String name,
        @Size(max = 1000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "What the cluster is for (at most 1000 characters).", nullable = true) String description,
        @Schema(description = "How Slipway reaches the cluster; default EXTERNAL.") ClusterKind kind,
        @Size(max = 2048, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "API server URL of an EXTERNAL cluster: https (plain http only for loopback addresses in dev mode and "
                + "tests), no user name or password. Defaults to the server of the submitted kubeconfig's context.") String apiUrl,
        @Size(max = 512, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Reference to credentials: secret:<namespace>/<name>[#key] (a token, with ca.crt when present, in a Secret "
                + "of the cluster Slipway runs in) or kubeconfig-context:<name>. Never a raw credential; exclusive with credentials.", nullable = true) String credentialsRef,
        @Schema(description = "Credentials to store encrypted (write-only, never returned). Sending them again rotates them; null "
                + "removes them. Exclusive with credentialsRef.", nullable = true) ClusterCredentials credentials,
        @JsonProperty("default") @Schema(description = "Make this the default cluster (the previous default stops being one).") Boolean isDefault,
        // Left out when absent, so that requests without it fingerprint (idempotency) as before it existed.
        @Valid @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "How routes of environments on this cluster are exposed "
                + "(Ingress class, Gateway, TLS); an environment type's routing overrides it field by field.", nullable = true) RoutingSpec routing) {
}
