package dev.slipway.rbac;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.RoleBindingProto;
import dev.slipway.grpc.v1.RoleBindingService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for role bindings: translates messages to {@link RoleBindings} calls and back, through {@link RoleBindingProtoMapper}. */
@GrpcService
@Authenticated
public class RoleBindingGrpcService implements RoleBindingService {
    private final RoleBindings service;

    public RoleBindingGrpcService(RoleBindings service) {
        this.service = service;
    }

    @Override
    public Uni<RoleBindingProto.CreateRoleBindingResponse> createRoleBinding(RoleBindingProto.CreateRoleBindingRequest request) {
        return service.create(RoleBindingProtoMapper.toCreate(request), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> RoleBindingProto.CreateRoleBindingResponse.newBuilder()
                        .setRoleBinding(RoleBindingProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<RoleBindingProto.GetRoleBindingResponse> getRoleBinding(RoleBindingProto.GetRoleBindingRequest request) {
        return service.get(request.getId())
                .map(view -> RoleBindingProto.GetRoleBindingResponse.newBuilder().setRoleBinding(RoleBindingProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<RoleBindingProto.ListRoleBindingsResponse> listRoleBindings(RoleBindingProto.ListRoleBindingsRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                Protos.optional(request.getScope()), Protos.optional(request.getSubject()), Protos.optional(request.getApplication()))
                .map(page -> RoleBindingProto.ListRoleBindingsResponse.newBuilder()
                        .addAllRoleBindings(page.items().stream().map(RoleBindingProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<RoleBindingProto.DeleteRoleBindingResponse> deleteRoleBinding(RoleBindingProto.DeleteRoleBindingRequest request) {
        return service.delete(request.getId()).map(ignored -> RoleBindingProto.DeleteRoleBindingResponse.getDefaultInstance());
    }
}
