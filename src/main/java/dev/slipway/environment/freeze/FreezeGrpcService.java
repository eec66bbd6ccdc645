package dev.slipway.environment.freeze;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.FreezeProto;
import dev.slipway.grpc.v1.FreezeService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for freezes: translates messages to {@link Freezes} calls and back, through {@link FreezeProtoMapper}. */
@GrpcService
@Authenticated
public class FreezeGrpcService implements FreezeService {
    private final Freezes service;

    public FreezeGrpcService(Freezes service) {
        this.service = service;
    }

    @Override
    public Uni<FreezeProto.CreateFreezeResponse> createFreeze(FreezeProto.CreateFreezeRequest request) {
        return service
                .create(FreezeProtoMapper.toSpec(request.getFreeze()), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> FreezeProto.CreateFreezeResponse.newBuilder().setFreeze(FreezeProtoMapper.toProto(created.resource()))
                        .build());
    }

    @Override
    public Uni<FreezeProto.GetFreezeResponse> getFreeze(FreezeProto.GetFreezeRequest request) {
        return service.get(request.getName())
                .map(view -> FreezeProto.GetFreezeResponse.newBuilder().setFreeze(FreezeProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<FreezeProto.ListFreezesResponse> listFreezes(FreezeProto.ListFreezesRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                Protos.optional(request.getApplication()))
                .map(page -> FreezeProto.ListFreezesResponse.newBuilder()
                        .addAllFreezes(page.items().stream().map(FreezeProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<FreezeProto.DeleteFreezeResponse> deleteFreeze(FreezeProto.DeleteFreezeRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> FreezeProto.DeleteFreezeResponse.getDefaultInstance());
    }

    @Override
    public Uni<FreezeProto.GetActiveFreezesResponse> getActiveFreezes(FreezeProto.GetActiveFreezesRequest request) {
        return service.check(Protos.optional(request.getApplication()), Protos.optional(request.getEnvironment()))
                .map(FreezeProtoMapper::toProto);
    }
}
