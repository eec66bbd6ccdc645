package dev.slipway.cluster.workload;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a deployment runs: containers, how many replicas, which ports the Service exposes, and the resources it needs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The workload a deployment runs: containers, replicas, service ports and the resources it needs.")
public record WorkloadSpec(
        @Schema(description = "Containers of each pod (at least one, at most 10).", required = true) List<ContainerSpec> containers,
        @Schema(description = "Number of pods, 0 to 100; default 1.") Integer replicas,
        @Schema(description = "Ports the environment's Service exposes; none means no Service.") List<ServicePortSpec> servicePorts,
        @Schema(description = "Resources the workload needs, by the name it refers to them with in placeholders such as ${resources.db.host}.") Map<String, ResourceRequest> resources) {
}
