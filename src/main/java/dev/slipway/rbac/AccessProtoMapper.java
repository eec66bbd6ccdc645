package dev.slipway.rbac;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.AccessProto;

/** The one place access check messages meet the service layer's records. */
final class AccessProtoMapper {
    private AccessProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static AccessCheckRequest toCheck(AccessProto.CheckAccessRequest request) {
        return new AccessCheckRequest(Protos.optional(request.getAction()), Protos.optional(request.getApplication()),
                Protos.optional(request.getEnvironment()), Protos.optional(request.getSubject()));
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static AccessProto.CheckAccessResponse toProto(AccessCheckResult result) {
        AccessProto.CheckAccessResponse.Builder response = AccessProto.CheckAccessResponse.newBuilder()
                .setAllowed(result.allowed())
                .setSubject(result.subject())
                .setAction(result.action())
                .setReason(result.reason());
        if (result.grantedBy() != null) {
            response.setGrantedBy(toProto(result.grantedBy()));
        }
        return response.build();
    }

    private static AccessProto.Grant toProto(AccessCheckResult.GrantView grantedBy) {
        AccessProto.Grant.Builder grant = AccessProto.Grant.newBuilder().setRole(grantedBy.role()).setSource(grantedBy.source());
        if (grantedBy.binding() != null) {
            grant.setRoleBindingId(grantedBy.binding().id().toString()).setRoleBindingScope(grantedBy.binding().scope());
        }
        return grant.build();
    }
}
