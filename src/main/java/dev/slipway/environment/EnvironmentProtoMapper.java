package dev.slipway.environment;

import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.grpc.v1.EnvironmentProto;

/** The one place environment messages meet the service layer's records, update mask included. */
final class EnvironmentProtoMapper {
    /** Fields UpdateEnvironment may name in its mask, with their names in the merge patch. */
    static final UpdateMask<EnvironmentProto.Environment, EnvironmentView> UPDATE_MASK = UpdateMask
            .builder(EnvironmentProto.Environment.class, EnvironmentView.class)
            .text("type", "type", EnvironmentProto.Environment::getType)
            .map("labels", "labels", EnvironmentProto.Environment::getLabelsMap, EnvironmentView::labels)
            .bool("auto_rollback", "autoRollback", EnvironmentProto.Environment::getAutoRollback)
            .build();

    private EnvironmentProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    /** false and "no labels" travel as absent, as a REST body that leaves them out would. */
    static CreateEnvironmentRequest toCreate(EnvironmentProto.CreateEnvironmentRequest request) {
        EnvironmentProto.Environment environment = request.getEnvironment();
        return new CreateEnvironmentRequest(Protos.optional(environment.getName()),
                Protos.optional(environment.getType()), Protos.optional(environment.getCluster()),
                Protos.optional(environment.getNamespace()),
                environment.getLabelsMap().isEmpty() ? null : environment.getLabelsMap(),
                environment.getAutoRollback() ? Boolean.TRUE : null, Protos.optional(request.getTtl()),
                environment.hasExpireTime() ? Protos.instant(environment.getExpireTime()) : null, Protos.optional(request.getCloneFrom()));
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static EnvironmentProto.Environment toProto(EnvironmentView view) {
        EnvironmentProto.Environment.Builder environment = EnvironmentProto.Environment.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setApplication(Protos.text(view.application()))
                .setType(Protos.text(view.type()))
                .setCluster(Protos.text(view.cluster()))
                .setNamespace(Protos.text(view.namespace()))
                .putAllLabels(view.labels())
                .setStatus(toProto(view.status()))
                .setAutoRollback(view.autoRollback())
                .setCurrentDeploymentId(view.currentDeploymentId() == null ? "" : view.currentDeploymentId().toString())
                .setClonedFrom(Protos.text(view.clonedFrom()))
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag());
        view.routes().forEach(route -> environment.addRoutes(EnvironmentProto.EnvironmentRoute.newBuilder().setUrl(route.url())
                .setHost(route.host()).setPath(route.path()).setWorkload(route.workload()).setPort(route.port())));
        if (view.expiresAt() != null) {
            environment.setExpireTime(Protos.timestamp(view.expiresAt())); // unset, not the epoch, for "never"
        }
        return environment.build();
    }

    private static EnvironmentProto.EnvironmentStatus toProto(EnvironmentStatus status) {
        if (status == null) {
            return EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_UNSPECIFIED;
        }
        return switch (status) {
            case ACTIVE -> EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_ACTIVE;
            case DELETING -> EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_DELETING;
        };
    }
}
