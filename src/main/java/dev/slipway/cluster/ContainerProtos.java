package dev.slipway.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.grpc.Protos;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.grpc.v1.DeploymentProto;

/**
 * The one place the Resources and Probe messages meet {@link ResourcesSpec} and {@link ProbeSpec}:
 * a deployment's containers and an environment type's workload defaults use the same messages.
 * proto3's unset values become absent ones.
 */
public final class ContainerProtos {
    private ContainerProtos() {
    }

    public static ResourcesSpec toResources(DeploymentProto.Resources resources) {
        return new ResourcesSpec(map(resources.getRequestsMap()), map(resources.getLimitsMap()));
    }

    public static DeploymentProto.Resources toProto(ResourcesSpec resources) {
        var builder = DeploymentProto.Resources.newBuilder();
        if (resources.requests() != null) {
            builder.putAllRequests(resources.requests());
        }
        if (resources.limits() != null) {
            builder.putAllLimits(resources.limits());
        }
        return builder.build();
    }

    public static ProbeSpec toProbe(DeploymentProto.Probe probe) {
        return new ProbeSpec(
                Protos.optional(probe.getHttpGetPath()),
                probe.hasPort() ? probe.getPort() : null,
                probe.hasTcpPort() ? probe.getTcpPort() : null,
                probe.getExecList().isEmpty() ? null : List.copyOf(probe.getExecList()),
                probe.hasInitialDelaySeconds() ? probe.getInitialDelaySeconds() : null,
                probe.hasPeriodSeconds() ? probe.getPeriodSeconds() : null,
                probe.hasTimeoutSeconds() ? probe.getTimeoutSeconds() : null,
                probe.hasFailureThreshold() ? probe.getFailureThreshold() : null);
    }

    public static DeploymentProto.Probe toProto(ProbeSpec probe) {
        var builder = DeploymentProto.Probe.newBuilder()
                .setHttpGetPath(Protos.text(probe.httpGetPath()))
                .addAllExec(probe.exec() == null ? List.of() : probe.exec());
        if (probe.port() != null) {
            builder.setPort(probe.port());
        }
        if (probe.tcpPort() != null) {
            builder.setTcpPort(probe.tcpPort());
        }
        if (probe.initialDelaySeconds() != null) {
            builder.setInitialDelaySeconds(probe.initialDelaySeconds());
        }
        if (probe.periodSeconds() != null) {
            builder.setPeriodSeconds(probe.periodSeconds());
        }
        if (probe.timeoutSeconds() != null) {
            builder.setTimeoutSeconds(probe.timeoutSeconds());
        }
        if (probe.failureThreshold() != null) {
            builder.setFailureThreshold(probe.failureThreshold());
        }
        return builder.build();
    }

    private static Map<String, String> map(Map<String, String> values) {
        return values.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
