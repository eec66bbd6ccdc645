package dev.slipway.rbac;

import java.time.Instant;

import com.google.protobuf.Timestamp;

import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.AuditProto;

/** gRPC adapter for the audit log: translates messages to {@link AuditTrail} calls and back. */
@GrpcService
@Authenticated
public class AuditGrpcService implements dev.slipway.grpc.v1.AuditService {
    private final AuditTrail service;

    public AuditGrpcService(AuditTrail service) {
        this.service = service;
    }

    @Override
    public Uni<AuditProto.ListAuditEventsResponse> listAuditEvents(AuditProto.ListAuditEventsRequest request) {
        return service.list(new AuditQuery(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                        Protos.optional(request.getApplication()), Protos.optional(request.getActor()),
                        Protos.optional(request.getAction()), Protos.optional(request.getResource()),
                        Protos.optional(request.getOutcome()),
                        request.hasSince() ? instant(request.getSince()) : null,
                        request.hasUntil() ? instant(request.getUntil()) : null))
                .map(page -> AuditProto.ListAuditEventsResponse.newBuilder()
                        .addAllAuditEvents(page.items().stream().map(AuditGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    private static String instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }

    static AuditProto.AuditEvent toProto(AuditEventView view) {
        return AuditProto.AuditEvent.newBuilder()
                .setId(view.id())
                .setTime(Protos.timestamp(view.time()))
                .setActor(view.actor())
                .setSubjectType(view.subjectType())
                .setAction(view.action())
                .setResourceKind(Protos.text(view.resourceKind()))
                .setResource(Protos.text(view.resource()))
                .setApplication(Protos.text(view.application()))
                .setOutcome(view.outcome())
                .setReason(view.reason())
                .setRequestId(Protos.text(view.requestId()))
                .setSourceAddress(Protos.text(view.sourceAddress()))
                .build();
    }
}
