package dev.slipway.deployment.lifecycle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.slipway.deployment.lifecycle.DeploymentStatus.APPLYING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.AWAITING_APPROVAL;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.CANCELLED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.FAILED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PENDING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PROGRESSING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.PROVISIONING;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.SUCCEEDED;
import static dev.slipway.deployment.lifecycle.DeploymentStatus.SUPERSEDED;

/**
 * The deployment lifecycle as data: every status change the platform may make. The store checks
 * each write against this table before it issues any SQL, so a move that is not listed here is
 * a bug that fails loudly instead of a row in an impossible state. A new phase is a status, its
 * rows here, and the step that makes them (see docs/ARCHITECTURE.md, "How a deployment flows").
 *
 * <p>A job reclaimed after its worker died keeps its status (APPLYING or PROGRESSING): the new
 * worker applies again from there, which is not a change of status.
 */
public final class DeploymentTransitions {
    private static final Map<DeploymentStatus, Set<DeploymentStatus>> ALLOWED = new EnumMap<>(DeploymentStatus.class);

    static {
        for (DeploymentStatus status : DeploymentStatus.values()) {
            ALLOWED.put(status, EnumSet.noneOf(DeploymentStatus.class));
        }
        allow(AWAITING_APPROVAL, PENDING); // API: the last approval needed is in; the job becomes claimable
        // API: rejected (ApprovalRejected) or cancelled; expiry sweep (ApprovalExpired); tear-down (EnvironmentDeleted).
        allow(AWAITING_APPROVAL, CANCELLED);
        allow(AWAITING_APPROVAL, SUPERSEDED); // API: a newer deployment of the same environment was accepted
        allow(PENDING, PROVISIONING); // runner: a worker starts with the resources the deployment asks for
        allow(PENDING, APPLYING); // runner: a worker starts applying the manifests (nothing to provision)
        allow(PROVISIONING, APPLYING); // runner: every resource is ready, its outputs known
        allow(PROVISIONING, FAILED); // runner: a resource could not be provisioned (ResourceProvisioningFailed)
        allow(PENDING, SUPERSEDED); // queue: claiming a newer deployment of the same environment
        allow(PENDING, CANCELLED); // API: cancel before any worker started; runner or tear-down: the environment is being deleted
        // Runner or tear-down: the environment is being deleted while a dead worker's job waits to be reclaimed.
        allow(PROVISIONING, CANCELLED);
        allow(APPLYING, CANCELLED);
        allow(PROGRESSING, CANCELLED);
        allow(APPLYING, PROGRESSING); // runner: applied, the rollout is under way
        allow(APPLYING, FAILED); // runner: configuration undeliverable, cluster rejected or unreachable
        allow(PROGRESSING, SUCCEEDED); // runner, with the rollout tracker's outcome
        allow(PROGRESSING, FAILED); // runner: the rollout failed or timed out, or a reclaimed job's apply failed
        ALLOWED.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    }

    private DeploymentTransitions() {
    }

    private static void allow(DeploymentStatus from, DeploymentStatus to) {
        ALLOWED.get(from).add(to);
    }

    /** The statuses a deployment may move to from {@code from}; empty for a terminal status. */
    public static Set<DeploymentStatus> from(DeploymentStatus from) {
        return ALLOWED.get(from);
    }

    /** Refuses a move the lifecycle does not have. */
    public static void require(DeploymentStatus from, DeploymentStatus to) {
        if (from == null || to == null || !ALLOWED.get(from).contains(to)) {
            throw new IllegalStateException("a deployment cannot move from " + from + " to " + to
                    + "; allowed from " + from + ": " + (from == null ? Set.of() : ALLOWED.get(from)));
        }
    }
}
