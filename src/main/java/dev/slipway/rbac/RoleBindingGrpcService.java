package dev.slipway.rbac;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.RoleBindingProto;

/** gRPC adapter for role bindings: translates messages to {@link RoleBindings} calls and back. */
@GrpcService
@Authenticated
public class RoleBindingGrpcService implements dev.slipway.grpc.v1.RoleBindingService {
    private final RoleBindings service;

    public RoleBindingGrpcService(RoleBindings service) {
        this.service = service;
    }

    @Override
    public Uni<RoleBindingProto.CreateRoleBindingResponse> createRoleBinding(RoleBindingProto.CreateRoleBindingRequest request) {
        RoleBindingProto.RoleBinding binding = request.getRoleBinding();
        var create = new CreateRoleBindingRequest(Protos.optional(binding.getSubject()),
                Protos.optional(binding.getRole()), Protos.optional(binding.getScope()));
        return service.create(create, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> RoleBindingProto.CreateRoleBindingResponse.newBuilder().setRoleBinding(toProto(created.resource())).build());
    }

    @Override
    public Uni<RoleBindingProto.GetRoleBindingResponse> getRoleBinding(RoleBindingProto.GetRoleBindingRequest request) {
        return service.get(request.getId()).map(view -> RoleBindingProto.GetRoleBindingResponse.newBuilder().setRoleBinding(toProto(view)).build());
    }

    @Override
    public Uni<RoleBindingProto.ListRoleBindingsResponse> listRoleBindings(RoleBindingProto.ListRoleBindingsRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                        Protos.optional(request.getScope()), Protos.optional(request.getSubject()), Protos.optional(request.getApplication()))
                .map(page -> RoleBindingProto.ListRoleBindingsResponse.newBuilder()
                        .addAllRoleBindings(page.items().stream().map(RoleBindingGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<RoleBindingProto.DeleteRoleBindingResponse> deleteRoleBinding(RoleBindingProto.DeleteRoleBindingRequest request) {
        return service.delete(request.getId()).map(ignored -> RoleBindingProto.DeleteRoleBindingResponse.getDefaultInstance());
    }

    static RoleBindingProto.RoleBinding toProto(RoleBindingView view) {
        return RoleBindingProto.RoleBinding.newBuilder()
                .setId(view.id().toString())
                .setSubject(view.subject())
                .setRole(view.role())
                .setScope(view.scope())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .build();
    }
}
