package dev.slipway.deployment;

import java.util.List;
import java.util.UUID;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.deployment.lifecycle.Approval;
import dev.slipway.deployment.lifecycle.ApprovalStore;
import dev.slipway.deployment.lifecycle.Deployment;
import dev.slipway.deployment.lifecycle.DeploymentEventHub;
import dev.slipway.deployment.lifecycle.DeploymentStatus;
import dev.slipway.deployment.lifecycle.DeploymentStore;
import dev.slipway.deployment.lifecycle.StatusChange;
import dev.slipway.environment.Environments;
import dev.slipway.store.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Four eyes: people other than the requester, with the deployer role on the application, approve
 * or reject a deployment that waits for approval (its environment's type requires some). The
 * last approval needed makes it PENDING and its job claimable; a rejection cancels it
 * (ApprovalRejected). Each decision is stored, audited (deployment.approve) and shows as an event.
 */
@ApplicationScoped
public class DeploymentApprovals {
    private final DeploymentStore deployments;
    private final ApprovalStore approvals;
    private final Environments environments;
    private final CallerResolver callers;
    private final DeploymentEventHub events;
    private final Deployments views;
    private final AccessGuard access;

    public DeploymentApprovals(DeploymentStore deployments, ApprovalStore approvals, Environments environments, CallerResolver callers,
            DeploymentEventHub events, Deployments views, AccessGuard access) {
        this.access = access;
        this.deployments = deployments;
        this.approvals = approvals;
        this.environments = environments;
        this.callers = callers;
        this.events = events;
        this.views = views;
    }

    /** Approves; the deployment runs once this was the last approval it needed. */
    public Uni<DeploymentView> approve(String application, String environment, String id, String comment) {
        return decide(application, environment, id, comment, true);
    }

    /** Rejects: the deployment is cancelled (ApprovalRejected). The requester may withdraw this way too. */
    public Uni<DeploymentView> reject(String application, String environment, String id, String comment) {
        return decide(application, environment, id, comment, false);
    }

    private Uni<DeploymentView> decide(String application, String environment, String id, String comment, boolean approve) {
        new Violations().maxLength("comment", comment, 2000).throwIfAny();
        UUID deploymentId = parseId(id);
        return Transactions.write(() -> callers.current().flatMap(caller -> environments
                .requireEnvironment(caller, application, environment, Permission.DEPLOYMENT_APPROVE)
                .flatMap(located -> deployments.findInEnvironment(located.environment().id, deploymentId)
                        .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(Deployments.KIND, id))
                        .call(deployment -> {
                            requireWaiting(deployment);
                            return approve && isRequester(caller, deployment)
                                    ? refuseSelfApproval(caller, located, deployment)
                                    : Uni.createFrom().voidItem();
                        }))
                .flatMap(deployment -> {
                    Approval decision = new Approval(deployment.id, caller.subject(), caller.name(), caller.subjectType(), approve,
                            comment, Timestamps.now());
                    return approvals.recordInSession(decision).flatMap(recorded -> {
                        if (!recorded) {
                            throw new SlipwayException.Conflict(caller.name() + " has already decided on deployment " + deployment.id
                                    + "; approvals must come from different people");
                        }
                        return approve ? afterApproval(deployment, decision) : afterRejection(deployment, decision);
                    });
                })
                .flatMap(views::withApprovals)))
                .invoke(events::announce);
    }

    /**
     * The allowed-write audit record of this request rolls back with the refusal, so the refusal
     * is audited on its own, at once, like any other denial.
     */
    private Uni<Void> refuseSelfApproval(Caller caller, Environments.Located located, Deployment deployment) {
        String reason = "four eyes: " + caller.name() + " requested deployment " + deployment.id
                + " and cannot approve it; another deployer must";
        return environments.targetOf(located.application(), located.environment())
                .flatMap(target -> access.recordDenied(caller, Permission.DEPLOYMENT_APPROVE, target, reason))
                .onItem().failWith(() -> new SlipwayException.Forbidden(reason));
    }

    /** Counts the approvals in: the last one needed releases the job, an earlier one is an event of its own. */
    private Uni<Deployment> afterApproval(Deployment deployment, Approval approval) {
        return approvals.ofDeployments(List.of(deployment.id)).flatMap(decided -> {
            long approved = decided.getOrDefault(deployment.id, List.of()).stream().filter(Approval::approved).count();
            String message = "approved by " + approval.name() + " (" + approved + " of " + deployment.requiredApprovals + ")"
                    + (approval.comment() == null ? "" : ": " + approval.comment());
            if (approved < deployment.requiredApprovals) {
                return approvals.recordEventInSession(deployment.id, "ApprovalGranted", message).replaceWith(deployment);
            }
            StatusChange release = new StatusChange(DeploymentStatus.AWAITING_APPROVAL, DeploymentStatus.PENDING, "Approved", message);
            return deployments.releaseApprovedInSession(deployment, release).map(released -> {
                if (!released) {
                    throw changedMeanwhile(deployment);
                }
                return deployment;
            });
        });
    }

    private Uni<Deployment> afterRejection(Deployment deployment, Approval rejection) {
        StatusChange cancel = new StatusChange(DeploymentStatus.AWAITING_APPROVAL, DeploymentStatus.CANCELLED, "ApprovalRejected",
                "rejected by " + rejection.name() + (rejection.comment() == null ? "" : ": " + rejection.comment()));
        return deployments.changeInSession(deployment, cancel).map(cancelled -> {
            if (!cancelled) {
                throw changedMeanwhile(deployment);
            }
            return deployment;
        });
    }

    /**
     * The requester by subject; a deployment accepted before subjects were recorded falls back to
     * the name, so that no old deployment can be approved by the person who asked for it.
     */
    private static boolean isRequester(Caller caller, Deployment deployment) {
        return deployment.requestedBySubject != null
                ? deployment.requestedBySubject.equals(caller.subject())
                : caller.name() != null && caller.name().equals(deployment.requestedBy);
    }

    private static void requireWaiting(Deployment deployment) {
        if (deployment.status != DeploymentStatus.AWAITING_APPROVAL) {
            throw new SlipwayException.Conflict("deployment " + deployment.id + " is " + deployment.status
                    + "; only deployments AWAITING_APPROVAL can be approved or rejected");
        }
    }

    private static SlipwayException changedMeanwhile(Deployment deployment) {
        return new SlipwayException.Conflict("deployment " + deployment.id + " left AWAITING_APPROVAL meanwhile (now " + deployment.status
                + ")");
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.NotFound.of(Deployments.KIND, id);
        }
    }
}
