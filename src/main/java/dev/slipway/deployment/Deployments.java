package dev.slipway.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.Created;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.IdempotencyStore;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.config.Configurations;
import dev.slipway.deployment.lifecycle.ApprovalConfig;
import dev.slipway.deployment.lifecycle.ApprovalStore;
import dev.slipway.deployment.lifecycle.Deployment;
import dev.slipway.deployment.lifecycle.DeploymentEvent;
import dev.slipway.deployment.lifecycle.DeploymentEventHub;
import dev.slipway.deployment.lifecycle.DeploymentStatus;
import dev.slipway.deployment.lifecycle.DeploymentStore;
import dev.slipway.deployment.lifecycle.EventSubscribers;
import dev.slipway.deployment.lifecycle.NewDeployment;
import dev.slipway.deployment.lifecycle.StatusChange;
import dev.slipway.environment.Environment;
import dev.slipway.environment.EnvironmentStatus;
import dev.slipway.environment.EnvironmentTypes;
import dev.slipway.environment.Environments;
import dev.slipway.runtime.ShutdownSignal;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deployments: accept (deployment + job in one transaction), read, wait, cancel, roll back and
 * promote. The reconciler does the cluster work; this service never talks to a cluster.
 */
@ApplicationScoped
public class Deployments {
    static final String KIND = "deployment";
    public static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final StatusChange CANCEL = new StatusChange(DeploymentStatus.PENDING, DeploymentStatus.CANCELLED, "Cancelled",
            "cancelled by request");
    private static final StatusChange CANCEL_WAITING = new StatusChange(DeploymentStatus.AWAITING_APPROVAL, DeploymentStatus.CANCELLED,
            "Cancelled", "cancelled by request");

    private final DeploymentStore deployments;
    private final Applications applications;
    private final Environments environments;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final DeploymentEventHub events;
    private final Configurations config;
    private final EnvironmentTypes types;
    private final ApprovalStore approvals;
    private final ApprovalConfig approvalConfig;
    private final DeploymentGuards guards;
    private final RouteHostClaims hostClaims;
    private final RequestValidation limits;
    private final EventSubscribers subscribers;

    public Deployments(DeploymentStore deployments, Applications applications, Environments environments,
            CallerResolver callers, AccessGuard access, IdempotencyStore idempotency, DeploymentEventHub events, Configurations config,
            EnvironmentTypes types, ApprovalStore approvals, ApprovalConfig approvalConfig, DeploymentGuards guards,
            RouteHostClaims hostClaims, RequestValidation limits, EventSubscribers subscribers) {
        this.limits = limits;
        this.subscribers = subscribers;
        this.hostClaims = hostClaims;
        this.types = types;
        this.approvals = approvals;
        this.approvalConfig = approvalConfig;
        this.guards = guards;
        this.config = config;
        this.deployments = deployments;
        this.applications = applications;
        this.environments = environments;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.events = events;
    }

    public Uni<Created<DeploymentView>> create(String application, String environment, CreateDeploymentRequest request,
            IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            WorkloadSpec submitted = DeploymentRequests.validate(limits.check(request), request, application);
            if (request.score() != null) {
                // A Score document's own schema bounds it; the spec it becomes must keep within the declared limits as well.
                limits.addTo(new Violations(), "spec", submitted).throwIfAny();
            }
            return idempotency.createOnce(caller.subject(), key, "deployments.create:" + application + "/" + environment, request, 202,
                    DeploymentView.class, () -> target(caller, application, environment, Permission.DEPLOYMENT_CREATE)
                            .flatMap(target -> resolveSpec(caller, target, request, submitted)
                                    .flatMap(origin -> config.pinRevision(target.app(), target.environment(), request.configRevision())
                                            .flatMap(revision -> insert(target, origin, revision, caller, request.reason(),
                                                    request.source(), null, request.breakGlass())))))
                    .invoke(events::announce);
        });
    }

    /** @param breakGlass to roll back through a freeze in force, or null */
    public Uni<Created<DeploymentView>> rollback(String application, String environment, String id, String reason, BreakGlass breakGlass,
            IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            Violations violations = limits.check(new RollbackRequest(reason, breakGlass));
            DeploymentRequests.validateBreakGlass(breakGlass, violations);
            violations.throwIfAny();
            UUID deploymentId = DeploymentRequests.parseId(id);
            // Without break-glass the fingerprint stays what it was before break-glass existed.
            Object fingerprinted = breakGlass == null ? (reason == null ? "" : reason) : new RollbackRequest(reason, breakGlass);
            return idempotency.createOnce(caller.subject(), key, "deployments.rollback:" + application + "/" + environment + "/" + id,
                    fingerprinted, 202, DeploymentView.class,
                    () -> target(caller, application, environment, Permission.DEPLOYMENT_CREATE)
                            .flatMap(target -> require(target.environment(), deploymentId)
                                    .flatMap(old -> insert(target, new Origin(old.spec, old.scoreDocument, null), old.configRevision,
                                            caller, reason != null ? reason : "rollback to " + old.id, null, old.id, breakGlass))))
                    .invoke(events::announce);
        });
    }

    /**
     * Deploys the source environment's current spec (its last succeeded deployment's, Score
     * document included) into a clone, with the clone's configuration, in the caller's
     * transaction; nothing when the source has no current deployment. The deployment is checked
     * as any other (the right to deploy to the clone, placeholders), and its resources are
     * matched for the clone when it runs. The caller announces it after the commit.
     */
    Uni<DeploymentView> deployClone(Caller caller, Application app, Environment source, Environment clone) {
        if (source.currentDeploymentId == null) {
            return Uni.createFrom().nullItem();
        }
        return environments.targetOf(app, clone)
                .call(target -> access.require(caller, Permission.DEPLOYMENT_CREATE, target))
                .flatMap(ignored -> require(source, source.currentDeploymentId))
                .flatMap(current -> config.pinRevision(app, clone, null)
                        .flatMap(revision -> insert(new Target(app, clone), new Origin(current.spec, current.scoreDocument, null),
                                revision, caller, "cloned from " + source.name, null, null, null)));
    }

    /** Wakes idle workers for deployments accepted in a transaction that has committed. */
    void announce() {
        events.announce();
    }

    @WithSession
    public Uni<DeploymentView> get(String application, String environment, String id) {
        UUID deploymentId = DeploymentRequests.parseId(id);
        return callers.current()
                .flatMap(caller -> target(caller, application, environment, Permission.APPLICATION_READ))
                .flatMap(target -> require(target.environment(), deploymentId))
                .flatMap(this::withApprovals);
    }

    /** The deployment as the API shows it, with the decisions on it. */
    Uni<DeploymentView> withApprovals(Deployment deployment) {
        return approvals.ofDeployments(List.of(deployment.id))
                .map(decided -> DeploymentMapper.toView(deployment, decided.getOrDefault(deployment.id, List.of())));
    }

    /**
     * Long-poll: answers when the deployment is terminal or the timeout passes, whichever comes
     * first. The terminal event is listened for before the first read, so it cannot slip by.
     */
    public Uni<DeploymentView> awaitTerminal(String application, String environment, String id, Duration timeout) {
        UUID deploymentId = DeploymentRequests.parseId(id);
        if (timeout.isNegative() || timeout.compareTo(MAX_WAIT) > 0) {
            throw SlipwayException.Invalid.field("timeout", "must be between 0s and " + MAX_WAIT.toSeconds() + "s");
        }
        // The terminal event arrives on the listener's context; the re-read must run on this request's.
        io.vertx.core.Context requestContext = io.vertx.core.Vertx.currentContext();
        CompletableFuture<DeploymentEvent> terminal = events.live()
                .filter(event -> event.deploymentId().equals(deploymentId) && event.status().isTerminal())
                .toUni().subscribeAsCompletionStage();
        return subscribers.counted(EventSubscribers.Kind.LONG_POLL, get(application, environment, id).flatMap(view -> {
            if (view.status().isTerminal() || timeout.isZero()) {
                terminal.cancel(false);
                return Uni.createFrom().item(view);
            }
            return Uni.createFrom().completionStage(terminal)
                    .ifNoItem().after(timeout).recoverWithItem((DeploymentEvent) null)
                    // this replica is shutting down: answer what there is now rather than hold the HTTP drain
                    .onFailure(ShutdownSignal::isShutdown).recoverWithNull()
                    .emitOn(command -> requestContext.runOnContext(ignored -> command.run()))
                    .flatMap(ignored -> get(application, environment, id));
        })).eventually(() -> terminal.cancel(false));
    }

    @WithSession
    public Uni<Page<DeploymentView>> list(String application, String environment, Integer pageSize, String pageToken, String status) {
        DeploymentStatus statusFilter = DeploymentRequests.parseStatus(status);
        return callers.current()
                .flatMap(caller -> target(caller, application, environment, Permission.APPLICATION_READ))
                .flatMap(target -> {
                    PageRequest page = PageRequest.of(pageSize, pageToken, status);
                    return deployments.page(target.environment().id, page, statusFilter)
                            .flatMap(rows -> approvals.ofDeployments(rows.stream().map(row -> row.id).toList())
                                    .map(decided -> Page.from(rows, page, DeploymentStore::pageKey,
                                            row -> DeploymentMapper.toView(row, decided.getOrDefault(row.id, List.of())))));
                });
    }

    /** Cancels a deployment that no worker has started (or that waits for approval); later states cannot be cancelled. */
    public Uni<DeploymentView> cancel(String application, String environment, String id) {
        UUID deploymentId = DeploymentRequests.parseId(id);
        return Transactions.write(() -> cancelInTransaction(deploymentId, application, environment))
                .invoke(events::announce);
    }

    private Uni<DeploymentView> cancelInTransaction(UUID deploymentId, String application, String environment) {
        return callers.current()
                .flatMap(caller -> target(caller, application, environment, Permission.DEPLOYMENT_CANCEL))
                .flatMap(target -> require(target.environment(), deploymentId))
                .flatMap(deployment -> {
                    if (deployment.status != DeploymentStatus.PENDING && deployment.status != DeploymentStatus.AWAITING_APPROVAL) {
                        throw notCancellable(deployment);
                    }
                    StatusChange cancel = deployment.status == DeploymentStatus.PENDING ? CANCEL : CANCEL_WAITING;
                    return deployments.changeInSession(deployment, cancel).map(cancelled -> {
                        if (!cancelled) {
                            throw notCancellable(deployment); // a worker started it meanwhile
                        }
                        return deployment;
                    });
                })
                .flatMap(this::withApprovals);
    }

    private static SlipwayException notCancellable(Deployment deployment) {
        return new SlipwayException.Conflict("deployment " + deployment.id + " is " + deployment.status
                + "; only PENDING and AWAITING_APPROVAL deployments can be cancelled");
    }

    /**
     * Events in scope, replayed after lastEventId if given, then live. A stream across
     * applications carries only the applications the caller could see when it subscribed.
     */
    public Uni<Multi<DeploymentEvent>> watch(String application, String environment, String deploymentId, Long lastEventId) {
        return watch(application, environment, deploymentId, lastEventId, false);
    }

    /** As above; with {@code approvalsOnly}, only events about approvals (asked for, given, refused, run out), for bots and chat. */
    public Uni<Multi<DeploymentEvent>> watch(String application, String environment, String deploymentId, Long lastEventId,
            boolean approvalsOnly) {
        return inScope(application, environment, deploymentId, lastEventId)
                .map(stream -> approvalsOnly ? stream.select().where(DeploymentEvent::concernsApproval) : stream);
    }

    private Uni<Multi<DeploymentEvent>> inScope(String application, String environment, String deploymentId, Long lastEventId) {
        UUID id = deploymentId == null ? null : DeploymentRequests.parseId(deploymentId);
        if (application != null || environment != null) {
            return authorizeWatch(application, environment, deploymentId)
                    .map(ignored -> events.stream(application, environment, id, lastEventId));
        }
        return callers.current().flatMap(caller -> access.visibility(caller).flatMap(visibility -> visibility.all()
                ? Uni.createFrom().item(events.stream(null, null, null, lastEventId))
                : Panache.withSession(() -> applications.namesVisibleTo(visibility)).map(visible -> events
                        .stream(null, null, null, lastEventId)
                        .select().where(event -> visible.contains(event.application())))));
    }

    /**
     * Checks that the caller may watch this scope: the application is visible and the named
     * environment and deployment exist. Streams across all applications need no check.
     */
    public Uni<Void> authorizeWatch(String application, String environment, String deploymentId) {
        if (environment != null && application == null) {
            return Uni.createFrom().failure(SlipwayException.Invalid.field("environment", "needs application"));
        }
        if (application == null) {
            return callers.current().replaceWithVoid();
        }
        UUID id = deploymentId == null ? null : DeploymentRequests.parseId(deploymentId);
        return callers.current().flatMap(caller -> Panache.withSession(() -> applications.requireVisible(caller, application)
                .flatMap(app -> environment == null
                        ? Uni.createFrom().voidItem()
                        : environments.require(app, environment).flatMap(env -> id == null
                                ? Uni.createFrom().voidItem()
                                : require(env, id).replaceWithVoid()))));
    }

    private record Target(Application app, Environment environment) {
    }

    /** The spec to run, the Score document it came from (if any) and the deployment it was promoted from (if any). */
    private record Origin(WorkloadSpec spec, String scoreDocument, UUID promotedFrom) {
    }

    private Uni<Target> target(Caller caller, String application, String environment, Permission permission) {
        return environments.requireEnvironment(caller, application, environment, permission)
                .map(located -> new Target(located.application(), located.environment()));
    }

    /** Where the spec comes from; {@code submitted} is the request's spec, or the one its Score workload became. */
    private Uni<Origin> resolveSpec(Caller caller, Target target, CreateDeploymentRequest request, WorkloadSpec submitted) {
        Application app = target.app();
        String environment = target.environment().name;
        if (Boolean.TRUE.equals(request.configOnly())) {
            UUID current = target.environment().currentDeploymentId;
            if (current == null) {
                throw new SlipwayException.Conflict("environment '" + app.name + "/" + environment
                        + "' has no succeeded deployment whose spec a configOnly deployment could reuse; deploy a spec first");
            }
            return require(target.environment(), current).map(deployment -> new Origin(deployment.spec, deployment.scoreDocument, null));
        }
        if (request.promoteFrom() == null) {
            return Uni.createFrom().item(new Origin(submitted, request.score(), null));
        }
        PromotionSource from = request.promoteFrom();
        if (from.environment().equals(environment)) {
            throw SlipwayException.Invalid.field("promoteFrom.environment", "must be another environment; use rollback to redeploy here");
        }
        return environments.require(app, from.environment())
                .call(source -> guards.checkPromotionOrder(caller, target.app(), target.environment(), source,
                        Boolean.TRUE.equals(from.force())))
                .flatMap(source -> require(source, from.deploymentId()))
                .map(source -> {
                    if (source.status != DeploymentStatus.SUCCEEDED) {
                        throw new SlipwayException.Conflict("deployment " + source.id + " in " + from.environment() + " is "
                                + source.status + "; only a SUCCEEDED deployment can be promoted");
                    }
                    return new Origin(source.spec, source.scoreDocument, source.id);
                });
    }

    private Uni<DeploymentView> insert(Target target, Origin origin, Long configRevision, Caller caller, String reason,
            DeploymentSource source, UUID rollbackOf, BreakGlass breakGlass) {
        Environment environment = target.environment();
        if (environment.status == EnvironmentStatus.DELETING) {
            return Uni.createFrom().failure(new SlipwayException.Conflict("environment " + environment.name
                    + " is being deleted; it accepts no deployments"));
        }
        return guards.checkFreezes(target.app(), target.environment(), caller, breakGlass)
                .flatMap(broken -> types.require(environment.type).flatMap(type -> {
                    Instant now = Timestamps.now();
                    int required = type.requiredApprovals;
                    // A broken freeze is said in the deployment's first event too, where watchers see it.
                    String breakGlassNote = broken.isEmpty()
                            ? null
                            : "break-glass by " + caller.name() + " through " + DeploymentGuards.describe(broken) + ": "
                                    + breakGlass.reason();
                    String statusReason = required > 0 ? "AwaitingApproval" : broken.isEmpty() ? null : "BreakGlass";
                    String statusMessage = required > 0
                            ? "needs " + required + " approval(s) by deployers other than " + caller.name()
                                    + (breakGlassNote == null ? "" : "; " + breakGlassNote)
                            : breakGlassNote;
                    NewDeployment deployment = new NewDeployment(UUID.randomUUID(), environment.id, target.app().name, environment.name,
                            origin.spec(), origin.scoreDocument(), configRevision, caller.name(), reason,
                            source == null ? null : source.commit(),
                            source == null ? null : source.url(), environment.currentDeploymentId, rollbackOf, origin.promotedFrom(),
                            statusReason,
                            statusMessage, now, caller.subject(), required, required > 0 ? now.plus(approvalConfig.expireAfter()) : null,
                            broken.isEmpty() ? null : caller.name(), broken.isEmpty() ? null : breakGlass.reason());
                    return guards
                            .checkPlaceholders(target.app(), target.environment(), origin.spec(), origin.scoreDocument(), configRevision)
                            // Every way in (a spec, Score, promotion, rollback, clone) passes here: the hosts are claimed on each.
                            .call(checked -> hostClaims.claimLiteral(target.app(), environment, origin.spec()))
                            .flatMap(checked -> deployments.insertInSession(deployment))
                            // The newest request wins, as in the queue: what still waits for approval here gives way to it.
                            .call(inserted -> deployments.supersedeAwaitingInSession(environment.id, inserted.id))
                            .map(DeploymentMapper::toView);
                }));
    }

    private Uni<Deployment> require(Environment environment, UUID id) {
        return deployments.findInEnvironment(environment.id, id)
                .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, id.toString()));
    }

}
