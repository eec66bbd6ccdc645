package dev.slipway.environment.freeze;

import java.time.Instant;

import com.google.protobuf.Timestamp;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.FreezeProto;

/** The one place freeze messages become the service layer's records and back. */
final class FreezeProtoMapper {
    private FreezeProtoMapper() {
    }

    static FreezeSpec toSpec(FreezeProto.Freeze freeze) {
        FreezeScope scope = freeze.hasScope()
                ? new FreezeScope(toKind(freeze.getScope().getKind()), Protos.optional(freeze.getScope().getApplication()),
                        Protos.optional(freeze.getScope().getEnvironment()), Protos.optional(freeze.getScope().getEnvironmentType()))
                : null;
        RecurringWindow recurring = freeze.hasRecurring()
                ? new RecurringWindow(Protos.optional(freeze.getRecurring().getCron()),
                        Protos.optional(freeze.getRecurring().getDuration()),
                        Protos.optional(freeze.getRecurring().getTimeZone()))
                : null;
        return new FreezeSpec(Protos.optional(freeze.getName()), scope, Protos.optional(freeze.getReason()),
                freeze.hasStartTime() ? instant(freeze.getStartTime()) : null, freeze.hasEndTime() ? instant(freeze.getEndTime()) : null,
                recurring);
    }

    static FreezeProto.Freeze toProto(FreezeView view) {
        var builder = FreezeProto.Freeze.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setScope(FreezeProto.FreezeScope.newBuilder().setKind(toProto(view.scope().kind()))
                        .setApplication(Protos.text(view.scope().application()))
                        .setEnvironment(Protos.text(view.scope().environment()))
                        .setEnvironmentType(Protos.text(view.scope().environmentType())))
                .setReason(view.reason())
                .setActive(view.active())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setEtag(view.etag());
        if (view.start() != null) {
            builder.setStartTime(Protos.timestamp(view.start()));
        }
        if (view.end() != null) {
            builder.setEndTime(Protos.timestamp(view.end()));
        }
        if (view.activeUntil() != null) {
            builder.setActiveUntil(Protos.timestamp(view.activeUntil()));
        }
        if (view.recurring() != null) {
            builder.setRecurring(FreezeProto.RecurringWindow.newBuilder().setCron(view.recurring().cron())
                    .setDuration(view.recurring().duration()).setTimeZone(view.recurring().timeZone()));
        }
        return builder.build();
    }

    static FreezeProto.GetActiveFreezesResponse toProto(FreezeCheck check) {
        var builder = FreezeProto.GetActiveFreezesResponse.newBuilder().setApplication(check.application())
                .setEnvironment(check.environment()).setAt(Protos.timestamp(check.at())).setBlocked(check.blocked());
        for (ActiveFreeze freeze : check.freezes()) {
            var active = FreezeProto.ActiveFreeze.newBuilder().setId(freeze.id().toString()).setName(freeze.name())
                    .setScope(toProto(freeze.scope())).setReason(freeze.reason());
            if (freeze.endsAt() != null) {
                active.setEndTime(Protos.timestamp(freeze.endsAt()));
            }
            builder.addFreezes(active);
        }
        return builder.build();
    }

    private static FreezeProto.FreezeScopeKind toProto(FreezeScopeKind kind) {
        return switch (kind) {
            case ENVIRONMENT -> FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_ENVIRONMENT;
            case ENVIRONMENT_TYPE -> FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_ENVIRONMENT_TYPE;
            case PLATFORM -> FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_PLATFORM;
        };
    }

    /** Unspecified (or unknown) becomes absent, which validation names as scope.kind. */
    private static FreezeScopeKind toKind(FreezeProto.FreezeScopeKind kind) {
        return switch (kind) {
            case FREEZE_SCOPE_KIND_ENVIRONMENT -> FreezeScopeKind.ENVIRONMENT;
            case FREEZE_SCOPE_KIND_ENVIRONMENT_TYPE -> FreezeScopeKind.ENVIRONMENT_TYPE;
            case FREEZE_SCOPE_KIND_PLATFORM -> FreezeScopeKind.PLATFORM;
            default -> null;
        };
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
