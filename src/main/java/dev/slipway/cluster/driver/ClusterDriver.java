package dev.slipway.cluster.driver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drives one environment's workload onto a cluster: server-side apply of the rendered objects
 * (field manager {@value #FIELD_MANAGER}) and pruning what an earlier render had and this one has
 * not; {@link RolloutTracker} then watches the rollout, judged by {@link #evaluate}. Blocking:
 * callers run it on worker threads.
 */
@ApplicationScoped
public class ClusterDriver {
    public static final String FIELD_MANAGER = "slipway";
    private static final Logger LOG = Logger.getLogger(ClusterDriver.class);

    private final AppliedNamespaces namespaces = new AppliedNamespaces();

    /**
     * Applies the rendered workload and prunes leftovers; returns what was applied.
     *
     * @param lastApplied the {@link #names} of what the instance's last recorded apply rendered, when
     *                    nothing else has been applied to it since; null when that is not known. A
     *                    render of exactly those objects leaves nothing to prune, so the lists
     *                    (one request per kind) are skipped.
     */
    public List<HasMetadata> apply(KubernetesClient client, RenderTarget target, WorkloadSpec spec, Set<String> lastApplied) {
        List<HasMetadata> objects = ManifestRenderer.render(target, spec);
        try {
            serverSideApply(client, objects);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 || !namespaces.forget(client, target.namespace())) {
                throw e;
            }
            serverSideApply(client, objects); // the namespace was deleted since we applied it: again, namespace first
        }
        if (lastApplied == null || !lastApplied.equals(names(objects))) {
            prune(client, target, objects);
        }
        return objects;
    }

    private void serverSideApply(KubernetesClient client, List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            if (!namespaces.isApplied(client, object)) {
                client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                namespaces.applied(client, object);
            }
        }
    }

    /** Each object as kind/name: what identifies it for pruning. */
    public static Set<String> names(List<HasMetadata> objects) {
        Set<String> names = new java.util.HashSet<>();
        objects.forEach(object -> names.add(object.getKind() + "/" + object.getMetadata().getName()));
        return names;
    }

    /**
     * The rollout's state from a Deployment and its pods: an outcome, or null while in progress.
     * Only pods of this deployment (by the deployment-id annotation the pod template carries)
     * count: pods of the release being replaced may be failing, which is often why it is replaced.
     */
    public static RolloutOutcome evaluate(Deployment deployment, List<Pod> pods, String deploymentId) {
        if (deployment == null) {
            return RolloutOutcome.failure("NotFound", "the Deployment disappeared from the cluster", 0);
        }
        var status = deployment.getStatus();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int ready = status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        for (Pod pod : pods) {
            var annotations = pod.getMetadata().getAnnotations();
            if (annotations == null || !deploymentId.equals(annotations.get(ManifestRenderer.DEPLOYMENT_ID_ANNOTATION))) {
                continue;
            }
            var failure = PodFailures.of(pod);
            if (failure.isPresent()) {
                return RolloutOutcome.failure(failure.get().reason(), failure.get().message(), ready);
            }
        }
        if (status == null) {
            return null;
        }
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        if (observed < generation) {
            return null;
        }
        DeploymentCondition progressing = condition(deployment, "Progressing");
        if (progressing != null && "False".equals(progressing.getStatus())) {
            return RolloutOutcome.failure(progressing.getReason() == null ? "ProgressDeadlineExceeded" : progressing.getReason(),
                    progressing.getMessage() == null ? "the rollout made no progress" : progressing.getMessage(), ready);
        }
        int updated = status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
        int available = status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
        int total = status.getReplicas() == null ? 0 : status.getReplicas();
        if (updated >= desired && available >= desired && total == desired) {
            return RolloutOutcome.success(available);
        }
        return null;
    }

    private static DeploymentCondition condition(Deployment deployment, String type) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return null;
        }
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** Whether the namespace exists (known from an earlier apply, or asked). */
    public boolean namespaceExists(KubernetesClient client, String namespace) {
        return namespaces.contains(client, namespace) || client.namespaces().withName(namespace).get() != null;
    }

    /**
     * Creates the namespace before anything is put into it (resources are provisioned before the
     * workload's own objects, Namespace first, are applied). True when this call created it, so
     * that Slipway knows it may delete it on tear-down; false when someone else created it meanwhile.
     */
    public boolean createNamespace(KubernetesClient client, String namespace) {
        try {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels(ManifestRenderer.MANAGED_BY_LABEL, ManifestRenderer.MANAGED_BY).endMetadata().build()).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false; // not ours to delete
            }
            throw e;
        }
    }

    /** Tear-down: deletes every object of the environment's workload Slipway applied (the namespace stays). */
    public void removeWorkload(KubernetesClient client, String application, String environment, String namespace) {
        deleteManaged(client, application, environment, namespace, Set.of());
    }

    /** Tear-down: deletes a namespace Slipway created, with whatever is left in it. */
    public void deleteNamespace(KubernetesClient client, String namespace) {
        namespaces.forget(client, namespace);
        client.namespaces().withName(namespace).delete();
    }

    /** Deletes objects of this instance, managed by Slipway, that the current render no longer contains. */
    private static void prune(KubernetesClient client, RenderTarget target, List<HasMetadata> rendered) {
        deleteManaged(client, target.application(), target.environment(), target.namespace(), names(rendered));
    }

    /** Deletes the instance's objects managed by Slipway whose kind/name {@code keep} does not hold. */
    private static void deleteManaged(KubernetesClient client, String application, String environment, String namespace,
            Set<String> keep) {
        Map<String, String> selector = new HashMap<>(ManifestRenderer.selectorLabels(application, environment));
        selector.put(ManifestRenderer.MANAGED_BY_LABEL, ManifestRenderer.MANAGED_BY);
        List<HasMetadata> existing = new java.util.ArrayList<>();
        existing.addAll(client.apps().deployments().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.addAll(client.services().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.addAll(client.configMaps().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.addAll(client.secrets().inNamespace(namespace).withLabels(selector).list().getItems());
        for (HasMetadata object : existing) {
            String kind = object instanceof Deployment
                    ? "Deployment"
                    : object instanceof Service
                            ? "Service"
                            : object instanceof ConfigMap ? "ConfigMap" : object instanceof Secret ? "Secret" : object.getKind();
            if (!keep.contains(kind + "/" + object.getMetadata().getName())) {
                LOG.infof("removing %s %s/%s (no longer rendered)", kind, namespace, object.getMetadata().getName());
                client.resource(object).inNamespace(namespace).delete();
            }
        }
    }
}
