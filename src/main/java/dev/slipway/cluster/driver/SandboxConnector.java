package dev.slipway.cluster.driver;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Reaches the in-process sandbox, the simulated cluster behind clusters of kind SANDBOX. The
 * product owns this interface and the dev-only tree (the sandbox package under local) implements
 * it, so no product package depends on the simulation. An implementation is only found when the
 * sandbox is enabled ({@code slipway.sandbox.enabled=true}); otherwise a SANDBOX cluster is an
 * unavailable cluster.
 */
public interface SandboxConnector {

    /**
     * A fabric8 client for the sandbox, shared (callers must not close it). Blocks while the
     * sandbox starts, so it must not be called on an event loop thread.
     */
    KubernetesClient client();
}
