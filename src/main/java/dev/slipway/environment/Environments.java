package dev.slipway.environment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.Created;
import dev.slipway.api.ETags;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.IdempotencyStore;
import dev.slipway.api.LabelSelector;
import dev.slipway.api.MergePatcher;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.cluster.Cluster;
import dev.slipway.cluster.ClusterRepository;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Environments of an application. Managing one takes developer on a non-protected environment
 * type and owner on a protected one.
 */
@ApplicationScoped
public class Environments {
    static final String KIND = "environment";

    private final EnvironmentRepository environments;
    private final EnvironmentTypeRepository types;
    private final ClusterRepository clusters;
    private final Applications applications;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;
    private final Instance<EnvironmentCloner> cloner;
    private final RequestValidation limits;

    public Environments(EnvironmentRepository environments, EnvironmentTypeRepository types, ClusterRepository clusters,
            Applications applications, CallerResolver callers, AccessGuard access, IdempotencyStore idempotency,
            MergePatcher patcher, Instance<EnvironmentCloner> cloner, RequestValidation limits) {
        this.limits = limits;
        this.cloner = cloner;
        this.environments = environments;
        this.types = types;
        this.clusters = clusters;
        this.applications = applications;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
    }

    public Uni<Created<EnvironmentView>> create(String application, CreateEnvironmentRequest request, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            validate(request);
            return idempotency.createOnce(caller.subject(), key, "environments.create:" + application, request, 201, EnvironmentView.class,
                    () -> applications.requireVisible(caller, application)
                            .flatMap(app -> requireType(request.type())
                                    .flatMap(type -> access.require(caller, Permission.ENVIRONMENT_CREATE,
                                            target(app, app.name + "/" + request.name(), type)))
                                    .flatMap(ignored -> cloneSource(caller, app, request.cloneFrom()))
                                    .flatMap(source -> insert(app, request, caller, source)
                                            .call(created -> source == null
                                                    ? Uni.createFrom().voidItem()
                                                    : cloner.get().cloneInto(caller, app, source, created)))
                                    .map(created -> EnvironmentMapper.toView(created, app.name))))
                    .invoke(created -> {
                        if (request.cloneFrom() != null && !created.replayed()) {
                            cloner.get().committed();
                        }
                    });
        });
    }

    /**
     * The environment to clone, or null. Cloning copies its secrets into an environment the
     * caller controls, so it takes what reading them through a workload takes anyway: the right
     * to deploy to the source.
     */
    private Uni<Environment> cloneSource(Caller caller, Application app, String cloneFrom) {
        if (cloneFrom == null) {
            return Uni.createFrom().nullItem();
        }
        return environments.findByName(app.id, cloneFrom)
                .onItem().ifNull().failWith(() -> SlipwayException.Invalid.field("cloneFrom",
                        "environment '" + app.name + "/" + cloneFrom + "' does not exist"))
                .call(source -> targetOf(app, source).flatMap(target -> access.require(caller, Permission.DEPLOYMENT_CREATE, target)));
    }

    /**
     * Sets a new lifetime: the environment expires the given ttl from now (within its type's
     * maximum), whatever it had before; one that never expired gets an expiry this way too.
     */
    public Uni<EnvironmentView> extend(String application, String name, String ttl) {
        return Transactions.write(() -> withEnvironment(application, name, Permission.ENVIRONMENT_UPDATE, (app, environment, caller) -> {
            // The limit ExtendEnvironmentRequest declares, as create's ttl has it.
            new Violations().maxLength("ttl", ttl, 64).throwIfAny();
            if (environment.status == EnvironmentStatus.DELETING) {
                throw new SlipwayException.Conflict("environment " + environment.name + " is being deleted; it cannot be extended");
            }
            return requireType(environment.type).flatMap(type -> {
                Instant now = Timestamps.now();
                environment.expiresAt = Lifetimes.extended(type, ttl, now);
                environment.updatedAt = now;
                return environments.flush().map(ignored -> EnvironmentMapper.toView(environment, app.name));
            });
        }));
    }

    @WithSession
    public Uni<EnvironmentView> get(String application, String name) {
        return callers.current().flatMap(caller -> applications.requireVisible(caller, application)
                .flatMap(app -> require(app, name).map(environment -> EnvironmentMapper.toView(environment, app.name))));
    }

    @WithSession
    public Uni<Page<EnvironmentView>> list(String application, Integer pageSize, String pageToken, String labelSelector,
            String expiresBefore) {
        return callers.current().flatMap(caller -> applications.requireVisible(caller, application).flatMap(app -> {
            Map<String, String> selector = LabelSelector.parse(labelSelector);
            Instant before = parseInstant("expiresBefore", expiresBefore);
            PageRequest page = PageRequest.of(pageSize, pageToken, LabelSelector.canonical(selector),
                    before == null ? null : before.toString());
            return environments.page(app.id, page, selector, before)
                    .map(rows -> Page.from(rows, page, environment -> environment.name,
                            environment -> EnvironmentMapper.toView(environment, app.name)));
        }));
    }

    public Uni<EnvironmentView> update(String application, String name, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch,
                () -> withEnvironment(application, name, Permission.ENVIRONMENT_UPDATE, (app, environment, caller) -> {
                    ETags.checkIfMatch(ifMatch, environment.version);
                    if (environment.status == EnvironmentStatus.DELETING) {
                        throw new SlipwayException.Conflict("environment " + environment.name + " is being deleted; it cannot be changed");
                    }
                    EnvironmentChanges changes = patcher.apply(EnvironmentMapper.toChanges(environment), mergePatch,
                            EnvironmentChanges.class);
                    if (changes.equals(EnvironmentMapper.toChanges(environment))) {
                        return Uni.createFrom().item(EnvironmentMapper.toView(environment, app.name)); // same version, same ETag
                    }
                    Violations violations = limits.check(changes);
                    immutable(violations, "name", environment.name, changes.name());
                    immutable(violations, "cluster", environment.cluster, changes.cluster());
                    immutable(violations, "namespace", environment.namespace, changes.namespace());
                    violations.required("type", changes.type()).labels("labels", changes.labels()).throwIfAny();
                    return requireType(changes.type())
                            // Moving an environment to another type needs the right to manage environments of that type too.
                            .call(type -> type.name.equals(environment.type)
                                    ? Uni.createFrom().voidItem()
                                    : access.require(caller, Permission.ENVIRONMENT_UPDATE,
                                            target(app, app.name + "/" + environment.name, type)))
                            .flatMap(type -> {
                                environment.type = type.name;
                                environment.labels = changes.labels() == null ? new TreeMap<>() : new TreeMap<>(changes.labels());
                                environment.autoRollback = Boolean.TRUE.equals(changes.autoRollback());
                                environment.updatedAt = Timestamps.now();
                                // Mapped after the flush, so the response carries the new version's ETag.
                                return environments.flush().map(ignored -> EnvironmentMapper.toView(environment, app.name));
                            });
                }));
    }

    /**
     * Deletes an environment. One Slipway never put anything into a cluster for goes at once (null);
     * any other becomes DELETING and is torn down by the reconciler (its workload removed, its
     * resources deprovisioned, its namespace deleted when Slipway created it), which deletes the
     * records last; the answer is the environment as it is now. Deleting one that is being deleted
     * already answers the same.
     */
    public Uni<EnvironmentView> delete(String application, String name, String ifMatch) {
        return Transactions.write(ifMatch,
                () -> withEnvironment(application, name, Permission.ENVIRONMENT_DELETE, (app, environment, caller) -> {
                    ETags.checkIfMatch(ifMatch, environment.version);
                    if (!environment.clusterFootprint) {
                        // Decided by the row, not by what was read: a deployment may have reached the cluster since.
                        return environments.deleteUnlessInCluster(environment.id, environment.version)
                                .flatMap(deleted -> deleted
                                        ? Uni.createFrom().<EnvironmentView>nullItem()
                                        : startTeardown(app, environment));
                    }
                    return startTeardown(app, environment);
                }));
    }

    /** DELETING: the reconciler tears it down; a change since it was read fails the version check (412). */
    private Uni<EnvironmentView> startTeardown(Application app, Environment environment) {
        environment.status = EnvironmentStatus.DELETING;
        environment.updatedAt = Timestamps.now();
        return environments.flush().map(ignored -> EnvironmentMapper.toView(environment, app.name));
    }

    /** A use case on one environment, once the caller holds the permission on it. */
    @FunctionalInterface
    interface EnvironmentUseCase<T> {
        Uni<T> apply(Application app, Environment environment, Caller caller);
    }

    private <T> Uni<T> withEnvironment(String application, String name, Permission permission, EnvironmentUseCase<T> useCase) {
        return callers.current().flatMap(caller -> requireEnvironment(caller, application, name, permission)
                .flatMap(located -> useCase.apply(located.application(), located.environment(), caller)));
    }

    /** An environment with its application, as found for a caller. */
    public record Located(Application application, Environment environment) {
    }

    /**
     * Resolves the application (404 unless visible) and the environment, and requires the
     * permission on it, which depends on whether the environment's type is protected.
     */
    public Uni<Located> requireEnvironment(Caller caller, String application, String name, Permission permission) {
        return applications.requireVisible(caller, application).flatMap(app -> require(app, name).flatMap(environment -> {
            if (permission == Permission.APPLICATION_READ) {
                return Uni.createFrom().item(new Located(app, environment));
            }
            return targetOf(app, environment)
                    .flatMap(target -> access.require(caller, permission, target))
                    .replaceWith(new Located(app, environment));
        }));
    }

    /** The access target of an existing environment: its type decides whether it is protected. */
    public Uni<AccessTarget> targetOf(Application app, Environment environment) {
        return requireType(environment.type).map(type -> target(app, app.name + "/" + environment.name, type));
    }

    /** The access target for an action on an environment of the given type. */
    public static AccessTarget target(Application app, String name, EnvironmentType type) {
        return AccessTarget.environment(KIND, name, app.name, app.ownerGroup, type.name, type.isProtected);
    }

    /** The application's named environment, or 404 (also for deployments beneath it). */
    public Uni<Environment> require(Application app, String name) {
        return environments.findByName(app.id, name)
                .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, app.name + "/" + name));
    }

    private Uni<EnvironmentType> requireType(String type) {
        return types.findByName(type).onItem().ifNull()
                .failWith(() -> SlipwayException.Invalid.field("type", "environment type '" + type + "' does not exist"));
    }

    private Uni<Environment> insert(Application app, CreateEnvironmentRequest request, Caller caller, Environment source) {
        String namespace = request.namespace() != null ? request.namespace() : app.name + "-" + request.name();
        if (!Violations.DNS_LABEL.matcher(namespace).matches()) {
            throw SlipwayException.Invalid.field("namespace", "the default namespace '" + namespace
                    + "' is not a valid DNS label (at most 63 characters); choose a namespace explicitly");
        }
        return environments.findByName(app.id, request.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw new SlipwayException.AlreadyExists("environment '" + app.name + "/" + request.name() + "' already exists");
                    }
                })
                .flatMap(ignored -> requireType(request.type()))
                .flatMap(type -> {
                    Instant expiresAt = Lifetimes.expiryOnCreate(type, request.ttl(), request.expiresAt(), Timestamps.now());
                    return resolveCluster(request.cluster(), type).flatMap(cluster -> insert(app, request, caller, source, namespace,
                            cluster, expiresAt));
                });
    }

    private Uni<Environment> insert(Application app, CreateEnvironmentRequest request, Caller caller, Environment source, String namespace,
            Cluster cluster, Instant expiresAt) {
        return environments.findByNamespace(cluster.name, namespace).flatMap(taken -> {
            if (taken != null) {
                throw new SlipwayException.Conflict("namespace '" + namespace + "' on cluster '" + cluster.name
                        + "' is already used by another environment");
            }
            Environment environment = new Environment();
            environment.id = UUID.randomUUID();
            environment.applicationId = app.id;
            environment.name = request.name();
            environment.type = request.type();
            environment.cluster = cluster.name;
            environment.namespace = namespace;
            environment.labels = request.labels() == null ? new TreeMap<>() : new TreeMap<>(request.labels());
            environment.status = EnvironmentStatus.ACTIVE;
            environment.autoRollback = Boolean.TRUE.equals(request.autoRollback());
            environment.expiresAt = expiresAt;
            environment.clonedFrom = source == null ? null : source.name;
            environment.createdAt = Timestamps.now();
            environment.updatedAt = environment.createdAt;
            environment.createdBy = caller.name();
            return environments.persistAndFlush(environment);
        });
    }

    /** An RFC 3339 instant from a query parameter, or null; else a 400 naming it. */
    private static Instant parseInstant(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw SlipwayException.Invalid.field(field, "must be an RFC 3339 timestamp such as 2026-12-24T18:00:00Z");
        }
    }

    /** The requested cluster, else the type's default, else the platform default. */
    private Uni<Cluster> resolveCluster(String requested, EnvironmentType type) {
        if (requested != null) {
            return clusters.findByName(requested).onItem().ifNull()
                    .failWith(() -> SlipwayException.Invalid.field("cluster", "cluster '" + requested + "' does not exist"));
        }
        Uni<Cluster> fallback = type.defaultCluster != null ? clusters.findByName(type.defaultCluster) : clusters.findDefault();
        return fallback.onItem().ifNull().failWith(() -> SlipwayException.Invalid.field("cluster",
                "no cluster given and no default cluster is registered; name one"));
    }

    private static void immutable(Violations violations, String field, String current, String requested) {
        if (!current.equals(requested)) {
            violations.add(field, "is immutable");
        }
    }

    /** The declared limits (names, namespace, label count, lifetime length) and the label syntax. */
    private void validate(CreateEnvironmentRequest request) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        limits.check(request)
                .labels("labels", request.labels())
                .throwIfAny();
    }
}
