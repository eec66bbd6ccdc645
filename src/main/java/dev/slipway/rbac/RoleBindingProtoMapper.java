package dev.slipway.rbac;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.RoleBindingProto;

/** The one place role binding messages meet the service layer's records. */
final class RoleBindingProtoMapper {
    private RoleBindingProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static CreateRoleBindingRequest toCreate(RoleBindingProto.CreateRoleBindingRequest request) {
        RoleBindingProto.RoleBinding binding = request.getRoleBinding();
        return new CreateRoleBindingRequest(Protos.optional(binding.getSubject()),
                Protos.optional(binding.getRole()), Protos.optional(binding.getScope()));
    }

    // --- Results: records -> proto ----------------------------------------------------------------

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
