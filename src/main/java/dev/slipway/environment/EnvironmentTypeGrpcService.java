package dev.slipway.environment;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for environment types: translates messages to {@link EnvironmentTypes} calls and back, through {@link EnvironmentTypeProtoMapper}. */
@GrpcService
@Authenticated
public class EnvironmentTypeGrpcService implements EnvironmentTypeService {
    private final EnvironmentTypes service;

    public EnvironmentTypeGrpcService(EnvironmentTypes service) {
        this.service = service;
    }

    @Override
    public Uni<EnvironmentTypeProto.CreateEnvironmentTypeResponse> createEnvironmentType(
            EnvironmentTypeProto.CreateEnvironmentTypeRequest request) {
        return service.create(EnvironmentTypeProtoMapper.toSpec(request), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> EnvironmentTypeProto.CreateEnvironmentTypeResponse.newBuilder()
                        .setEnvironmentType(EnvironmentTypeProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<EnvironmentTypeProto.GetEnvironmentTypeResponse> getEnvironmentType(EnvironmentTypeProto.GetEnvironmentTypeRequest request) {
        return service.get(request.getName()).map(view -> EnvironmentTypeProto.GetEnvironmentTypeResponse.newBuilder()
                .setEnvironmentType(EnvironmentTypeProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<EnvironmentTypeProto.ListEnvironmentTypesResponse> listEnvironmentTypes(
            EnvironmentTypeProto.ListEnvironmentTypesRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> EnvironmentTypeProto.ListEnvironmentTypesResponse.newBuilder()
                        .addAllEnvironmentTypes(page.items().stream().map(EnvironmentTypeProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<EnvironmentTypeProto.UpdateEnvironmentTypeResponse> updateEnvironmentType(
            EnvironmentTypeProto.UpdateEnvironmentTypeRequest request) {
        EnvironmentTypeProto.EnvironmentType type = request.getEnvironmentType();
        return service
                .update(type.getName(), EnvironmentTypeProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), type),
                        Protos.optional(request.getEtag()))
                .map(view -> EnvironmentTypeProto.UpdateEnvironmentTypeResponse.newBuilder()
                        .setEnvironmentType(EnvironmentTypeProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<EnvironmentTypeProto.DeleteEnvironmentTypeResponse> deleteEnvironmentType(
            EnvironmentTypeProto.DeleteEnvironmentTypeRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> EnvironmentTypeProto.DeleteEnvironmentTypeResponse.getDefaultInstance());
    }
}
