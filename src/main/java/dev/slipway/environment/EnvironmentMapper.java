package dev.slipway.environment;

import java.util.List;
import java.util.TreeMap;

import dev.slipway.api.ETags;

/** The one place an environment entity becomes its API models. */
final class EnvironmentMapper {
    private EnvironmentMapper() {
    }

    static EnvironmentView toView(Environment environment, String application) {
        return new EnvironmentView(environment.id, environment.name, application, environment.type, environment.cluster,
                environment.namespace, new TreeMap<>(environment.labels), environment.status, environment.autoRollback,
                environment.currentDeploymentId, environment.expiresAt, environment.clonedFrom,
                environment.routes == null ? List.of() : environment.routes.items(), environment.createdAt,
                environment.createdBy, environment.updatedAt, ETags.of(environment.version));
    }

    static EnvironmentChanges toChanges(Environment environment) {
        return new EnvironmentChanges(environment.name, environment.type, environment.cluster, environment.namespace, environment.labels,
                environment.autoRollback);
    }
}
