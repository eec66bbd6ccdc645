package dev.slipway.rbac;

import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.AccessProto;

/** gRPC adapter for the access check: translates messages to {@link AccessChecks} calls and back. */
@GrpcService
@Authenticated
public class AccessGrpcService implements dev.slipway.grpc.v1.AccessService {
    private final AccessChecks service;

    public AccessGrpcService(AccessChecks service) {
        this.service = service;
    }

    @Override
    public Uni<AccessProto.CheckAccessResponse> checkAccess(AccessProto.CheckAccessRequest request) {
        return service.check(new AccessCheckRequest(Protos.optional(request.getAction()), Protos.optional(request.getApplication()),
                Protos.optional(request.getEnvironment()), Protos.optional(request.getSubject()))).map(result -> {
                    AccessProto.CheckAccessResponse.Builder response = AccessProto.CheckAccessResponse.newBuilder()
                            .setAllowed(result.allowed())
                            .setSubject(result.subject())
                            .setAction(result.action())
                            .setReason(result.reason());
                    if (result.grantedBy() != null) {
                        AccessProto.Grant.Builder grant = AccessProto.Grant.newBuilder().setRole(result.grantedBy().role()).setSource(result.grantedBy().source());
                        if (result.grantedBy().binding() != null) {
                            grant.setRoleBindingId(result.grantedBy().binding().id().toString())
                                    .setRoleBindingScope(result.grantedBy().binding().scope());
                        }
                        response.setGrantedBy(grant);
                    }
                    return response.build();
                });
    }
}
