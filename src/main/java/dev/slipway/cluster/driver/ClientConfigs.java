package dev.slipway.cluster.driver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterCredentialRules;
import dev.slipway.cluster.ClusterCredentials;
import dev.slipway.cluster.ClustersConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

/**
 * The fabric8 client configuration of an EXTERNAL cluster, from whichever credentials it has:
 * sealed ones (a kubeconfig, merged by the client's own loader; or a token and CA bundle), a token
 * in a Secret of Slipway's own cluster, a context of Slipway's own kubeconfig, or none. Always
 * against the cluster's apiUrl, with Slipway's timeouts, and without the client's own retries (the
 * reconciler's are bounded and honour Retry-After). Nothing from Slipway's environment (KUBERNETES_*
 * variables, ~/.kube/config) leaks into a client for a registered cluster, except where its
 * reference asks for a kubeconfig context.
 */
final class ClientConfigs {
    static final String SECRET_PREFIX = "secret:";
    static final String CONTEXT_PREFIX = "kubeconfig-context:";

    private ClientConfigs() {
    }

    /**
     * @param sealed the cluster's stored credentials in clear, or null
     * @param ownCluster the client of the cluster Slipway runs in, for secret references
     */
    static Config external(ClusterAddress cluster, ClusterCredentials sealed, KubernetesClient ownCluster, ClustersConfig timeouts) {
        Config config;
        if (sealed != null && sealed.kubeconfig() != null) {
            config = fromKubeconfig(cluster, sealed);
        } else if (sealed != null) {
            config = bare().withOauthToken(sealed.token()).withCaCertData(base64(sealed.caBundle())).build();
        } else if (cluster.credentialsRef() == null) {
            config = bare().build();
        } else if (cluster.credentialsRef().startsWith(CONTEXT_PREFIX)) {
            config = Config.autoConfigure(cluster.credentialsRef().substring(CONTEXT_PREFIX.length()));
        } else {
            config = fromSecret(cluster, ownCluster);
        }
        config.setMasterUrl(cluster.apiUrl());
        config.setRequestTimeout((int) timeouts.requestTimeout().toMillis());
        config.setConnectionTimeout((int) timeouts.connectTimeout().toMillis());
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /** A configuration with nothing in it (no auto-configuration from the environment). */
    private static ConfigBuilder bare() {
        return new ConfigBuilder(Config.empty());
    }

    /** Checked again before use: the loader would run an exec plugin or read a file the kubeconfig names. */
    private static Config fromKubeconfig(ClusterAddress cluster, ClusterCredentials sealed) {
        io.fabric8.kubernetes.api.model.Config kubeconfig;
        try {
            kubeconfig = ClusterCredentialRules.parse(sealed.kubeconfig(), sealed.context());
        } catch (IllegalArgumentException e) {
            throw new SlipwayException.Unavailable("the stored kubeconfig of cluster '" + cluster.name() + "' " + e.getMessage());
        }
        Config config = Config.empty();
        KubeConfigUtils.merge(config, ClusterCredentialRules.chosenContext(kubeconfig, sealed.context()), kubeconfig);
        return config;
    }

    /** secret:<namespace>/<name>[#key]: a bearer token in a Secret of the cluster Slipway runs in, with its ca.crt when present. */
    private static Config fromSecret(ClusterAddress cluster, KubernetesClient ownCluster) {
        String ref = cluster.credentialsRef();
        String[] secretAndKey = ref.substring(SECRET_PREFIX.length()).split("#", 2);
        String[] namespaceAndName = secretAndKey[0].split("/", 2);
        String key = secretAndKey.length > 1 ? secretAndKey[1] : "token";
        Secret secret = ownCluster.secrets().inNamespace(namespaceAndName[0]).withName(namespaceAndName[1]).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
            throw new SlipwayException.Unavailable("credentials " + ref + " of cluster '" + cluster.name() + "' are missing");
        }
        String token = new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        return bare().withOauthToken(token).withCaCertData(secret.getData().get("ca.crt")).build();
    }

    private static String base64(String text) {
        return text == null ? null : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
