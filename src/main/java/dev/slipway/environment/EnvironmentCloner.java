package dev.slipway.environment;

import dev.slipway.access.Caller;
import dev.slipway.application.Application;
import io.smallrye.mutiny.Uni;

/**
 * What cloning an environment means beyond the environment itself: its configuration overrides
 * and its current deployment. Those belong to features above this one (configuration,
 * deployments), which environments may not depend on, so the create use case asks this interface
 * and the deployment feature implements it ({@code deployment.EnvironmentClones}), the same
 * inversion as {@code DeletionGuard}. One endpoint and one use case create every environment, and
 * the clone commits or fails with the create, in its transaction.
 */
public interface EnvironmentCloner {
    /**
     * Copies what the source has into the new environment, in the create's transaction (the new
     * environment is flushed). The caller may create the clone and deploy to the source.
     */
    Uni<Void> cloneInto(Caller caller, Application app, Environment source, Environment clone);

    /** After the create committed: lets the deployment started by the clone be picked up at once. */
    void committed();
}
