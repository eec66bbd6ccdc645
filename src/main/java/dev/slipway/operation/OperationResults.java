package dev.slipway.operation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What :scale and :restart did. */
public final class OperationResults {
    private OperationResults() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScaleResult", description = "A workload scaled: the cluster was told the new number, and the environment's formation keeps it for the next "
            + "deployment whose spec does not set replicas.")
    public record Scaled(
            @Schema(description = "Workload scaled.") String workload,
            @Schema(description = "Its Deployment.") String objectName,
            @Schema(description = "Replicas the Deployment asked for before.") Integer previousReplicas,
            @Schema(description = "Replicas it asks for now.") int replicas) {
    }

    @Schema(name = "RestartResult", description = "Workloads restarted: their pod templates were stamped with the time, so the cluster replaces their pods "
            + "as a rolling update.")
    public record Restarted(
            @Schema(description = "When (the kubectl.kubernetes.io/restartedAt annotation).") Instant restartedAt,
            @Schema(description = "The workloads restarted.") List<RestartedWorkload> workloads) {
    }

    @Schema(description = "One workload restarted.")
    public record RestartedWorkload(
            @Schema(description = "Workload.") String name,
            @Schema(description = "Its Deployment.") String objectName) {
    }
}
