package dev.slipway.cluster.workload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One of several workloads of a deployment, as Heroku's process types are: an API that takes
 * traffic, a worker that does not, a job on a schedule. All workloads of a deployment share its
 * configuration revision and the environment's resources.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One workload of a deployment: a service (a Deployment and a Service), a worker (a Deployment, no Service) "
        + "or a cron job (a CronJob).")
public record Workload(
        @Schema(description = "service, worker or cron.", required = true, enumeration = {
                "service", "worker", "cron" }, examples = "worker") String kind,
        @Size(max = 10, message = "must have at most 10 containers") @Schema(description = "Containers of each pod (at least one, at most 10). Container names are unique across all "
                + "workloads of the deployment and its release job.", required = true) List<@Valid ContainerSpec> containers,
        @Min(value = 0, message = "must be between 0 and 100") @Max(value = 100, message = "must be between 0 and 100") @Schema(description = "Number of pods of a service or worker, 0 to 100; default: the environment's formation (what "
                + ":scale set last), else 1. Not with autoscaling, not for cron.") Integer replicas,
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Ports the workload's Service exposes; a service needs at least one, a worker or cron none.") List<@Valid ServicePortSpec> servicePorts,
        @Valid @Schema(description = "Scale a service or worker with a HorizontalPodAutoscaler instead of a fixed number of replicas.") AutoscalingSpec autoscaling,
        @Size(max = 253, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Cron schedule (five fields, as Kubernetes CronJobs take it); cron workloads only, required there.", examples = "*/15 * * * *") String schedule,
        @Schema(description = "What a cron run does while the previous one still runs: Allow, Forbid (default) or Replace.", enumeration = {
                "Allow", "Forbid", "Replace" }) String concurrencyPolicy) {

    public static final String SERVICE = "service";
    public static final String WORKER = "worker";
    public static final String CRON = "cron";

    /** Whether it runs as a Deployment (service or worker), which can be scaled, restarted and rolled out. */
    @JsonIgnore
    public boolean isLongRunning() {
        return SERVICE.equals(kind) || WORKER.equals(kind);
    }
}
