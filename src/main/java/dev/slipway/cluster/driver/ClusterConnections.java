package dev.slipway.cluster.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterCredentialStore;
import dev.slipway.cluster.ClusterCredentials;
import dev.slipway.cluster.ClusterHealth;
import dev.slipway.cluster.ClusterProbe;
import dev.slipway.cluster.ClustersConfig;
import dev.slipway.runtime.Threads;
import dev.slipway.store.crypto.SecretUnreadableException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * One Kubernetes client per registered cluster: the in-process sandbox (only where it is enabled,
 * see {@link SandboxConnector}), the cluster Slipway runs in (IN_CLUSTER, through the client
 * Quarkus configures from the service account or kubeconfig), or an external API server with its
 * credentials ({@link ClientConfigs}). A cluster whose address changes (URL, reference, or a new
 * version of its sealed credentials) gets a new client; the old one is closed after a grace period,
 * since rollouts may still be watched through it. Also answers health checks, and refuses work for
 * a cluster {@link ClusterAvailability} has marked down. Every client handed out carries the
 * {@link ClusterClientInterceptor}s (metrics, traces) for its cluster: the sandbox's and the
 * in-cluster client are built elsewhere, so each cluster gets a client derived from them with its
 * interceptors installed.
 */
@ApplicationScoped
public class ClusterConnections implements ClusterProbe {
    private static final Logger LOG = Logger.getLogger(ClusterConnections.class);

    private final Instance<SandboxConnector> sandbox;
    private final Instance<KubernetesClient> ownCluster;
    private final Instance<ClusterCredentialStore> credentials;
    private final Instance<ClusterClientInterceptor> interceptors;
    private final ClusterAvailability availability;
    private final Event<RetiredClient> retired;
    private final ClustersConfig config;
    private final Map<String, Connection> external = new ConcurrentHashMap<>();
    /** Per cluster name: the interceptors' client derived from the shared sandbox or in-cluster client. */
    private final Map<String, Derived> derived = new ConcurrentHashMap<>();
    private final Map<String, Object> building = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(
            Threads.named("slipway-client-retirement"));
    /** Health checks wait here for an answer, so the caller's wait is bounded by the health timeout. */
    private final ExecutorService probes = Executors.newCachedThreadPool(Threads.named("slipway-cluster-probe"));

    /** Sent just before a replaced client is closed, so whoever watches through it can let go. */
    public record RetiredClient(KubernetesClient client) {
    }

    /** An external cluster's client and the address it was built for. */
    private record Connection(String key, KubernetesClient client) {
    }

    /** A client with the interceptors installed and the shared client it was derived from. */
    private record Derived(KubernetesClient base, KubernetesClient client) {
    }

    public ClusterConnections(Instance<SandboxConnector> sandbox, Instance<KubernetesClient> ownCluster,
            Instance<ClusterCredentialStore> credentials, Instance<ClusterClientInterceptor> interceptors, ClusterAvailability availability,
            Event<RetiredClient> retired, ClustersConfig config) {
        this.sandbox = sandbox;
        this.ownCluster = ownCluster;
        this.credentials = credentials;
        this.interceptors = interceptors;
        this.availability = availability;
        this.retired = retired;
        this.config = config;
    }

    /**
     * The cluster's client. Blocking the first time (and after a change of address).
     *
     * @throws SlipwayException.Unavailable while the cluster is marked down, where the sandbox is
     *                                      off, or when its credentials cannot be opened
     */
    public KubernetesClient client(ClusterAddress cluster) {
        availability.requireUp(cluster);
        return connect(cluster);
    }

    private KubernetesClient connect(ClusterAddress cluster) {
        return switch (cluster.kind()) {
            case SANDBOX -> intercepted(cluster, sandbox(cluster));
            case IN_CLUSTER -> intercepted(cluster, ownCluster.get());
            case EXTERNAL -> external(cluster);
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

    private KubernetesClient external(ClusterAddress cluster) {
        Connection current = external.get(cluster.name());
        if (current != null && current.key().equals(cluster.connectionKey())) {
            return current.client();
        }
        // One build per cluster at a time; other clusters are not held up by a slow one.
        synchronized (building.computeIfAbsent(cluster.name(), name -> new Object())) {
            current = external.get(cluster.name());
            if (current != null && current.key().equals(cluster.connectionKey())) {
                return current.client();
            }
            KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(ClientConfigs.external(cluster, sealedCredentials(cluster), ownClusterOrNull(cluster), config))
                    .withHttpClientBuilderConsumer(builder -> intercept(builder, cluster)).build();
            Connection previous = external.put(cluster.name(), new Connection(cluster.connectionKey(), client));
            if (previous != null) {
                LOG.infof("cluster %s changed its address or credentials; its new client replaces the old one", cluster.name());
                retire(previous.client());
            }
            return client;
        }
    }

    /**
     * A client like the shared {@code base} with this cluster's interceptors installed, built once per
     * cluster (and again when the shared client is replaced); {@code base} itself when none exist.
     */
    private KubernetesClient intercepted(ClusterAddress cluster, KubernetesClient base) {
        if (interceptors.isUnsatisfied()) {
            return base;
        }
        Derived current = derived.get(cluster.name());
        if (current != null && current.base() == base) {
            return current.client();
        }
        synchronized (building.computeIfAbsent(cluster.name(), name -> new Object())) {
            current = derived.get(cluster.name());
            if (current != null && current.base() == base) {
                return current.client();
            }
            KubernetesClient client = new KubernetesClientBuilder().withConfig(base.getConfiguration())
                    .withHttpClientBuilderConsumer(builder -> intercept(builder, cluster)).build();
            Derived previous = derived.put(cluster.name(), new Derived(base, client));
            if (previous != null) {
                retire(previous.client());
            }
            return client;
        }
    }

    private void intercept(HttpClient.Builder builder, ClusterAddress cluster) {
        for (ClusterClientInterceptor interceptor : interceptors) {
            builder.addOrReplaceInterceptor(interceptor.name(), interceptor.forCluster(cluster));
        }
    }

    private ClusterCredentials sealedCredentials(ClusterAddress cluster) {
        if (cluster.credentialsVersion() == 0 || !credentials.isResolvable()) {
            return null;
        }
        try {
            return credentials.get().open(cluster.id());
        } catch (SecretUnreadableException e) {
            LOG.warnf("credentials of cluster %s cannot be opened: %s", cluster.name(), e.getMessage());
            throw new SlipwayException.Unavailable("the credentials of cluster '" + cluster.name()
                    + "' cannot be decrypted with the configured secret keys");
        }
    }

    private KubernetesClient ownClusterOrNull(ClusterAddress cluster) {
        boolean secretRef = cluster.credentialsRef() != null && cluster.credentialsRef().startsWith(ClientConfigs.SECRET_PREFIX);
        return secretRef ? ownCluster.get() : null;
    }

    /** Closes a replaced client once rollouts that may still be watched through it have had time to finish. */
    private void retire(KubernetesClient client) {
        retirements.schedule(() -> {
            retired.fire(new RetiredClient(client));
            client.close();
        }, config.retiredClientGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the cluster for its version within the health timeout; an answer a few seconds old is
     * reused. The outcome marks the cluster down (no answer) or up (any answer) for the deployments.
     */
    @Override
    public ClusterHealth check(ClusterAddress cluster) {
        ClusterHealth recent = availability.recentHealth(cluster, config.healthCacheTtl());
        if (recent != null) {
            return recent;
        }
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        ClusterHealth health;
        boolean unreachable = false;
        try {
            // Building the client is inside the bound too: it may read a Secret or open stored credentials.
            VersionInfo version = CompletableFuture.supplyAsync(() -> connect(cluster).getKubernetesVersion(), probes)
                    .get(config.healthTimeout().toMillis(), TimeUnit.MILLISECONDS);
            health = new ClusterHealth(cluster.name(), true, versionText(version), null, null, millisSince(started), checkedAt);
        } catch (TimeoutException e) {
            unreachable = true;
            health = failed(cluster, null, "the cluster gave no answer within " + config.healthTimeout().toMillis() + " ms", started,
                    checkedAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException.Unavailable("the health check of cluster '" + cluster.name() + "' was interrupted");
        } catch (ExecutionException | RuntimeException e) {
            Throwable failure = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.infof("health check of cluster %s failed: %s", cluster.name(), ClusterErrors.detail(failure));
            unreachable = ClusterErrors.isUnreachable(failure);
            health = failed(cluster, ClusterErrors.statusCode(failure), ClusterErrors.describe(failure), started, checkedAt);
        }
        availability.recordHealth(cluster, health, unreachable);
        return health;
    }

    private static ClusterHealth failed(ClusterAddress cluster, Integer statusCode, String problem, long started, Instant checkedAt) {
        return new ClusterHealth(cluster.name(), false, null, statusCode, problem, millisSince(started), checkedAt);
    }

    private static String versionText(VersionInfo version) {
        if (version == null) {
            return null;
        }
        return version.getGitVersion() != null ? version.getGitVersion() : "v" + version.getMajor() + "." + version.getMinor();
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    void close(@Observes ShutdownEvent shutdown) {
        Threads.stop(retirements, Duration.ofSeconds(1));
        Threads.stop(probes, Duration.ofSeconds(1));
        external.values().forEach(connection -> connection.client().close());
        derived.values().forEach(client -> client.client().close());
    }
}
