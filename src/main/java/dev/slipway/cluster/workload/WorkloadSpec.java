package dev.slipway.cluster.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a deployment runs. Either one workload given by its fields at the top (containers,
 * replicas, servicePorts, autoscaling: the original single-workload spec, which means one service
 * named after the application, so that clients written before several workloads keep working), or
 * several under {@code workloads}. Resources, the release job and routes belong to the deployment
 * as a whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What a deployment runs: either one workload (containers, replicas, servicePorts, autoscaling at the top; "
        + "a service named after the application) or several under workloads; plus the resources they share, a release job "
        + "and routes.")
public record WorkloadSpec(
        @Size(max = 10, message = "must have at most 10 containers") @Schema(description = "Containers of each pod of the single workload (at least one, at most 10); not with workloads.") List<@Valid ContainerSpec> containers,
        @Min(value = 0, message = "must be between 0 and 100") @Max(value = 100, message = "must be between 0 and 100") @Schema(description = "Number of pods of the single workload, 0 to 100; default: the environment's formation, else 1.") Integer replicas,
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Ports the single workload's Service exposes; none means no Service.") List<@Valid ServicePortSpec> servicePorts,
        @Size(max = 20, message = "must ask for at most 20 resources") @Schema(description = "Resources the workloads need, by the name they refer to them with in placeholders such as ${resources.db.host}.", maxProperties = 20) Map<String, @Valid ResourceRequest> resources,
        @Valid @Schema(description = "Autoscaling of the single workload; not with replicas.") AutoscalingSpec autoscaling,
        @Size(max = 20, message = "must have at most 20 workloads") @Schema(description = "Several workloads by name (1 to 20 lower-case letters, digits and '-', starting with a letter); "
                + "not with containers.", maxProperties = 20) Map<String, @Valid Workload> workloads,
        @Valid @Schema(description = "A Job run to completion before any workload rolls out.") ReleaseSpec release,
        @Size(max = 20, message = "must have at most 20 routes") @Schema(description = "Routes from outside the cluster to service workloads (at most 20).") List<@Valid RouteSpec> routes) {

    /** The single-workload spec as it was before several workloads, release jobs and routes. */
    public WorkloadSpec(List<ContainerSpec> containers, Integer replicas, List<ServicePortSpec> servicePorts,
            Map<String, ResourceRequest> resources) {
        this(containers, replicas, servicePorts, resources, null, null, null, null);
    }

    /** One workload of a deployment with its name; the primary one renders under the application's own name. */
    public record Named(String name, Workload workload, boolean primary) {
    }

    /**
     * The workloads this spec runs, in name order: the single workload (a service named after the
     * application) when {@link #workloads} is not given.
     */
    public List<Named> workloadsOf(String application) {
        List<Named> named = new ArrayList<>();
        if (workloads == null) {
            named.add(new Named(application, new Workload(Workload.SERVICE, containers, replicas, servicePorts, autoscaling, null, null),
                    true));
        } else {
            new TreeMap<>(workloads).forEach((name, workload) -> named.add(new Named(name, workload, name.equals(application))));
        }
        return named;
    }

    /** Every container of the spec: each workload's, then the release job's. */
    public List<ContainerSpec> allContainers() {
        List<ContainerSpec> all = new ArrayList<>();
        if (containers != null) {
            all.addAll(containers);
        }
        if (workloads != null) {
            new TreeMap<>(workloads).values().forEach(workload -> {
                if (workload != null && workload.containers() != null) {
                    all.addAll(workload.containers());
                }
            });
        }
        if (release != null && release.containers() != null) {
            all.addAll(release.containers());
        }
        return all;
    }

    /** The same spec with every container replaced by {@code change} of it (placeholders resolved, say). */
    public WorkloadSpec withContainers(UnaryOperator<ContainerSpec> change) {
        Map<String, Workload> changedWorkloads = null;
        if (workloads != null) {
            changedWorkloads = new TreeMap<>();
            for (Map.Entry<String, Workload> entry : workloads.entrySet()) {
                Workload w = entry.getValue();
                changedWorkloads.put(entry.getKey(), new Workload(w.kind(), each(w.containers(), change), w.replicas(), w.servicePorts(),
                        w.autoscaling(), w.schedule(), w.concurrencyPolicy()));
            }
        }
        ReleaseSpec changedRelease = release == null
                ? null
                : new ReleaseSpec(each(release.containers(), change), release.backoffLimit(), release.activeDeadlineSeconds());
        return new WorkloadSpec(each(containers, change), replicas, servicePorts, resources, autoscaling, changedWorkloads,
                changedRelease, routes);
    }

    /** The same spec with other routes. */
    public WorkloadSpec withRoutes(List<RouteSpec> changedRoutes) {
        return new WorkloadSpec(containers, replicas, servicePorts, resources, autoscaling, workloads, release, changedRoutes);
    }

    private static List<ContainerSpec> each(List<ContainerSpec> containers, UnaryOperator<ContainerSpec> change) {
        return containers == null ? null : containers.stream().map(change).toList();
    }
}
