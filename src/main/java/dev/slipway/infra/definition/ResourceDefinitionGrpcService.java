package dev.slipway.infra.definition;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ResourceDefinitionProto;
import dev.slipway.grpc.v1.ResourceDefinitionService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter for resource definitions: translates messages to {@link ResourceDefinitions} calls
 * and back, through {@link ResourceDefinitionProtoMapper}.
 */
@GrpcService
@Authenticated
public class ResourceDefinitionGrpcService implements ResourceDefinitionService {
    private final ResourceDefinitions service;

    public ResourceDefinitionGrpcService(ResourceDefinitions service) {
        this.service = service;
    }

    @Override
    public Uni<ResourceDefinitionProto.CreateResourceDefinitionResponse> createResourceDefinition(
            ResourceDefinitionProto.CreateResourceDefinitionRequest request) {
        return service
                .create(ResourceDefinitionProtoMapper.toSpec(request), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> ResourceDefinitionProto.CreateResourceDefinitionResponse.newBuilder()
                        .setResourceDefinition(ResourceDefinitionProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<ResourceDefinitionProto.GetResourceDefinitionResponse> getResourceDefinition(
            ResourceDefinitionProto.GetResourceDefinitionRequest request) {
        return service.get(request.getName()).map(view -> ResourceDefinitionProto.GetResourceDefinitionResponse.newBuilder()
                .setResourceDefinition(ResourceDefinitionProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ResourceDefinitionProto.ListResourceDefinitionsResponse> listResourceDefinitions(
            ResourceDefinitionProto.ListResourceDefinitionsRequest request) {
        return service
                .list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()), Protos.optional(request.getType()))
                .map(page -> ResourceDefinitionProto.ListResourceDefinitionsResponse.newBuilder()
                        .addAllResourceDefinitions(page.items().stream().map(ResourceDefinitionProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /**
     * Values named in the mask are replaced whole, which needs the current values: then the
     * definition is read first and the update made conditional on what was read.
     */
    @Override
    public Uni<ResourceDefinitionProto.UpdateResourceDefinitionResponse> updateResourceDefinition(
            ResourceDefinitionProto.UpdateResourceDefinitionRequest request) {
        ResourceDefinitionProto.ResourceDefinition definition = request.getResourceDefinition();
        ResourceDefinitionProtoMapper.UPDATE_MASK.validate(request.getUpdateMask());
        Uni<ResourceDefinitionView> updated = ResourceDefinitionProtoMapper.needsCurrent(request.getUpdateMask())
                ? service.get(definition.getName()).flatMap(current -> service.update(definition.getName(),
                        ResourceDefinitionProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), definition, current),
                        Protos.ifMatch(request.getEtag(), current.etag())))
                : service.update(definition.getName(), ResourceDefinitionProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), definition),
                        Protos.optional(request.getEtag()));
        return updated.map(view -> ResourceDefinitionProto.UpdateResourceDefinitionResponse.newBuilder()
                .setResourceDefinition(ResourceDefinitionProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ResourceDefinitionProto.DeleteResourceDefinitionResponse> deleteResourceDefinition(
            ResourceDefinitionProto.DeleteResourceDefinitionRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> ResourceDefinitionProto.DeleteResourceDefinitionResponse.getDefaultInstance());
    }

    @Override
    public Uni<ResourceDefinitionProto.MatchResourceDefinitionResponse> matchResourceDefinition(
            ResourceDefinitionProto.MatchResourceDefinitionRequest request) {
        return service.dryRunMatch(ResourceDefinitionProtoMapper.toRequest(request)).map(ResourceDefinitionProtoMapper::toProto);
    }
}
