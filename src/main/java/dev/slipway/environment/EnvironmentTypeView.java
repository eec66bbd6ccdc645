package dev.slipway.environment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EnvironmentType", description = "A class of environments with its rules and its place in the promotion path.")
public record EnvironmentTypeView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Unique, immutable slug.", examples = "production") String name,
        @Schema(description = "What environments of this type are for.") String description,
        @JsonProperty("protected") @Schema(description = "Whether deploys need an approval or a deployer role.") boolean isProtected,
        @Schema(description = "Position in the promotion path (lower first).") int order,
        @Schema(description = "Cluster environments of this type use unless they name one.") String defaultCluster,
        @Schema(description = "Lifetime (Go duration) of an environment of this type that asks for none; absent: it never expires.", examples = "72h") String defaultTtl,
        @Schema(description = "Longest lifetime (Go duration) an environment of this type may have; absent: no limit.", examples = "336h") String maxTtl,
        @Schema(description = "Approvals, by callers with the deployer role other than the requester, a deployment into environments "
                + "of this type needs before it runs (0, 1 or 2).") int requiredApprovals,
        @Schema(description = "How routes of environments of this type are exposed, overriding the cluster's field by field; "
                + "absent: the cluster's.") RoutingSpec routing,
        @Schema(description = "Defaults for workloads deployed into environments of this type; absent: restricted security context "
                + "and namespaces, no resource defaults, no startup probe.") WorkloadDefaults workloadDefaults,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy,
        @Schema(description = "When it last changed (UTC).", readOnly = true) Instant updatedAt,
        @Schema(description = "Entity tag of this version, for If-Match.", readOnly = true) String etag) {
}
