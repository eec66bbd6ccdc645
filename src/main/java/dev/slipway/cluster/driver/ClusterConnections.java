package dev.slipway.cluster.driver;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterKind;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A Kubernetes client per registered cluster: the in-process sandbox (only where it is enabled,
 * see {@link SandboxConnector}), the cluster Slipway runs in (IN_CLUSTER, through the client
 * Quarkus configures from the service account or kubeconfig), or an external API server with
 * credentials that the cluster's credentialsRef points to.
 */
@ApplicationScoped
public class ClusterConnections {
    private final Instance<SandboxConnector> sandbox;
    private final Instance<KubernetesClient> ownCluster;
    private final Map<String, KubernetesClient> external = new ConcurrentHashMap<>();

    private final int requestTimeoutMillis;

    public ClusterConnections(Instance<SandboxConnector> sandbox, Instance<KubernetesClient> ownCluster,
            @ConfigProperty(name = "slipway.clusters.request-timeout", defaultValue = "10s") Duration requestTimeout) {
        this.sandbox = sandbox;
        this.ownCluster = ownCluster;
        this.requestTimeoutMillis = (int) requestTimeout.toMillis();
    }

    /** Where to reach a cluster; the cache key includes everything that changes the connection. */
    public record ClusterAddress(String name, ClusterKind kind, String apiUrl, String credentialsRef) {
    }

    public KubernetesClient client(ClusterAddress cluster) {
        return switch (cluster.kind()) {
            case SANDBOX -> sandbox(cluster);
            case IN_CLUSTER -> ownCluster.get();
            case EXTERNAL -> external.computeIfAbsent(cluster.name() + "|" + cluster.apiUrl() + "|" + cluster.credentialsRef(),
                    ignored -> new KubernetesClientBuilder().withConfig(externalConfig(cluster)).build());
        };
    }

    /**
     * Fails like an unreachable cluster where the sandbox is off (production, unless enabled for a
     * demo): the deployment fails with ClusterUnavailable, drift answers 503.
     */
    private KubernetesClient sandbox(ClusterAddress cluster) {
        if (!sandbox.isResolvable()) {
            throw new SlipwayException.Unavailable("cluster '" + cluster.name() + "' is the simulated in-process sandbox, "
                    + "which is not enabled on this Slipway (slipway.sandbox.enabled=true enables it for demos and tests)");
        }
        return sandbox.get().client();
    }

    private Config externalConfig(ClusterAddress cluster) {
        String ref = cluster.credentialsRef();
        if (ref == null) {
            return new ConfigBuilder().withMasterUrl(cluster.apiUrl()).withAutoConfigure(false)
                    .withRequestTimeout(requestTimeoutMillis).withConnectionTimeout(requestTimeoutMillis)
                    // Retries are the reconciler's (bounded, with backoff and Retry-After), not the client's.
                    .withRequestRetryBackoffLimit(0).build();
        }
        if (ref.startsWith("kubeconfig-context:")) {
            Config config = Config.autoConfigure(ref.substring("kubeconfig-context:".length()));
            config.setMasterUrl(cluster.apiUrl());
            config.setRequestTimeout(requestTimeoutMillis);
            config.setRequestRetryBackoffLimit(0);
            return config;
        }
        // secret:<namespace>/<name>[#key]: a bearer token in a Secret of the cluster Slipway runs in.
        String[] secretAndKey = ref.substring("secret:".length()).split("#", 2);
        String[] namespaceAndName = secretAndKey[0].split("/", 2);
        String key = secretAndKey.length > 1 ? secretAndKey[1] : "token";
        Secret secret = ownCluster.get().secrets().inNamespace(namespaceAndName[0]).withName(namespaceAndName[1]).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
            throw new SlipwayException.Unavailable("credentials " + ref + " of cluster '" + cluster.name() + "' are missing");
        }
        String token = new String(Base64.getDecoder().decode(secret.getData().get(key)));
        return new ConfigBuilder().withMasterUrl(cluster.apiUrl()).withAutoConfigure(false).withOauthToken(token)
                .withRequestTimeout(requestTimeoutMillis).withConnectionTimeout(requestTimeoutMillis)
                // Retries are the reconciler's (bounded, with backoff and Retry-After), not the client's.
                .withRequestRetryBackoffLimit(0).build();
    }

    void close(@Observes ShutdownEvent shutdown) {
        external.values().forEach(KubernetesClient::close);
    }
}
