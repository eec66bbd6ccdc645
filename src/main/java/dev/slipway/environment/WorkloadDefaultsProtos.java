package dev.slipway.environment;

import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.grpc.Protos;
import dev.slipway.cluster.ContainerProtos;
import dev.slipway.cluster.render.WorkloadValidator;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import dev.slipway.grpc.v1.EnvironmentTypeProto;

/** The one place the WorkloadDefaults message meets {@link WorkloadDefaults}, update mask patch included. */
final class WorkloadDefaultsProtos {
    private WorkloadDefaultsProtos() {
    }

    /** Unset or empty: none (the safe defaults). */
    static WorkloadDefaults toSpec(boolean present, EnvironmentTypeProto.WorkloadDefaults defaults) {
        if (!present || defaults.equals(EnvironmentTypeProto.WorkloadDefaults.getDefaultInstance())) {
            return null;
        }
        return new WorkloadDefaults(defaults.hasResources() ? ContainerProtos.toResources(defaults.getResources()) : null,
                Protos.optional(defaults.getSecurityContext()), Protos.optional(defaults.getPodSecurity()),
                defaults.hasStartupProbe() ? ContainerProtos.toProbe(defaults.getStartupProbe()) : null);
    }

    /**
     * The defaults as an update mask's merge patch carries them: replaced as a whole (AIP-161), so
     * every field the message leaves out is sent as null, which a merge patch reads as "remove";
     * null (remove the defaults) for an unset or empty message.
     */
    static ObjectNode patch(boolean present, EnvironmentTypeProto.WorkloadDefaults message) {
        WorkloadDefaults defaults = toSpec(present, message);
        if (defaults == null) {
            return null;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        if (defaults.resources() == null) {
            patch.putNull("resources");
        } else {
            ObjectNode resources = patch.putObject("resources");
            quantities(resources, "requests", defaults.resources().requests());
            quantities(resources, "limits", defaults.resources().limits());
        }
        patch.put("securityContext", defaults.securityContext());
        patch.put("podSecurity", defaults.podSecurity());
        if (defaults.startupProbe() == null) {
            patch.putNull("startupProbe");
        } else {
            ProbeSpec probe = defaults.startupProbe();
            ObjectNode startup = patch.putObject("startupProbe");
            startup.put("httpGetPath", probe.httpGetPath()).put("port", probe.port()).put("tcpPort", probe.tcpPort())
                    .put("initialDelaySeconds", probe.initialDelaySeconds()).put("periodSeconds", probe.periodSeconds())
                    .put("timeoutSeconds", probe.timeoutSeconds()).put("failureThreshold", probe.failureThreshold());
            if (probe.exec() == null) {
                startup.putNull("exec");
            } else {
                probe.exec().forEach(startup.putArray("exec")::add);
            }
        }
        return patch;
    }

    static EnvironmentTypeProto.WorkloadDefaults toProto(WorkloadDefaults defaults) {
        EnvironmentTypeProto.WorkloadDefaults.Builder builder = EnvironmentTypeProto.WorkloadDefaults.newBuilder()
                .setSecurityContext(Protos.text(defaults.securityContext()))
                .setPodSecurity(Protos.text(defaults.podSecurity()));
        if (defaults.resources() != null) {
            builder.setResources(ContainerProtos.toProto(defaults.resources()));
        }
        if (defaults.startupProbe() != null) {
            builder.setStartupProbe(ContainerProtos.toProto(defaults.startupProbe()));
        }
        return builder.build();
    }

    /**
     * Every resource name a stored default can hold (validation refuses others) nulled, then the
     * message's entries put: the map is replaced whole without reading the current type.
     */
    private static void quantities(ObjectNode resources, String property, Map<String, String> amounts) {
        if (amounts == null) {
            resources.putNull(property);
            return;
        }
        ObjectNode map = resources.putObject(property);
        WorkloadValidator.RESOURCE_NAMES.stream().sorted().forEach(map::putNull);
        amounts.forEach(map::put);
    }
}
