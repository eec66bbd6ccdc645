package dev.slipway.environment;

import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.cluster.RoutingProtos;
import dev.slipway.grpc.v1.EnvironmentTypeProto;

/** The one place environment type messages meet the service layer's records, update mask included. */
final class EnvironmentTypeProtoMapper {
    /** Fields UpdateEnvironmentType may name in its mask, with their names in the merge patch. */
    static final UpdateMask<EnvironmentTypeProto.EnvironmentType, EnvironmentTypeView> UPDATE_MASK = UpdateMask
            .builder(EnvironmentTypeProto.EnvironmentType.class, EnvironmentTypeView.class)
            .text("description", "description", EnvironmentTypeProto.EnvironmentType::getDescription)
            .bool("protected", "protected", EnvironmentTypeProto.EnvironmentType::getProtected)
            .number("order", "order", EnvironmentTypeProto.EnvironmentType::getOrder)
            .text("default_cluster", "defaultCluster", EnvironmentTypeProto.EnvironmentType::getDefaultCluster)
            .text("default_ttl", "defaultTtl", EnvironmentTypeProto.EnvironmentType::getDefaultTtl)
            .text("max_ttl", "maxTtl", EnvironmentTypeProto.EnvironmentType::getMaxTtl)
            .number("required_approvals", "requiredApprovals", EnvironmentTypeProto.EnvironmentType::getRequiredApprovals)
            .object("routing", "routing", type -> RoutingProtos.patch(type.hasRouting(), type.getRouting()))
            .object("workload_defaults", "workloadDefaults",
                    type -> WorkloadDefaultsProtos.patch(type.hasWorkloadDefaults(), type.getWorkloadDefaults()))
            .build();

    private EnvironmentTypeProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static EnvironmentTypeSpec toSpec(EnvironmentTypeProto.CreateEnvironmentTypeRequest request) {
        EnvironmentTypeProto.EnvironmentType type = request.getEnvironmentType();
        return new EnvironmentTypeSpec(Protos.optional(type.getName()), Protos.optional(type.getDescription()), type.getProtected(),
                type.getOrder(), Protos.optional(type.getDefaultCluster()), Protos.optional(type.getDefaultTtl()),
                Protos.optional(type.getMaxTtl()), type.getRequiredApprovals(), RoutingProtos.toSpec(type.hasRouting(), type.getRouting()),
                WorkloadDefaultsProtos.toSpec(type.hasWorkloadDefaults(), type.getWorkloadDefaults()));
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static EnvironmentTypeProto.EnvironmentType toProto(EnvironmentTypeView view) {
        EnvironmentTypeProto.EnvironmentType.Builder type = EnvironmentTypeProto.EnvironmentType.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setDescription(Protos.text(view.description()))
                .setProtected(view.isProtected())
                .setOrder(view.order())
                .setDefaultCluster(Protos.text(view.defaultCluster()))
                .setDefaultTtl(Protos.text(view.defaultTtl()))
                .setMaxTtl(Protos.text(view.maxTtl()))
                .setRequiredApprovals(view.requiredApprovals())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag());
        if (view.routing() != null) {
            type.setRouting(RoutingProtos.toProto(view.routing()));
        }
        if (view.workloadDefaults() != null) {
            type.setWorkloadDefaults(WorkloadDefaultsProtos.toProto(view.workloadDefaults()));
        }
        return type.build();
    }
}
