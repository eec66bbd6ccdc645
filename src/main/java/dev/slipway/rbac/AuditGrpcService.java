package dev.slipway.rbac;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.AuditProto;
import dev.slipway.grpc.v1.AuditService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for the audit log: translates messages to {@link AuditTrail} calls and back, through {@link AuditProtoMapper}. */
@GrpcService
@Authenticated
public class AuditGrpcService implements AuditService {
    private final AuditTrail service;

    public AuditGrpcService(AuditTrail service) {
        this.service = service;
    }

    @Override
    public Uni<AuditProto.ListAuditEventsResponse> listAuditEvents(AuditProto.ListAuditEventsRequest request) {
        return service.list(AuditProtoMapper.toQuery(request))
                .map(page -> AuditProto.ListAuditEventsResponse.newBuilder()
                        .addAllAuditEvents(page.items().stream().map(AuditProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }
}
