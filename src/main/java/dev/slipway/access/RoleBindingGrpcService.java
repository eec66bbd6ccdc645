package dev.slipway.access;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.CreateRoleBindingRequest;
import dev.slipway.grpc.v1.CreateRoleBindingResponse;
import dev.slipway.grpc.v1.DeleteRoleBindingRequest;
import dev.slipway.grpc.v1.DeleteRoleBindingResponse;
import dev.slipway.grpc.v1.GetRoleBindingRequest;
import dev.slipway.grpc.v1.GetRoleBindingResponse;
import dev.slipway.grpc.v1.ListRoleBindingsRequest;
import dev.slipway.grpc.v1.ListRoleBindingsResponse;
import dev.slipway.grpc.v1.RoleBinding;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for role bindings: translates messages to {@link RoleBindingService} calls and back. */
@GrpcService
@Authenticated
public class RoleBindingGrpcService implements dev.slipway.grpc.v1.RoleBindingService {
    private final RoleBindingService service;

    public RoleBindingGrpcService(RoleBindingService service) {
        this.service = service;
    }

    @Override
    public Uni<CreateRoleBindingResponse> createRoleBinding(CreateRoleBindingRequest request) {
        RoleBinding binding = request.getRoleBinding();
        var create = new dev.slipway.access.CreateRoleBindingRequest(Protos.optional(binding.getSubject()),
                Protos.optional(binding.getRole()), Protos.optional(binding.getScope()));
        return service.create(create, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> CreateRoleBindingResponse.newBuilder().setRoleBinding(toProto(created.resource())).build());
    }

    @Override
    public Uni<GetRoleBindingResponse> getRoleBinding(GetRoleBindingRequest request) {
        return service.get(request.getId()).map(view -> GetRoleBindingResponse.newBuilder().setRoleBinding(toProto(view)).build());
    }

    @Override
    public Uni<ListRoleBindingsResponse> listRoleBindings(ListRoleBindingsRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                        Protos.optional(request.getScope()), Protos.optional(request.getSubject()), Protos.optional(request.getApplication()))
                .map(page -> ListRoleBindingsResponse.newBuilder()
                        .addAllRoleBindings(page.items().stream().map(RoleBindingGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<DeleteRoleBindingResponse> deleteRoleBinding(DeleteRoleBindingRequest request) {
        return service.delete(request.getId()).map(ignored -> DeleteRoleBindingResponse.getDefaultInstance());
    }

    static RoleBinding toProto(RoleBindingView view) {
        return RoleBinding.newBuilder()
                .setId(view.id().toString())
                .setSubject(view.subject())
                .setRole(view.role())
                .setScope(view.scope())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .build();
    }
}
