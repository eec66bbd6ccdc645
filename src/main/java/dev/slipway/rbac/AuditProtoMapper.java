package dev.slipway.rbac;

import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.AuditProto;

/** The one place audit log messages meet the service layer's records. */
final class AuditProtoMapper {
    private AuditProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static AuditQuery toQuery(AuditProto.ListAuditEventsRequest request) {
        return new AuditQuery(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                Protos.optional(request.getApplication()), Protos.optional(request.getActor()),
                Protos.optional(request.getAction()), Protos.optional(request.getResource()),
                Protos.optional(request.getOutcome()),
                request.hasSince() ? instant(request.getSince()) : null,
                request.hasUntil() ? instant(request.getUntil()) : null);
    }

    /** The query takes REST's ISO-8601 text, so both APIs filter by the same parsed value. */
    private static String instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }

    // --- Results: records -> proto ----------------------------------------------------------------

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
