package dev.slipway.deployment;

import dev.slipway.access.Caller;
import dev.slipway.application.Application;
import dev.slipway.config.Configurations;
import dev.slipway.environment.Environment;
import dev.slipway.environment.EnvironmentCloner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cloning an environment: its configuration overrides copied, then its current spec deployed into
 * the clone. It lives here because it needs configuration and deployments, and only this feature
 * may depend on both and on environments (see ArchitectureTest). The environment feature asks for
 * it through {@link EnvironmentCloner}, so a clone is created by the one create use case (REST and
 * gRPC alike), and the environment, its configuration and its deployment commit together.
 */
@ApplicationScoped
public class EnvironmentClones implements EnvironmentCloner {
    private final Configurations config;
    private final Deployments deployments;

    public EnvironmentClones(Configurations config, Deployments deployments) {
        this.config = config;
        this.deployments = deployments;
    }

    /** Configuration first: the deployment pins the clone's current revision, which the copy just made. */
    @Override
    public Uni<Void> cloneInto(Caller caller, Application app, Environment source, Environment clone) {
        return config.copyOverrides(caller, app, source, clone)
                .flatMap(ignored -> deployments.deployClone(caller, app, source, clone))
                .replaceWithVoid();
    }

    @Override
    public void committed() {
        deployments.announce();
    }
}
