package dev.slipway.cluster;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.grpc.v1.ClusterProto;

/** The one place cluster messages meet the service layer's records, update mask included. */
final class ClusterProtoMapper {
    /** Fields UpdateCluster may name in its mask, with their names in the merge patch. */
    static final UpdateMask<ClusterProto.Cluster, ClusterView> UPDATE_MASK = UpdateMask
            .builder(ClusterProto.Cluster.class, ClusterView.class)
            .text("description", "description", ClusterProto.Cluster::getDescription)
            .text("api_url", "apiUrl", ClusterProto.Cluster::getApiUrl)
            .text("credentials_ref", "credentialsRef", ClusterProto.Cluster::getCredentialsRef)
            .object("credentials", "credentials", ClusterProtoMapper::credentialsPatch)
            .bool("default", "default", ClusterProto.Cluster::getDefault)
            .object("routing", "routing", cluster -> RoutingProtos.patch(cluster.hasRouting(), cluster.getRouting()))
            .build();

    private ClusterProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static ClusterSpec toSpec(ClusterProto.CreateClusterRequest request) {
        ClusterProto.Cluster cluster = request.getCluster();
        return new ClusterSpec(Protos.optional(cluster.getName()), Protos.optional(cluster.getDescription()), toKind(cluster.getKind()),
                Protos.optional(cluster.getApiUrl()), Protos.optional(cluster.getCredentialsRef()), toCredentials(cluster),
                cluster.getDefault(), RoutingProtos.toSpec(cluster.hasRouting(), cluster.getRouting()));
    }

    /** Unset or empty: no credentials. */
    private static ClusterCredentials toCredentials(ClusterProto.Cluster cluster) {
        ClusterProto.ClusterCredentials c = cluster.getCredentials();
        if (!cluster.hasCredentials() || c.equals(ClusterProto.ClusterCredentials.getDefaultInstance())) {
            return null;
        }
        return new ClusterCredentials(Protos.optional(c.getKubeconfig()), Protos.optional(c.getContext()), Protos.optional(c.getToken()),
                Protos.optional(c.getCaBundle()));
    }

    /** The credentials as the merge patch carries them; null (remove them) for an unset or empty message. */
    private static ObjectNode credentialsPatch(ClusterProto.Cluster cluster) {
        ClusterCredentials credentials = toCredentials(cluster);
        if (credentials == null) {
            return null;
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.put("kubeconfig", credentials.kubeconfig());
        patch.put("context", credentials.context());
        patch.put("token", credentials.token());
        patch.put("caBundle", credentials.caBundle());
        return patch;
    }

    /** UNSPECIFIED is "not given" (the service's default applies); a value this server does not know is invalid input. */
    private static ClusterKind toKind(ClusterProto.ClusterKind kind) {
        return switch (kind) {
            case CLUSTER_KIND_UNSPECIFIED -> null;
            case CLUSTER_KIND_SANDBOX -> ClusterKind.SANDBOX;
            case CLUSTER_KIND_IN_CLUSTER -> ClusterKind.IN_CLUSTER;
            case CLUSTER_KIND_EXTERNAL -> ClusterKind.EXTERNAL;
            case UNRECOGNIZED -> throw SlipwayException.Invalid.field("kind", "unknown cluster kind; expected one of "
                    + List.of(ClusterKind.values()));
        };
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static ClusterProto.Cluster toProto(ClusterView view) {
        ClusterProto.Cluster.Builder builder = ClusterProto.Cluster.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setDescription(Protos.text(view.description()))
                .setKind(toProto(view.kind()))
                .setApiUrl(Protos.text(view.apiUrl()))
                .setCredentialsRef(Protos.text(view.credentialsRef()))
                .setDefault(view.isDefault())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag());
        if (view.routing() != null) {
            builder.setRouting(RoutingProtos.toProto(view.routing()));
        }
        if (view.credentialsInfo() != null) {
            builder.setCredentialsInfo(ClusterProto.ClusterCredentialsInfo.newBuilder()
                    .setType(view.credentialsInfo().type() == CredentialsType.KUBECONFIG
                            ? ClusterProto.CredentialsType.CREDENTIALS_TYPE_KUBECONFIG
                            : ClusterProto.CredentialsType.CREDENTIALS_TYPE_TOKEN)
                    .setVersion(view.credentialsInfo().version())
                    .setRotateTime(Protos.timestamp(view.credentialsInfo().rotatedAt())));
        }
        return builder.build();
    }

    static ClusterProto.ClusterHealth toProto(ClusterHealth health) {
        return ClusterProto.ClusterHealth.newBuilder()
                .setCluster(health.cluster())
                .setReachable(health.reachable())
                .setServerVersion(Protos.text(health.serverVersion()))
                .setStatusCode(health.statusCode() == null ? 0 : health.statusCode())
                .setProblem(Protos.text(health.problem()))
                .setRoundTripMillis(health.roundTripMillis())
                .setCheckTime(Protos.timestamp(health.checkedAt()))
                .build();
    }

    private static ClusterProto.ClusterKind toProto(ClusterKind kind) {
        if (kind == null) {
            return ClusterProto.ClusterKind.CLUSTER_KIND_UNSPECIFIED;
        }
        return switch (kind) {
            case SANDBOX -> ClusterProto.ClusterKind.CLUSTER_KIND_SANDBOX;
            case IN_CLUSTER -> ClusterProto.ClusterKind.CLUSTER_KIND_IN_CLUSTER;
            case EXTERNAL -> ClusterProto.ClusterKind.CLUSTER_KIND_EXTERNAL;
        };
    }
}
