package dev.slipway.cluster.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
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
     * Applies the rendered workload and prunes leftovers; returns what was applied. For a spec
     * without a release job: with one, apply {@link #applyShared} and, once the job completed,
     * {@link #applyWorkloads}.
     *
     * @param lastApplied the {@link #names} of what the instance's last recorded apply rendered, when
     *                    nothing else has been applied to it since; null when that is not known. A
     *                    render of exactly those objects leaves nothing to prune, so the lists
     *                    (one request per kind) are skipped.
     */
    public List<HasMetadata> apply(KubernetesClient client, RenderTarget target, WorkloadSpec spec, Set<String> lastApplied) {
        ManifestRenderer.Rendered rendered = ManifestRenderer.renderParts(target, spec);
        applyShared(client, target, rendered);
        return applyWorkloads(client, target, rendered, lastApplied);
    }

    /** The first part of an apply: Namespace, configuration, Secrets and the release Job (whose completion the rest waits for). */
    public void applyShared(KubernetesClient client, RenderTarget target, ManifestRenderer.Rendered rendered) {
        List<HasMetadata> objects = new ArrayList<>(rendered.shared());
        if (rendered.release() != null) {
            objects.add(rendered.release());
        }
        applyAll(client, target, objects);
    }

    /** The second part: the workloads, their Services, autoscalers and routes; then what no longer belongs is pruned. */
    public List<HasMetadata> applyWorkloads(KubernetesClient client, RenderTarget target, ManifestRenderer.Rendered rendered,
            Set<String> lastApplied) {
        applyAll(client, target, rendered.workloads());
        List<HasMetadata> objects = rendered.all();
        if (lastApplied == null || !lastApplied.equals(names(objects))) {
            prune(client, target, objects);
        }
        return objects;
    }

    private void applyAll(KubernetesClient client, RenderTarget target, List<HasMetadata> objects) {
        try {
            serverSideApply(client, objects);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 || !namespaces.forget(client, target.namespace())) {
                throw e;
            }
            // The namespace was deleted since we applied it: again, namespace first.
            List<HasMetadata> again = new ArrayList<>(objects);
            if (again.stream().noneMatch(object -> object instanceof Namespace)) {
                again.add(0, ManifestRenderer.namespace(target));
            }
            serverSideApply(client, again);
        }
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

    /**
     * Deletes the application's objects managed by Slipway in the namespace whose kind/name
     * {@code keep} does not hold. Selected by the application's name label, which every workload
     * and the release job carry (their instance labels differ); an environment has its namespace to
     * itself, and resources' objects carry other labels.
     */
    private static void deleteManaged(KubernetesClient client, String application, String environment, String namespace,
            Set<String> keep) {
        Map<String, String> selector = Map.of(ManifestRenderer.NAME_LABEL, application, ManifestRenderer.MANAGED_BY_LABEL,
                ManifestRenderer.MANAGED_BY);
        Map<String, List<? extends HasMetadata>> existing = new java.util.LinkedHashMap<>();
        existing.put("Deployment", client.apps().deployments().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("CronJob", client.batch().v1().cronjobs().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("Job", client.batch().v1().jobs().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("HorizontalPodAutoscaler",
                client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("Service", client.services().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("Ingress", client.network().v1().ingresses().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("HTTPRoute", httpRoutes(client, namespace, selector, keep));
        existing.put("ConfigMap", client.configMaps().inNamespace(namespace).withLabels(selector).list().getItems());
        existing.put("Secret", renderedSecrets(client, application, namespace, selector));
        existing.forEach((kind, objects) -> {
            for (HasMetadata object : objects) {
                if (!keep.contains(kind + "/" + object.getMetadata().getName())) {
                    LOG.infof("removing %s %s/%s (no longer rendered)", kind, namespace, object.getMetadata().getName());
                    // Background: a Job's pods (and a Deployment's ReplicaSets) go with it, as kubectl delete does.
                    client.resource(object).inNamespace(namespace).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                }
            }
        });
    }

    /**
     * The Secrets a render can leave, read by their names rather than listed: the renderer writes at
     * most two, named after the application, so Slipway needs no right to list (and thereby read)
     * every Secret in the namespaces it deploys to. Only those that carry the application's labels
     * as managed by Slipway are returned, as the listing would have.
     */
    private static List<Secret> renderedSecrets(KubernetesClient client, String application, String namespace,
            Map<String, String> selector) {
        return java.util.stream.Stream.of(ManifestRenderer.secretName(application), ManifestRenderer.containerSecretName(application))
                .map(name -> client.secrets().inNamespace(namespace).withName(name).get())
                .filter(secret -> secret != null && secret.getMetadata().getLabels() != null
                        && secret.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /**
     * HTTPRoutes exist only where the Gateway API is installed: listed only when this render has
     * some, or when the cluster knows the kind (a cluster without it answers 404).
     */
    private static List<? extends HasMetadata> httpRoutes(KubernetesClient client, String namespace, Map<String, String> selector,
            Set<String> keep) {
        try {
            return client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute").inNamespace(namespace)
                    .withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }
}
