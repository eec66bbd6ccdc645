package dev.slipway.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.grpc.Protos;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.grpc.v1.ClusterProto;

/** The one place the Routing message meets {@link RoutingSpec}, for clusters and environment types alike. */
public final class RoutingProtos {
    private RoutingProtos() {
    }

    /** Unset or empty: no routing (the defaults, or the cluster's). */
    public static RoutingSpec toSpec(boolean present, ClusterProto.Routing routing) {
        if (!present || routing.equals(ClusterProto.Routing.getDefaultInstance())) {
            return null;
        }
        RoutingSpec.GatewayRef gateway = routing.hasGateway()
                ? new RoutingSpec.GatewayRef(Protos.optional(routing.getGateway().getName()),
                        Protos.optional(routing.getGateway().getNamespace()))
                : null;
        RoutingSpec.TlsSpec tls = routing.hasTls()
                ? new RoutingSpec.TlsSpec(Protos.optional(routing.getTls().getSecretName()),
                        Protos.optional(routing.getTls().getClusterIssuer()), Protos.optional(routing.getTls().getIssuer()))
                : null;
        return new RoutingSpec(Protos.optional(routing.getIngressClassName()), gateway, tls);
    }

    /**
     * The routing as an update mask's merge patch carries it: replaced as a whole (AIP-161), so
     * every field the message leaves out is sent as null, which a merge patch reads as "remove";
     * null (remove the routing) for an unset or empty message.
     */
    public static ObjectNode patch(boolean present, ClusterProto.Routing message) {
        RoutingSpec routing = toSpec(present, message);
        if (routing == null) {
            return null;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.put("ingressClassName", routing.ingressClassName());
        if (routing.gateway() == null) {
            patch.putNull("gateway");
        } else {
            patch.putObject("gateway").put("name", routing.gateway().name()).put("namespace", routing.gateway().namespace());
        }
        if (routing.tls() == null) {
            patch.putNull("tls");
        } else {
            patch.putObject("tls").put("secretName", routing.tls().secretName()).put("clusterIssuer", routing.tls().clusterIssuer())
                    .put("issuer", routing.tls().issuer());
        }
        return patch;
    }

    /** Null: the message left unset. */
    public static ClusterProto.Routing toProto(RoutingSpec routing) {
        ClusterProto.Routing.Builder builder = ClusterProto.Routing.newBuilder()
                .setIngressClassName(Protos.text(routing.ingressClassName()));
        if (routing.gateway() != null) {
            builder.setGateway(ClusterProto.RoutingGateway.newBuilder().setName(Protos.text(routing.gateway().name()))
                    .setNamespace(Protos.text(routing.gateway().namespace())));
        }
        if (routing.tls() != null) {
            builder.setTls(ClusterProto.RoutingTls.newBuilder().setSecretName(Protos.text(routing.tls().secretName()))
                    .setClusterIssuer(Protos.text(routing.tls().clusterIssuer())).setIssuer(Protos.text(routing.tls().issuer())));
        }
        return builder.build();
    }
}
