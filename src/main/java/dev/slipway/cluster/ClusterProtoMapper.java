package dev.slipway.cluster;

import java.util.List;

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
            .bool("default", "default", ClusterProto.Cluster::getDefault)
            .build();

    private ClusterProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static ClusterSpec toSpec(ClusterProto.CreateClusterRequest request) {
        ClusterProto.Cluster cluster = request.getCluster();
        return new ClusterSpec(Protos.optional(cluster.getName()), Protos.optional(cluster.getDescription()), toKind(cluster.getKind()),
                Protos.optional(cluster.getApiUrl()), Protos.optional(cluster.getCredentialsRef()), cluster.getDefault());
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
        return ClusterProto.Cluster.newBuilder()
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
                .setEtag(view.etag())
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
