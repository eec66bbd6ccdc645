package dev.slipway.environment;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for environments: translates messages to {@link Environments} calls and back, through {@link EnvironmentProtoMapper}. */
@GrpcService
@Authenticated
public class EnvironmentGrpcService implements EnvironmentService {
    private final Environments service;

    public EnvironmentGrpcService(Environments service) {
        this.service = service;
    }

    @Override
    public Uni<EnvironmentProto.CreateEnvironmentResponse> createEnvironment(EnvironmentProto.CreateEnvironmentRequest request) {
        return service.create(request.getApplication(), EnvironmentProtoMapper.toCreate(request),
                IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> EnvironmentProto.CreateEnvironmentResponse.newBuilder()
                        .setEnvironment(EnvironmentProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<EnvironmentProto.GetEnvironmentResponse> getEnvironment(EnvironmentProto.GetEnvironmentRequest request) {
        return service.get(request.getApplication(), request.getName())
                .map(view -> EnvironmentProto.GetEnvironmentResponse.newBuilder().setEnvironment(EnvironmentProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<EnvironmentProto.ListEnvironmentsResponse> listEnvironments(EnvironmentProto.ListEnvironmentsRequest request) {
        return service.list(request.getApplication(), Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                Protos.optional(request.getLabelSelector()),
                request.hasExpiresBefore() ? Protos.instant(request.getExpiresBefore()).toString() : null)
                .map(page -> EnvironmentProto.ListEnvironmentsResponse.newBuilder()
                        .addAllEnvironments(page.items().stream().map(EnvironmentProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /**
     * Labels named in the mask are replaced whole, which needs the current labels, so the
     * environment is read first and the update made conditional on what was read.
     */
    @Override
    public Uni<EnvironmentProto.UpdateEnvironmentResponse> updateEnvironment(EnvironmentProto.UpdateEnvironmentRequest request) {
        EnvironmentProto.Environment environment = request.getEnvironment();
        EnvironmentProtoMapper.UPDATE_MASK.validate(request.getUpdateMask());
        return service.get(environment.getApplication(), environment.getName())
                .flatMap(current -> service.update(environment.getApplication(), environment.getName(),
                        EnvironmentProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), environment, current),
                        Protos.ifMatch(request.getEtag(), current.etag())))
                .map(view -> EnvironmentProto.UpdateEnvironmentResponse.newBuilder().setEnvironment(EnvironmentProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<EnvironmentProto.ExtendEnvironmentResponse> extendEnvironment(EnvironmentProto.ExtendEnvironmentRequest request) {
        return service.extend(request.getApplication(), request.getName(), Protos.optional(request.getTtl()))
                .map(view -> EnvironmentProto.ExtendEnvironmentResponse.newBuilder().setEnvironment(EnvironmentProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<EnvironmentProto.DeleteEnvironmentResponse> deleteEnvironment(EnvironmentProto.DeleteEnvironmentRequest request) {
        return service.delete(request.getApplication(), request.getName(), Protos.optional(request.getEtag()))
                .map(deleting -> deleting == null
                        ? EnvironmentProto.DeleteEnvironmentResponse.getDefaultInstance()
                        : EnvironmentProto.DeleteEnvironmentResponse.newBuilder().setEnvironment(EnvironmentProtoMapper.toProto(deleting))
                                .build());
    }
}
