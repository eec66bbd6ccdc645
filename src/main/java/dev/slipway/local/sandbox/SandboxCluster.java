package dev.slipway.local.sandbox;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The sandbox cluster as the application sees it: an in-process Kubernetes API server plus the
 * simulated controller, started on first use and stopped at shutdown. It is what the cluster
 * driver talks to when no real cluster is configured; the Quarkus-managed KubernetesClient stays
 * for real clusters. Objects live in memory only and are gone after a restart (or a dev-mode reload).
 */
@ApplicationScoped
public class SandboxCluster {

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
    public synchronized KubernetesClient client() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("The sandbox cluster is blocking; use it from a worker thread");
        }
        if (!config.enabled()) {
            throw new IllegalStateException("The sandbox cluster is disabled (slipway.sandbox.enabled=false)");
        }
        if (client == null) {
            start();
        }
        return client;
    }

    /**
     * Starts the sandbox with the application (when enabled), so the log says from the first
     * line which cluster deployments go to; the start takes about half a second.
     */
    void startWithApplication(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent startup) {
        if (config.enabled()) {
            client();
        }
    }

    /** The sandbox API server's URL (for kubectl: {@code --server=URL}), once started. */
    public synchronized Optional<String> url() {
        return Optional.ofNullable(server).map(SandboxApiServer::url);
    }

    private void start() {
        SandboxApiServer started = SandboxApiServer.start();
        KubernetesClient newClient = null;
        try {
            newClient = started.newClient();
            controller = SimulatedController.start(newClient, config.rolloutDelay(), config.failingImagePattern());
        } catch (RuntimeException e) {
            if (newClient != null) {
                newClient.close();
            }
            started.close();
            throw e;
        }
        server = started;
        client = newClient;
        LOG.infof("Sandbox cluster: in-process Kubernetes API at %s (no real workloads run)", server.url());
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
