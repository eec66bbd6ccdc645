package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.UUID;

import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import dev.slipway.cluster.workload.WorkloadSpec;

/**
 * Everything the runner needs about a deployment, read in one query: what to run, where, and its
 * status; {@code routing} is how its routes are exposed, the cluster's overridden by the
 * environment type's (never null); {@code workloadDefaults} the environment type's defaults for its
 * workloads and namespace (never null); {@code acceptedAt} when the API accepted it.
 */
record RunnableDeployment(UUID id, UUID applicationId, UUID environmentId, String application, String environment,
        String environmentType, String namespace, WorkloadSpec spec, String scoreDocument, Long configRevision, DeploymentStatus status,
        boolean autoRollback, ClusterAddress cluster, RoutingSpec routing, WorkloadDefaults workloadDefaults,
        Instant acceptedAt) {
}
