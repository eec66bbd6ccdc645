package dev.slipway.operation;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.Caller;
import dev.slipway.access.Permission;
import dev.slipway.api.SlipwayException;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterRepository;
import dev.slipway.deployment.lifecycle.Deployment;
import dev.slipway.deployment.lifecycle.DeploymentStore;
import dev.slipway.environment.Environment;
import dev.slipway.environment.EnvironmentStatus;
import dev.slipway.environment.Environments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the environment an operation is about, checks the caller's permission on it (404 for an
 * application the caller may not see, before anything else is looked up) and loads its current
 * deployment and cluster. Runs in the caller's Hibernate Reactive session or transaction.
 */
@ApplicationScoped
class OperatedEnvironments {
    private final Applications applications;
    private final Environments environments;
    private final AccessGuard access;
    private final DeploymentStore deployments;
    private final ClusterRepository clusters;

    OperatedEnvironments(Applications applications, Environments environments, AccessGuard access, DeploymentStore deployments,
            ClusterRepository clusters) {
        this.applications = applications;
        this.environments = environments;
        this.access = access;
        this.deployments = deployments;
        this.clusters = clusters;
    }

    /**
     * @param detail what the caller does, for the audit record of a write (e.g. "scale web to 3"); null for reads
     */
    Uni<OperatedEnvironment> require(Caller caller, String application, String environment, Permission permission, String detail) {
        return applications.requireVisible(caller, application)
                .flatMap(app -> environments.require(app, environment).flatMap(env -> authorize(caller, app, env, permission, detail)
                        .flatMap(ignored -> load(app, env))));
    }

    /** The current deployment, or 409: scaling or restarting needs something running. */
    static Deployment requireCurrent(OperatedEnvironment target) {
        if (target.current() == null) {
            throw new SlipwayException.Conflict("environment " + target.application() + "/" + target.environment()
                    + " has no current deployment: nothing runs there yet (deploy first)");
        }
        return target.current();
    }

    private Uni<Void> authorize(Caller caller, Application app, Environment env, Permission permission, String detail) {
        if (permission == Permission.APPLICATION_READ) {
            return Uni.createFrom().voidItem(); // visibility, checked above, is the whole of reading
        }
        return environments.targetOf(app, env).flatMap(target -> detail == null
                ? access.require(caller, permission, target)
                : access.require(caller, permission, target, detail))
                .invoke(ignored -> {
                    if (permission.isWrite() && env.status == EnvironmentStatus.DELETING) {
                        throw new SlipwayException.Conflict("environment " + app.name + "/" + env.name + " is being deleted");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<OperatedEnvironment> load(Application app, Environment env) {
        Uni<Deployment> current = env.currentDeploymentId == null
                ? Uni.createFrom().nullItem()
                : deployments.findInEnvironment(env.id, env.currentDeploymentId);
        return current.flatMap(deployment -> clusters.findByName(env.cluster).map(cluster -> {
            if (cluster == null) {
                throw new SlipwayException.Unavailable("cluster '" + env.cluster + "' of environment " + app.name + "/" + env.name
                        + " is no longer registered");
            }
            return new OperatedEnvironment(app.name, app.id, env.name, env.id, env.namespace, ClusterAddress.of(cluster), deployment);
        }));
    }
}
