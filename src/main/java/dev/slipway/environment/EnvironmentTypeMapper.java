package dev.slipway.environment;

import dev.slipway.api.ETags;

/** The one place an environment type entity becomes its API models. */
final class EnvironmentTypeMapper {
    private EnvironmentTypeMapper() {
    }

    static EnvironmentTypeView toView(EnvironmentType type) {
        return new EnvironmentTypeView(type.id, type.name, type.description, type.isProtected, type.promotionOrder, type.defaultCluster,
                type.requiredApprovals,
                type.createdAt, type.createdBy, type.updatedAt, ETags.of(type.version));
    }

    static EnvironmentTypeSpec toSpec(EnvironmentType type) {
        return new EnvironmentTypeSpec(type.name, type.description, type.isProtected, type.promotionOrder, type.defaultCluster,
                type.requiredApprovals);
    }
}
