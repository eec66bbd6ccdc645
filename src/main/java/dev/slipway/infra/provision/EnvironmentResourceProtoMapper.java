package dev.slipway.infra.provision;

import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.Structs;
import dev.slipway.grpc.v1.EnvironmentResourceProto;

/** The one place an environment's resources meet their gRPC messages. */
final class EnvironmentResourceProtoMapper {
    private static final String STATUS_PREFIX = "ENVIRONMENT_RESOURCE_STATUS_";

    private EnvironmentResourceProtoMapper() {
    }

    static EnvironmentResourceProto.EnvironmentResource toProto(ResourceInstanceView view) {
        var builder = EnvironmentResourceProto.EnvironmentResource.newBuilder()
                .setName(view.name())
                .setType(view.type())
                .setClass_(Protos.text(view.resourceClass()))
                .setParams(Structs.toStruct(view.params()))
                .setDefinition(Protos.text(view.definition()))
                .setDriver(Protos.text(view.driver()))
                .setStatus(EnvironmentResourceProto.EnvironmentResourceStatus.valueOf(STATUS_PREFIX + view.status().name()))
                .setStatusReason(Protos.text(view.statusReason()))
                .setStatusMessage(Protos.text(view.statusMessage()))
                .setDeploymentId(view.deploymentId() == null ? "" : view.deploymentId().toString())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()));
        if (view.definitionVersion() != null) {
            builder.setDefinitionVersion(view.definitionVersion());
        }
        if (view.outputs() != null) {
            builder.putAllOutputs(view.outputs());
        }
        if (view.secretOutputs() != null) {
            builder.addAllSecretOutputs(view.secretOutputs());
        }
        return builder.build();
    }
}
