package dev.slipway.cluster;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ClusterProto;
import dev.slipway.grpc.v1.ClusterService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for clusters: translates messages to {@link Clusters} calls and back, through {@link ClusterProtoMapper}. */
@GrpcService
@Authenticated
public class ClusterGrpcService implements ClusterService {
    private final Clusters service;

    public ClusterGrpcService(Clusters service) {
        this.service = service;
    }

    @Override
    public Uni<ClusterProto.CreateClusterResponse> createCluster(ClusterProto.CreateClusterRequest request) {
        return service.create(ClusterProtoMapper.toSpec(request), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> ClusterProto.CreateClusterResponse.newBuilder().setCluster(ClusterProtoMapper.toProto(created.resource()))
                        .build());
    }

    @Override
    public Uni<ClusterProto.GetClusterResponse> getCluster(ClusterProto.GetClusterRequest request) {
        return service.get(request.getName())
                .map(view -> ClusterProto.GetClusterResponse.newBuilder().setCluster(ClusterProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ClusterProto.ListClustersResponse> listClusters(ClusterProto.ListClustersRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ClusterProto.ListClustersResponse.newBuilder()
                        .addAllClusters(page.items().stream().map(ClusterProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<ClusterProto.UpdateClusterResponse> updateCluster(ClusterProto.UpdateClusterRequest request) {
        ClusterProto.Cluster cluster = request.getCluster();
        return service
                .update(cluster.getName(), ClusterProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), cluster),
                        Protos.optional(request.getEtag()))
                .map(view -> ClusterProto.UpdateClusterResponse.newBuilder().setCluster(ClusterProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ClusterProto.CheckClusterHealthResponse> checkClusterHealth(ClusterProto.CheckClusterHealthRequest request) {
        return service.health(request.getName())
                .map(health -> ClusterProto.CheckClusterHealthResponse.newBuilder().setHealth(ClusterProtoMapper.toProto(health)).build());
    }

    @Override
    public Uni<ClusterProto.DeleteClusterResponse> deleteCluster(ClusterProto.DeleteClusterRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> ClusterProto.DeleteClusterResponse.getDefaultInstance());
    }
}
