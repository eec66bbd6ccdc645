package dev.slipway.local.sandbox;

import java.util.Optional;

import dev.slipway.cluster.driver.SandboxConnector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The sandbox cluster as the application sees it: an in-process Kubernetes API server plus the
 * simulated controller, started with the application ({@link SandboxRegistrar}) and stopped at
 * shutdown. The cluster driver reaches it through {@link SandboxConnector}, which finds this bean
 * only when {@code slipway.sandbox.enabled=true} (dev mode and tests by default, demos on request).
 * Objects live in memory only and are gone after a restart (or a dev-mode reload).
 */
@ApplicationScoped
@LookupIfProperty(name = SandboxConfig.ENABLED, stringValue = "true")
public class SandboxCluster implements SandboxConnector {

    private static final Logger LOG = Logger.getLogger(SandboxCluster.class);

    private final SandboxConfig config;
    private SandboxApiServer server;
    private KubernetesClient client;
    private SimulatedController controller;

    SandboxCluster(SandboxConfig config) {
        this.config = config;
    }

    /**
     * A fabric8 client for the sandbox (default namespace {@code default}), starting the sandbox on
     * the first call (~0.5 s). Shared: callers must not close it. Like every fabric8 call, this
     * blocks, so it refuses to run on a Vert.x event loop thread.
     *
     * @throws IllegalStateException when the sandbox is disabled or called on an event loop
     */
    @Override
    public synchronized KubernetesClient client() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("The sandbox cluster is blocking; use it from a worker thread");
        }
        if (!config.enabled()) {
            throw new IllegalStateException("The sandbox cluster is not enabled (" + SandboxConfig.ENABLED + "=true enables it)");
        }
        if (client == null) {
            start();
        }
        return client;
    }

    /** The sandbox API server's URL (for kubectl: {@code --server=URL}), once started. */
    public synchronized Optional<String> url() {
        return Optional.ofNullable(server).map(SandboxApiServer::url);
    }

    private void start() {
        SandboxApiServer started = SandboxApiServer.start(0, config.logInterval());
        KubernetesClient newClient = null;
        try {
            newClient = started.newClient();
            controller = SimulatedController.start(started, newClient, SimulatedController.Settings.of(config));
        } catch (RuntimeException e) {
            if (newClient != null) {
                newClient.close();
            }
            started.close();
            throw e;
        }
        server = started;
        client = newClient;
        // Loud on purpose: a process that should deploy to real clusters must not do this unnoticed.
        LOG.warnf("Sandbox enabled (%s=true): deployments to cluster '%s' go to a simulated in-process Kubernetes API at %s;"
                + " no real workloads run and its objects are lost at shutdown", SandboxConfig.ENABLED, SandboxRegistrar.CLUSTER_NAME,
                server.url());
    }

    /**
     * Holds every rollout in progress (Deployments keep their old status) until the returned
     * handle is closed; for tests of deployments caught waiting on a rollout.
     */
    public synchronized AutoCloseable holdRollouts() {
        client(); // started, so there is a controller to hold
        SimulatedController held = controller;
        held.hold(true);
        return () -> held.hold(false);
    }

    @PreDestroy
    synchronized void stop() {
        if (controller != null) {
            controller.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        controller = null;
        client = null;
        server = null;
    }
}
