package dev.slipway.access;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.CheckAccessRequest;
import dev.slipway.grpc.v1.CheckAccessResponse;
import dev.slipway.grpc.v1.Grant;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for the access check: translates messages to {@link AccessService} calls and back. */
@GrpcService
@Authenticated
public class AccessGrpcService implements dev.slipway.grpc.v1.AccessService {
    private final AccessService service;

    public AccessGrpcService(AccessService service) {
        this.service = service;
    }

    @Override
    public Uni<CheckAccessResponse> checkAccess(CheckAccessRequest request) {
        return service.check(new AccessCheckRequest(Protos.optional(request.getAction()), Protos.optional(request.getApplication()),
                Protos.optional(request.getEnvironment()), Protos.optional(request.getSubject()))).map(result -> {
                    CheckAccessResponse.Builder response = CheckAccessResponse.newBuilder()
                            .setAllowed(result.allowed())
                            .setSubject(result.subject())
                            .setAction(result.action())
                            .setReason(result.reason());
                    if (result.grantedBy() != null) {
                        Grant.Builder grant = Grant.newBuilder().setRole(result.grantedBy().role()).setSource(result.grantedBy().source());
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
