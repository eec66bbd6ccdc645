package dev.slipway.operation;

import java.time.Instant;

import dev.slipway.api.SlipwayException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Day-2 changes to a running Deployment, made as kubectl makes them: a merge patch of one field
 * under a field manager of their own, never server-side apply as {@code slipway}. Slipway's apply
 * owns the rendered spec; a patch by another manager leaves that ownership alone, and the next
 * deployment's apply (forcing conflicts) takes the field back with the value the formation keeps.
 * Blocking: call on a worker thread.
 */
@ApplicationScoped
class WorkloadPatches {
    /** Shown in the objects' managedFields, so a reader of the cluster sees who scaled or restarted. */
    static final String FIELD_MANAGER = "slipway-operate";
    /** The annotation kubectl rollout restart sets; any change of the pod template rolls the pods. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    /** Sets the Deployment's replicas; the number it asked for before. */
    Integer scale(KubernetesClient client, String namespace, String name, int replicas) {
        Deployment before = require(client, namespace, name);
        patch(client, namespace, name, "{\"spec\":{\"replicas\":" + replicas + "}}");
        return before.getSpec().getReplicas();
    }

    /** Rolls the Deployment's pods by stamping its pod template with the time. */
    void restart(KubernetesClient client, String namespace, String name, Instant at) {
        require(client, namespace, name);
        patch(client, namespace, name,
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"" + RESTARTED_AT + "\":\"" + at + "\"}}}}}");
    }

    private static Deployment require(KubernetesClient client, String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (deployment == null) {
            throw new SlipwayException.Conflict("Deployment " + name + " is missing from namespace " + namespace
                    + " (deleted outside Slipway?); deploy again to restore it");
        }
        return deployment;
    }

    private static void patch(KubernetesClient client, String namespace, String name, String mergePatch) {
        client.apps().deployments().inNamespace(namespace).withName(name)
                .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(FIELD_MANAGER).build(), mergePatch);
    }
}
