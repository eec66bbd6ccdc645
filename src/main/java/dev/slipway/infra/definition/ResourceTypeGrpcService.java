package dev.slipway.infra.definition;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ResourceTypeProto;
import dev.slipway.grpc.v1.ResourceTypeService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for resource types: translates messages to {@link ResourceTypes} calls and back, through {@link ResourceTypeProtoMapper}. */
@GrpcService
@Authenticated
public class ResourceTypeGrpcService implements ResourceTypeService {
    private final ResourceTypes service;

    public ResourceTypeGrpcService(ResourceTypes service) {
        this.service = service;
    }

    @Override
    public Uni<ResourceTypeProto.CreateResourceTypeResponse> createResourceType(ResourceTypeProto.CreateResourceTypeRequest request) {
        return service.create(ResourceTypeProtoMapper.toSpec(request), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> ResourceTypeProto.CreateResourceTypeResponse.newBuilder()
                        .setResourceType(ResourceTypeProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<ResourceTypeProto.GetResourceTypeResponse> getResourceType(ResourceTypeProto.GetResourceTypeRequest request) {
        return service.get(request.getName()).map(view -> ResourceTypeProto.GetResourceTypeResponse.newBuilder()
                .setResourceType(ResourceTypeProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ResourceTypeProto.ListResourceTypesResponse> listResourceTypes(ResourceTypeProto.ListResourceTypesRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ResourceTypeProto.ListResourceTypesResponse.newBuilder()
                        .addAllResourceTypes(page.items().stream().map(ResourceTypeProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<ResourceTypeProto.UpdateResourceTypeResponse> updateResourceType(ResourceTypeProto.UpdateResourceTypeRequest request) {
        ResourceTypeProto.ResourceType type = request.getResourceType();
        return service.update(type.getName(), ResourceTypeProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), type),
                Protos.optional(request.getEtag()))
                .map(view -> ResourceTypeProto.UpdateResourceTypeResponse.newBuilder()
                        .setResourceType(ResourceTypeProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ResourceTypeProto.DeleteResourceTypeResponse> deleteResourceType(ResourceTypeProto.DeleteResourceTypeRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> ResourceTypeProto.DeleteResourceTypeResponse.getDefaultInstance());
    }
}
