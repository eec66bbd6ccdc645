package dev.slipway.deployment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.Caller;
import dev.slipway.access.Permission;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.config.Configurations;
import dev.slipway.deployment.score.ScoreConverter;
import dev.slipway.environment.Environment;
import dev.slipway.environment.EnvironmentTypes;
import dev.slipway.environment.Environments;
import dev.slipway.environment.freeze.ActiveFreeze;
import dev.slipway.environment.freeze.Freezes;
import dev.slipway.infra.definition.ResourceTypes;
import dev.slipway.infra.placeholder.WorkloadPlaceholders;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a deployment must pass before it is accepted, beyond the shape of its request: the freezes
 * in force, the environment types' promotion order, and placeholders that name something that will
 * exist. Part of the {@link Deployments} use case, in the caller's session.
 */
@ApplicationScoped
class DeploymentGuards {
    private final Environments environments;
    private final EnvironmentTypes types;
    private final AccessGuard access;
    private final Freezes freezes;
    private final ResourceTypes resourceTypes;
    private final Configurations config;

    DeploymentGuards(Environments environments, EnvironmentTypes types, AccessGuard access, Freezes freezes, ResourceTypes resourceTypes,
            Configurations config) {
        this.environments = environments;
        this.types = types;
        this.access = access;
        this.freezes = freezes;
        this.resourceTypes = resourceTypes;
        this.config = config;
    }

    /**
     * Promotion follows the environment types' order (development before staging before
     * production): promoting from a type that is not earlier than the target's is a 409, unless
     * a platform admin forces it (audited as deployment.force-promotion).
     */
    Uni<Void> checkPromotionOrder(Caller caller, Application app, Environment target, Environment source, boolean force) {
        return types.require(source.type).flatMap(from -> types.require(target.type).flatMap(to -> {
            if (from.promotionOrder < to.promotionOrder) {
                return Uni.createFrom().voidItem();
            }
            if (!force) {
                return Uni.createFrom().failure(new SlipwayException.Conflict("promotion follows the environment types' order: "
                        + source.name + " is of type " + from.name + " (order " + from.promotionOrder + "), which is not earlier than "
                        + target.name + "'s type " + to.name + " (order " + to.promotionOrder
                        + "); a platform admin may force it with promoteFrom.force: true"));
            }
            return environments.targetOf(app, target)
                    .flatMap(accessTarget -> access.require(caller, Permission.DEPLOYMENT_FORCE_PROMOTION, accessTarget))
                    .replaceWithVoid();
        }));
    }

    /**
     * The freezes in force on the target, which the deployment breaks: none, or (with break-glass
     * by an owner of the application or an admin, audited with its reason) the ones in force.
     * Without break-glass a freeze in force refuses the deployment (409) naming each freeze and
     * when it ends. Checked on every way in a caller has: a spec, Score, promotion, configOnly and
     * rollback; the platform's own automatic rollback after a failure is not held up.
     */
    Uni<List<ActiveFreeze>> checkFreezes(Application app, Environment environment, Caller caller, BreakGlass breakGlass) {
        return freezes.inForce(app, environment).flatMap(active -> {
            if (active.isEmpty()) {
                return Uni.createFrom().item(active);
            }
            String where = app.name + "/" + environment.name;
            if (breakGlass == null) {
                throw new SlipwayException.Conflict("environment " + where + " is frozen: " + describe(active)
                        + "; an owner of the application or an admin may deploy anyway with breakGlass and a reason");
            }
            return environments.targetOf(app, environment)
                    .flatMap(environmentTarget -> access.require(caller, Permission.DEPLOYMENT_BREAK_GLASS, environmentTarget,
                            "break-glass through " + describe(active) + ": " + breakGlass.reason()))
                    .replaceWith(active);
        });
    }

    static String describe(List<ActiveFreeze> freezes) {
        return String.join("; ", freezes.stream().map(ActiveFreeze::describe).toList());
    }

    /**
     * Every placeholder of the spec and of the configuration it will deliver must name something
     * that will exist: a declared resource of a registered type, one of that type's outputs.
     * Checked on every way in (a spec, Score, promotion, rollback, configOnly), since each pairs a
     * spec with a configuration revision that may not have been checked together before.
     */
    Uni<Void> checkPlaceholders(Application app, Environment environment, WorkloadSpec spec, String scoreDocument, Long configRevision) {
        Set<String> types = new TreeSet<>();
        WorkloadPlaceholders.requests(spec).values().forEach(request -> types.add(request.type()));
        return resourceTypes.outputsOf(types).flatMap(outputs -> config.variablesAt(app, environment, configRevision)
                .map(variables -> {
                    Violations violations = new Violations();
                    WorkloadPlaceholders.check(spec, variables, outputs::get, violations);
                    try {
                        violations.throwIfAny();
                    } catch (SlipwayException.Invalid invalid) {
                        if (scoreDocument == null) {
                            throw invalid;
                        }
                        // A Score author knows the document, not the spec it became.
                        Violations inDocument = new Violations();
                        ScoreConverter.inDocument(scoreDocument, invalid.fieldErrors())
                                .forEach(error -> inDocument.add(error.field(), error.message()));
                        inDocument.throwIfAny();
                    }
                    return null;
                }));
    }

}
