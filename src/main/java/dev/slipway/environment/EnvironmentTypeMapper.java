package dev.slipway.environment;

import java.time.Duration;

import dev.slipway.api.ETags;
import dev.slipway.api.GoDuration;

/** The one place an environment type entity becomes its API models. */
final class EnvironmentTypeMapper {
    private EnvironmentTypeMapper() {
    }

    static EnvironmentTypeView toView(EnvironmentType type) {
        return new EnvironmentTypeView(type.id, type.name, type.description, type.isProtected, type.promotionOrder, type.defaultCluster,
                ttl(type.defaultTtlSeconds), ttl(type.maxTtlSeconds), type.requiredApprovals, type.routing, type.workloadDefaults,
                type.createdAt, type.createdBy,
                type.updatedAt, ETags.of(type.version));
    }

    static EnvironmentTypeSpec toSpec(EnvironmentType type) {
        return new EnvironmentTypeSpec(type.name, type.description, type.isProtected, type.promotionOrder, type.defaultCluster,
                ttl(type.defaultTtlSeconds), ttl(type.maxTtlSeconds), type.requiredApprovals, type.routing,
                type.workloadDefaults);
    }

    private static String ttl(Long seconds) {
        return seconds == null ? null : GoDuration.format(Duration.ofSeconds(seconds));
    }
}
