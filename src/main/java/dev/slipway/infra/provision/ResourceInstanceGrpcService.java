package dev.slipway.infra.provision;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.EnvironmentResourceProto;
import dev.slipway.grpc.v1.EnvironmentResourceService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for an environment's resources: translates messages to {@link ResourceInstances} calls and back. */
@GrpcService
@Authenticated
public class ResourceInstanceGrpcService implements EnvironmentResourceService {
    private final ResourceInstances service;

    public ResourceInstanceGrpcService(ResourceInstances service) {
        this.service = service;
    }

    @Override
    public Uni<EnvironmentResourceProto.ListEnvironmentResourcesResponse> listEnvironmentResources(
            EnvironmentResourceProto.ListEnvironmentResourcesRequest request) {
        return service.list(request.getApplication(), request.getEnvironment(), Protos.pageSize(request.getPageSize()),
                Protos.optional(request.getPageToken()))
                .map(page -> EnvironmentResourceProto.ListEnvironmentResourcesResponse.newBuilder()
                        .addAllResources(page.items().stream().map(EnvironmentResourceProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<EnvironmentResourceProto.GetEnvironmentResourceResponse> getEnvironmentResource(
            EnvironmentResourceProto.GetEnvironmentResourceRequest request) {
        return service.get(request.getApplication(), request.getEnvironment(), request.getName())
                .map(view -> EnvironmentResourceProto.GetEnvironmentResourceResponse.newBuilder()
                        .setResource(EnvironmentResourceProtoMapper.toProto(view)).build());
    }
}
