package dev.slipway.rbac;

import dev.slipway.grpc.v1.AccessProto;
import dev.slipway.grpc.v1.AccessService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for the access check: translates messages to {@link AccessChecks} calls and back, through {@link AccessProtoMapper}. */
@GrpcService
@Authenticated
public class AccessGrpcService implements AccessService {
    private final AccessChecks service;

    public AccessGrpcService(AccessChecks service) {
        this.service = service;
    }

    @Override
    public Uni<AccessProto.CheckAccessResponse> checkAccess(AccessProto.CheckAccessRequest request) {
        return service.check(AccessProtoMapper.toCheck(request)).map(AccessProtoMapper::toProto);
    }
}
