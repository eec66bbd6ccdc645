package dev.slipway.cluster;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.ClusterProto;

/** gRPC adapter for clusters: translates messages to {@link Clusters} calls and back. */
@GrpcService
@Authenticated
public class ClusterGrpcService implements dev.slipway.grpc.v1.ClusterService {
    /** Fields UpdateCluster may name in its mask. */
    private static final List<String> MUTABLE = List.of("description", "api_url", "credentials_ref", "default");

    private final Clusters service;
    private final ObjectMapper mapper;

    public ClusterGrpcService(Clusters service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Uni<ClusterProto.CreateClusterResponse> createCluster(ClusterProto.CreateClusterRequest request) {
        ClusterProto.Cluster cluster = request.getCluster();
        var spec = new ClusterSpec(Protos.optional(cluster.getName()), Protos.optional(cluster.getDescription()), fromProto(cluster.getKind()),
                Protos.optional(cluster.getApiUrl()), Protos.optional(cluster.getCredentialsRef()), cluster.getDefault());
        return service.create(spec, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> ClusterProto.CreateClusterResponse.newBuilder().setCluster(toProto(created.resource())).build());
    }

    @Override
    public Uni<ClusterProto.GetClusterResponse> getCluster(ClusterProto.GetClusterRequest request) {
        return service.get(request.getName()).map(view -> ClusterProto.GetClusterResponse.newBuilder().setCluster(toProto(view)).build());
    }

    @Override
    public Uni<ClusterProto.ListClustersResponse> listClusters(ClusterProto.ListClustersRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ClusterProto.ListClustersResponse.newBuilder()
                        .addAllClusters(page.items().stream().map(ClusterGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /** A field mask becomes the equivalent JSON merge patch, so both APIs run the same update. */
    @Override
    public Uni<ClusterProto.UpdateClusterResponse> updateCluster(ClusterProto.UpdateClusterRequest request) {
        ClusterProto.Cluster cluster = request.getCluster();
        List<String> paths = Protos.maskPaths(request.getUpdateMask(), MUTABLE);
        ObjectNode patch = mapper.createObjectNode();
        if (paths.contains("description")) {
            patch.put("description", Protos.optional(cluster.getDescription()));
        }
        if (paths.contains("api_url")) {
            patch.put("apiUrl", Protos.optional(cluster.getApiUrl()));
        }
        if (paths.contains("credentials_ref")) {
            patch.put("credentialsRef", Protos.optional(cluster.getCredentialsRef()));
        }
        if (paths.contains("default")) {
            patch.put("default", cluster.getDefault());
        }
        return service.update(cluster.getName(), patch, Protos.optional(request.getEtag()))
                .map(view -> ClusterProto.UpdateClusterResponse.newBuilder().setCluster(toProto(view)).build());
    }

    @Override
    public Uni<ClusterProto.DeleteClusterResponse> deleteCluster(ClusterProto.DeleteClusterRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> ClusterProto.DeleteClusterResponse.getDefaultInstance());
    }

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

    static ClusterProto.ClusterKind toProto(ClusterKind kind) {
        if (kind == null) {
            return ClusterProto.ClusterKind.CLUSTER_KIND_UNSPECIFIED;
        }
        return switch (kind) {
            case SANDBOX -> ClusterProto.ClusterKind.CLUSTER_KIND_SANDBOX;
            case IN_CLUSTER -> ClusterProto.ClusterKind.CLUSTER_KIND_IN_CLUSTER;
            case EXTERNAL -> ClusterProto.ClusterKind.CLUSTER_KIND_EXTERNAL;
        };
    }

    /** UNSPECIFIED is "not given" (the service's default applies); a value this server does not know is invalid input. */
    static ClusterKind fromProto(ClusterProto.ClusterKind kind) {
        return switch (kind) {
            case CLUSTER_KIND_UNSPECIFIED -> null;
            case CLUSTER_KIND_SANDBOX -> ClusterKind.SANDBOX;
            case CLUSTER_KIND_IN_CLUSTER -> ClusterKind.IN_CLUSTER;
            case CLUSTER_KIND_EXTERNAL -> ClusterKind.EXTERNAL;
            case UNRECOGNIZED -> throw SlipwayException.Invalid.field("kind", "unknown cluster kind; expected one of "
                    + List.of(ClusterKind.values()));
        };
    }
}
