package dev.slipway.operation;

import java.util.List;
import java.util.UUID;

import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.deployment.lifecycle.Deployment;

/**
 * An environment as day-2 operations see it: where it runs and what its current deployment (the
 * last that succeeded) asked for. {@code current} is null when nothing has succeeded there yet.
 */
record OperatedEnvironment(String application, UUID applicationId, String environment, UUID environmentId, String namespace,
        ClusterAddress cluster, Deployment current) {

    /** The current deployment's workloads, the primary first; none without a current deployment. */
    List<WorkloadSpec.Named> workloads() {
        return current == null ? List.of() : current.spec.workloadsOf(application);
    }
}
