package dev.slipway.cluster;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.Cluster;
import dev.slipway.grpc.v1.CreateClusterRequest;
import dev.slipway.grpc.v1.CreateClusterResponse;
import dev.slipway.grpc.v1.DeleteClusterRequest;
import dev.slipway.grpc.v1.DeleteClusterResponse;
import dev.slipway.grpc.v1.GetClusterRequest;
import dev.slipway.grpc.v1.GetClusterResponse;
import dev.slipway.grpc.v1.ListClustersRequest;
import dev.slipway.grpc.v1.ListClustersResponse;
import dev.slipway.grpc.v1.UpdateClusterRequest;
import dev.slipway.grpc.v1.UpdateClusterResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for clusters: translates messages to {@link ClusterService} calls and back. */
@GrpcService
@Authenticated
public class ClusterGrpcService implements dev.slipway.grpc.v1.ClusterService {
    /** Fields UpdateCluster may name in its mask. */
    private static final List<String> MUTABLE = List.of("description", "api_url", "credentials_ref", "default");

    private final ClusterService service;
    private final ObjectMapper mapper;

    public ClusterGrpcService(ClusterService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Uni<CreateClusterResponse> createCluster(CreateClusterRequest request) {
        Cluster cluster = request.getCluster();
        var spec = new ClusterSpec(Protos.optional(cluster.getName()), Protos.optional(cluster.getDescription()), fromProto(cluster.getKind()),
                Protos.optional(cluster.getApiUrl()), Protos.optional(cluster.getCredentialsRef()), cluster.getDefault());
        return service.create(spec, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> CreateClusterResponse.newBuilder().setCluster(toProto(created.resource())).build());
    }

    @Override
    public Uni<GetClusterResponse> getCluster(GetClusterRequest request) {
        return service.get(request.getName()).map(view -> GetClusterResponse.newBuilder().setCluster(toProto(view)).build());
    }

    @Override
    public Uni<ListClustersResponse> listClusters(ListClustersRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ListClustersResponse.newBuilder()
                        .addAllClusters(page.items().stream().map(ClusterGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /** A field mask becomes the equivalent JSON merge patch, so both APIs run the same update. */
    @Override
    public Uni<UpdateClusterResponse> updateCluster(UpdateClusterRequest request) {
        Cluster cluster = request.getCluster();
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
                .map(view -> UpdateClusterResponse.newBuilder().setCluster(toProto(view)).build());
    }

    @Override
    public Uni<DeleteClusterResponse> deleteCluster(DeleteClusterRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> DeleteClusterResponse.getDefaultInstance());
    }

    static Cluster toProto(ClusterView view) {
        return Cluster.newBuilder()
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

    static dev.slipway.grpc.v1.ClusterKind toProto(ClusterKind kind) {
        if (kind == null) {
            return dev.slipway.grpc.v1.ClusterKind.CLUSTER_KIND_UNSPECIFIED;
        }
        return switch (kind) {
            case SANDBOX -> dev.slipway.grpc.v1.ClusterKind.CLUSTER_KIND_SANDBOX;
            case IN_CLUSTER -> dev.slipway.grpc.v1.ClusterKind.CLUSTER_KIND_IN_CLUSTER;
            case EXTERNAL -> dev.slipway.grpc.v1.ClusterKind.CLUSTER_KIND_EXTERNAL;
        };
    }

    /** UNSPECIFIED is "not given" (the service's default applies); a value this server does not know is invalid input. */
    static ClusterKind fromProto(dev.slipway.grpc.v1.ClusterKind kind) {
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
