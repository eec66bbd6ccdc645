package dev.slipway.infra.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.infra.driver.AppliedObject;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The template driver's reads and writes of objects of any kind, built-in or custom: server-side
 * apply with field manager {@value #FIELD_MANAGER} (the namespace first, as the cluster driver
 * does, since nothing can be created in a namespace that does not exist), reads as JSON, deletes.
 * Custom kinds are found through API discovery; a kind the cluster does not list (its
 * CustomResourceDefinition is not installed) is addressed by its conventional plural, so the
 * cluster's own 404 says it is not served.
 */
final class ClusterObjects {
    static final String FIELD_MANAGER = "slipway";

    /** Discovered kinds by API server, apiVersion and kind; only hits are kept, so a CRD installed later is found. */
    private final Map<String, ResourceDefinitionContext> discovered = new ConcurrentHashMap<>();

    /**
     * The field manager of the namespace applied here: not the cluster driver's, which also owns the
     * namespace's Pod Security Admission labels (from the environment type, unknown here), since an
     * apply under its name without them would remove them. Both set managed-by alike, so they share it.
     */
    static final String NAMESPACE_FIELD_MANAGER = "slipway-resources";

    /** Applies the environment's namespace, labelled managed-by as the cluster driver labels it, so both converge on one object. */
    void applyNamespace(KubernetesClient client, String namespace) {
        Namespace object = new NamespaceBuilder().withApiVersion("v1").withKind("Namespace").withNewMetadata().withName(namespace)
                .withLabels(new java.util.TreeMap<>(Map.of(ManifestRenderer.MANAGED_BY_LABEL, ManifestRenderer.MANAGED_BY)))
                .endMetadata().build();
        client.resource(object).fieldManager(NAMESPACE_FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    void apply(KubernetesClient client, HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (object instanceof GenericKubernetesResource generic) {
            client.genericKubernetesResources(context(client, generic.getApiVersion(), generic.getKind())).inNamespace(namespace)
                    .resource(generic).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } else {
            client.resource(object).inNamespace(namespace).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
    }

    /** The object as JSON, or empty when it does not exist. */
    Optional<JsonNode> get(KubernetesClient client, AppliedObject object) {
        GenericKubernetesResource found = resource(client, object).get();
        return Optional.ofNullable(found).map(resource -> client.getKubernetesSerialization().convertValue(resource, JsonNode.class));
    }

    /** Deletes the object; one that is gone already is no error. */
    void delete(KubernetesClient client, AppliedObject object) {
        try {
            resource(client, object).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** Pods of the namespace with all of {@code labels}. */
    List<io.fabric8.kubernetes.api.model.Pod> pods(KubernetesClient client, String namespace, Map<String, String> labels) {
        return client.pods().inNamespace(namespace).withLabels(labels).list().getItems();
    }

    private Resource<GenericKubernetesResource> resource(KubernetesClient client, AppliedObject object) {
        return client.genericKubernetesResources(context(client, object.apiVersion(), object.kind())).inNamespace(object.namespace())
                .withName(object.name());
    }

    private ResourceDefinitionContext context(KubernetesClient client, String apiVersion, String kind) {
        String key = client.getMasterUrl() + " " + apiVersion + " " + kind;
        ResourceDefinitionContext known = discovered.get(key);
        if (known != null) {
            return known;
        }
        ResourceDefinitionContext found = discover(client, apiVersion, kind);
        if (found != null) {
            discovered.put(key, found);
            return found;
        }
        return definition(apiVersion, kind, Pluralize.toPlural(kind.toLowerCase(java.util.Locale.ROOT)), true);
    }

    private static ResourceDefinitionContext discover(KubernetesClient client, String apiVersion, String kind) {
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
        if (resources == null || resources.getResources() == null) {
            return null;
        }
        for (APIResource resource : resources.getResources()) {
            if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
                return definition(apiVersion, kind, resource.getName(), !Boolean.FALSE.equals(resource.getNamespaced()));
            }
        }
        return null;
    }

    private static ResourceDefinitionContext definition(String apiVersion, String kind, String plural, boolean namespaced) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }
}
