package dev.slipway.deployment.lifecycle;

import java.util.Map;

import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.render.WorkloadSecrets;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.config.ConfigDelivery;
import dev.slipway.deployment.score.ScoreConverter;
import dev.slipway.infra.placeholder.Placeholders;
import dev.slipway.infra.placeholder.WorkloadPlaceholders;
import dev.slipway.infra.provision.ResourceProvisioning;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Everything between claiming a deployment and rendering it: the resources it asks for
 * (provisioned, or found unchanged), the configuration revision it pins, and every placeholder
 * resolved, so that what the renderer gets is plain: secret outputs only in Secrets. Blocking: runs
 * on the reconciler's threads. Fails with the reason the deployment fails with.
 */
@ApplicationScoped
class WorkloadPreparation {
    private static final Logger LOG = Logger.getLogger(WorkloadPreparation.class);
    private static final java.time.Duration QUERY_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final ResourceProvisioning provisioning;
    private final ConfigDelivery delivery;

    private final Formations formations;
    private final PreparedRoutes routes;

    WorkloadPreparation(ResourceProvisioning provisioning, ConfigDelivery delivery, Formations formations, PreparedRoutes routes) {
        this.provisioning = provisioning;
        this.delivery = delivery;
        this.formations = formations;
        this.routes = routes;
    }

    /**
     * The formation a deployment leaves: the replicas of every long-running workload not under an
     * autoscaler, as rendered (the spec's, else the formation's, else 1).
     */
    static Map<String, Integer> formation(RenderTarget target, WorkloadSpec spec) {
        Map<String, Integer> formation = new java.util.TreeMap<>();
        for (WorkloadSpec.Named named : spec.workloadsOf(target.application())) {
            if (named.workload().isLongRunning() && named.workload().autoscaling() == null) {
                formation.put(named.name(), named.workload().replicas() != null
                        ? named.workload().replicas()
                        : target.formation().getOrDefault(named.name(), 1));
            }
        }
        return formation;
    }

    /** Why a deployment cannot be rendered: the reason and message it fails with. */
    static final class Unprepared extends Exception {
        final String reason;

        Unprepared(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /** A deployment ready to render: where to, and the spec with its placeholders resolved. */
    record Prepared(RenderTarget target, WorkloadSpec spec) {
    }

    static Map<String, ResourceRequest> requests(RunnableDeployment deployment) {
        return WorkloadPlaceholders.requests(deployment.spec());
    }

    /** The resources the deployment asks for; the environment's others are left for {@link #removeUnused}. */
    ResourceProvisioning.Ready provision(RunnableDeployment deployment, KubernetesClient client) throws Unprepared {
        if (requests(deployment).isEmpty()) {
            return new ResourceProvisioning.Ready(Map.of(), "");
        }
        ResourceProvisioning.Outcome outcome = provisioning.provision(resourceTarget(deployment, client), requests(deployment));
        if (outcome instanceof ResourceProvisioning.Failed failed) {
            throw new Unprepared(failed.reason(), failed.message());
        }
        return (ResourceProvisioning.Ready) outcome;
    }

    /** The configuration the deployment pins and every placeholder resolved against it and the resources' outputs. */
    Prepared render(RunnableDeployment deployment, ResourceProvisioning.Ready resources) throws Unprepared {
        ConfigDelivery.DeliveredConfig delivered;
        try {
            delivered = delivery.load(deployment.applicationId(), deployment.environmentId(), deployment.configRevision());
        } catch (ConfigDelivery.Undeliverable failure) {
            LOG.warnf("deployment %s cannot deliver configuration revision %s: %s", deployment.id(), deployment.configRevision(),
                    failure.getMessage());
            throw new Unprepared("ConfigUnavailable", "configuration revision " + deployment.configRevision() + " cannot be delivered: "
                    + failure.getMessage());
        }
        WorkloadPlaceholders.Resolved resolved;
        try {
            resolved = WorkloadPlaceholders.resolve(deployment.spec(), delivered.variables(), new WorkloadPlaceholders.Context(
                    metadataName(deployment), deployment.application(), deployment.environment(), deployment.namespace(),
                    resources.outputs()));
        } catch (Placeholders.Malformed | IllegalStateException e) {
            // Accepted before placeholders were checked, or a resource changed since: say so rather than render a literal ${...}.
            throw new Unprepared("InvalidPlaceholder", e.getMessage());
        }
        WorkloadSecrets secrets = delivered.secrets().plus(resolved.configSecrets(), resolved.containerSecrets(), resources.version());
        Map<String, Integer> formation = formations.load(deployment.environmentId()).await().atMost(QUERY_TIMEOUT);
        RenderTarget target = new RenderTarget(deployment.application(), deployment.environment(), deployment.namespace(),
                deployment.id().toString(), resolved.configVariables(), secrets, formation, deployment.routing(),
                deployment.workloadDefaults());
        routes.claim(deployment, target, resolved.spec());
        return new Prepared(target, resolved.spec());
    }

    /** After a success: the environment's resources this deployment no longer asks for are removed (or retained). */
    void removeUnused(RunnableDeployment deployment, KubernetesClient client) {
        try {
            provisioning.removeUnused(resourceTarget(deployment, client), requests(deployment).keySet());
        } catch (RuntimeException e) {
            LOG.warnf(e, "removing the resources deployment %s no longer asks for failed; the next deployment tries again",
                    deployment.id());
        }
    }

    private static ResourceProvisioning.Target resourceTarget(RunnableDeployment deployment, KubernetesClient client) {
        return new ResourceProvisioning.Target(deployment.applicationId(), deployment.application(), deployment.environmentId(),
                deployment.environment(), deployment.environmentType(), deployment.namespace(), deployment.id(), client);
    }

    /** ${metadata.name}: the Score workload's name when the deployment came from one, else the application's. */
    private static String metadataName(RunnableDeployment deployment) {
        if (deployment.scoreDocument() == null) {
            return deployment.application();
        }
        try {
            return ScoreConverter.convert(deployment.scoreDocument()).name();
        } catch (RuntimeException e) {
            return deployment.application();
        }
    }
}
