package dev.slipway.cluster.driver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Namespace objects a driver has applied, per cluster. A rendered Namespace is the same for
 * every deployment of an environment, and applying it again changes nothing but still costs a
 * request per deployment: once applied unchanged, it is skipped. Should the namespace be deleted
 * behind Slipway's back, the next object's apply fails with 404; the driver then forgets it and
 * applies again.
 */
final class AppliedNamespaces {
    private final Map<String, HasMetadata> applied = new ConcurrentHashMap<>();

    /** Whether {@code object} is a Namespace applied to that cluster exactly as it is now. */
    boolean isApplied(KubernetesClient client, HasMetadata object) {
        return object instanceof Namespace && object.equals(applied.get(key(client, object.getMetadata().getName())));
    }

    void applied(KubernetesClient client, HasMetadata object) {
        if (object instanceof Namespace) {
            applied.put(key(client, object.getMetadata().getName()), object);
        }
    }

    /** Whether some Namespace of that name was applied to that cluster (so it exists, unless deleted behind Slipway's back). */
    boolean contains(KubernetesClient client, String namespace) {
        return applied.containsKey(key(client, namespace));
    }

    /** Forgets the namespace; true when it was remembered (so its apply may have been skipped). */
    boolean forget(KubernetesClient client, String namespace) {
        return applied.remove(key(client, namespace)) != null;
    }

    private static String key(KubernetesClient client, String namespace) {
        return client.getMasterUrl() + " " + namespace;
    }
}
