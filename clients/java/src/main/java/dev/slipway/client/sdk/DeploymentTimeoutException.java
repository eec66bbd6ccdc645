package dev.slipway.client.sdk;

import dev.slipway.client.model.Deployment;

/** A deployment did not end within the time a caller was willing to wait; it may still end later. */
public class DeploymentTimeoutException extends RuntimeException {
    private final transient Deployment lastSeen;

    public DeploymentTimeoutException(String message, Deployment lastSeen) {
        super(message);
        this.lastSeen = lastSeen;
    }

    /** The deployment as last read, or null. */
    public Deployment lastSeen() {
        return lastSeen;
    }
}
