package dev.slipway.operation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.deployment.lifecycle.DeploymentStore;
import dev.slipway.deployment.lifecycle.Formations;
import dev.slipway.operation.OperationResults.RestartedWorkload;
import dev.slipway.store.SqlTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Day-2 operations on what an environment runs, without a new release: scale a service or worker,
 * restart (roll) pods. Both take what deploying takes (developer, deployer on a protected type),
 * since they change what runs there as a deployment does; each has a permission of its own so the
 * audit log and the access check name what was done. Each runs in one transaction that holds its
 * audit record and its bookkeeping, committed only when the cluster took the change.
 */
@ApplicationScoped
public class WorkloadOperations {
    private final CallerResolver callers;
    private final OperatedEnvironments environments;
    private final ClusterCalls cluster;
    private final WorkloadPatches patches;
    private final Formations formations;
    private final DeploymentStore deployments;
    private final RequestValidation limits;

    WorkloadOperations(CallerResolver callers, OperatedEnvironments environments, ClusterCalls cluster, WorkloadPatches patches,
            Formations formations, DeploymentStore deployments, RequestValidation limits) {
        this.limits = limits;
        this.callers = callers;
        this.environments = environments;
        this.cluster = cluster;
        this.patches = patches;
        this.formations = formations;
        this.deployments = deployments;
    }

    /**
     * Sets a workload's replicas in the cluster, remembers them as the environment's formation (the
     * next deployment keeps them unless its spec sets replicas) and in the recorded apply (drift
     * then compares with the new number: the scale was asked for, it is not drift).
     */
    public Uni<OperationResults.Scaled> scale(String application, String environment, ScaleRequest request) {
        ScaleRequest scale = request == null ? new ScaleRequest(null, null) : request;
        limits.check(scale).throwIfAny();
        int replicas = scale.replicas();
        String detail = "scale " + (scale.workload() == null ? "the service or worker" : scale.workload()) + " to " + replicas;
        return callers.current().flatMap(caller -> Panache.withTransaction(
                () -> environments.require(caller, application, environment, Permission.ENVIRONMENT_SCALE, detail).flatMap(target -> {
                    OperatedEnvironments.requireCurrent(target);
                    WorkloadSpec.Named named = scalable(target, scale.workload());
                    String objectName = ManifestRenderer.objectName(application, named.name());
                    return formations.set(SqlTarget.currentSession(), target.environmentId(), named.name(), replicas)
                            .chain(() -> deployments.recordScaledInSession(target.environmentId(), objectName, replicas))
                            .chain(() -> cluster.call(target.cluster(),
                                    client -> new OperationResults.Scaled(named.name(), objectName,
                                            patches.scale(client, target.namespace(), objectName, replicas), replicas)));
                })));
    }

    /** Rolls the pods of one service or worker, or of every one, as kubectl rollout restart does. */
    public Uni<OperationResults.Restarted> restart(String application, String environment, RestartRequest request) {
        limits.check(request).throwIfAny();
        String workload = request == null ? null : request.workload();
        String detail = "restart " + (workload == null ? "every service and worker" : workload);
        return callers.current().flatMap(caller -> Panache.withTransaction(
                () -> environments.require(caller, application, environment, Permission.ENVIRONMENT_RESTART, detail).flatMap(target -> {
                    OperatedEnvironments.requireCurrent(target);
                    List<RestartedWorkload> chosen = restartable(target, workload).stream()
                            .map(named -> new RestartedWorkload(named.name(), ManifestRenderer.objectName(application, named.name())))
                            .toList();
                    // Seconds, as kubectl writes it: the annotation is read by people.
                    Instant at = Timestamps.now().truncatedTo(ChronoUnit.SECONDS);
                    return cluster.call(target.cluster(), client -> {
                        chosen.forEach(restarted -> patches.restart(client, target.namespace(), restarted.objectName(), at));
                        return new OperationResults.Restarted(at, chosen);
                    });
                })));
    }

    /** The workload to scale: named, or the only service or worker; never cron (it has no replicas) nor autoscaled. */
    static WorkloadSpec.Named scalable(OperatedEnvironment target, String workload) {
        List<WorkloadSpec.Named> longRunning = target.workloads().stream().filter(named -> named.workload().isLongRunning()).toList();
        WorkloadSpec.Named named;
        if (workload == null) {
            if (longRunning.size() != 1) {
                throw SlipwayException.Invalid.field("workload",
                        "name the workload to scale; the services and workers are: " + names(longRunning));
            }
            named = longRunning.get(0);
        } else {
            named = find(target, workload);
            if (Workload.CRON.equals(named.workload().kind())) {
                throw SlipwayException.Invalid.field("workload", "'" + workload + "' is a cron workload, which runs one pod per run and "
                        + "cannot be scaled; the services and workers are: " + names(longRunning));
            }
        }
        if (named.workload().autoscaling() != null) {
            throw new SlipwayException.Conflict("workload '" + named.name() + "' is autoscaled (between "
                    + named.workload().autoscaling().minOrDefault() + " and " + named.workload().autoscaling().maxReplicas()
                    + " replicas): its autoscaler sets the replicas; change its autoscaling in a deployment instead");
        }
        return named;
    }

    static List<WorkloadSpec.Named> restartable(OperatedEnvironment target, String workload) {
        List<WorkloadSpec.Named> longRunning = target.workloads().stream().filter(named -> named.workload().isLongRunning()).toList();
        if (workload == null) {
            if (longRunning.isEmpty()) {
                throw SlipwayException.Invalid.field("workload", "the current deployment has no service or worker to restart");
            }
            return longRunning;
        }
        WorkloadSpec.Named named = find(target, workload);
        if (!named.workload().isLongRunning()) {
            throw SlipwayException.Invalid.field("workload", "'" + workload + "' is a cron workload: each run starts new pods anyway; "
                    + "the services and workers are: " + names(longRunning));
        }
        return List.of(named);
    }

    private static WorkloadSpec.Named find(OperatedEnvironment target, String workload) {
        return target.workloads().stream().filter(named -> named.name().equals(workload)).findFirst()
                .orElseThrow(() -> SlipwayException.Invalid.field("workload", "no workload '" + workload
                        + "' in the current deployment; there are: " + names(target.workloads())));
    }

    private static String names(List<WorkloadSpec.Named> workloads) {
        return workloads.isEmpty() ? "(none)" : String.join(", ", workloads.stream().map(WorkloadSpec.Named::name).toList());
    }
}
