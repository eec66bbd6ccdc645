package dev.slipway.environment;

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
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.cluster.Cluster;
import dev.slipway.cluster.ClusterRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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

    public Environments(EnvironmentRepository environments, EnvironmentTypeRepository types, ClusterRepository clusters,
            Applications applications, CallerResolver callers, AccessGuard access, IdempotencyStore idempotency,
            MergePatcher patcher) {
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
                                    .flatMap(ignored -> insert(app, request, caller))));
        });
    }

    @WithSession
    public Uni<EnvironmentView> get(String application, String name) {
        return callers.current().flatMap(caller -> applications.requireVisible(caller, application)
                .flatMap(app -> require(app, name).map(environment -> EnvironmentMapper.toView(environment, app.name))));
    }

    @WithSession
    public Uni<Page<EnvironmentView>> list(String application, Integer pageSize, String pageToken, String labelSelector) {
        return callers.current().flatMap(caller -> applications.requireVisible(caller, application).flatMap(app -> {
            Map<String, String> selector = LabelSelector.parse(labelSelector);
            PageRequest page = PageRequest.of(pageSize, pageToken, LabelSelector.canonical(selector));
            return environments.page(app.id, page, selector)
                    .map(rows -> Page.from(rows, page, environment -> environment.name,
                            environment -> EnvironmentMapper.toView(environment, app.name)));
        }));
    }

    @WithTransaction
    public Uni<EnvironmentView> update(String application, String name, JsonNode mergePatch, String ifMatch) {
        return withEnvironment(application, name, Permission.ENVIRONMENT_UPDATE, (app, environment, caller) -> {
            ETags.checkIfMatch(ifMatch, environment.version);
            if (environment.status == EnvironmentStatus.DELETING) {
                throw new SlipwayException.Conflict("environment " + environment.name + " is being deleted; it cannot be changed");
            }
            EnvironmentChanges changes = patcher.apply(EnvironmentMapper.toChanges(environment), mergePatch, EnvironmentChanges.class);
            Violations violations = new Violations();
            immutable(violations, "name", environment.name, changes.name());
            immutable(violations, "cluster", environment.cluster, changes.cluster());
            immutable(violations, "namespace", environment.namespace, changes.namespace());
            violations.slug("type", changes.type()).labels("labels", changes.labels()).throwIfAny();
            return requireType(changes.type())
                    // Moving an environment to another type needs the right to manage environments of that type too.
                    .call(type -> type.name.equals(environment.type)
                            ? Uni.createFrom().voidItem()
                            : access.require(caller, Permission.ENVIRONMENT_UPDATE, target(app, app.name + "/" + environment.name, type)))
                    .flatMap(type -> {
                        environment.type = type.name;
                        environment.labels = changes.labels() == null ? new TreeMap<>() : new TreeMap<>(changes.labels());
                        environment.autoRollback = Boolean.TRUE.equals(changes.autoRollback());
                        environment.updatedAt = Timestamps.now();
                        // Mapped after the flush, so the response carries the new version's ETag.
                        return environments.flush().map(ignored -> EnvironmentMapper.toView(environment, app.name));
                    });
        });
    }

    /**
     * Deletes an environment. One Slipway never put anything into a cluster for goes at once (null);
     * any other becomes DELETING and is torn down by the reconciler (its workload removed, its
     * resources deprovisioned, its namespace deleted when Slipway created it), which deletes the
     * records last; the answer is the environment as it is now. Deleting one that is being deleted
     * already answers the same.
     */
    @WithTransaction
    public Uni<EnvironmentView> delete(String application, String name, String ifMatch) {
        return withEnvironment(application, name, Permission.ENVIRONMENT_DELETE, (app, environment, caller) -> {
            ETags.checkIfMatch(ifMatch, environment.version);
            if (!environment.clusterFootprint) {
                return environments.delete(environment).replaceWith((EnvironmentView) null);
            }
            environment.status = EnvironmentStatus.DELETING;
            environment.updatedAt = Timestamps.now();
            return environments.flush().map(ignored -> EnvironmentMapper.toView(environment, app.name));
        });
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

    private Uni<EnvironmentView> insert(Application app, CreateEnvironmentRequest request, Caller caller) {
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
                .flatMap(type -> resolveCluster(request.cluster(), type))
                .flatMap(cluster -> environments.findByNamespace(cluster.name, namespace).flatMap(taken -> {
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
                    environment.createdAt = Timestamps.now();
                    environment.updatedAt = environment.createdAt;
                    environment.createdBy = caller.name();
                    return environments.persistAndFlush(environment);
                }))
                .map(environment -> EnvironmentMapper.toView(environment, app.name));
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

    private static void validate(CreateEnvironmentRequest request) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        new Violations()
                .slug("name", request.name())
                .slug("type", request.type())
                .optionalSlug("cluster", request.cluster())
                .dnsLabel("namespace", request.namespace())
                .labels("labels", request.labels())
                .throwIfAny();
    }
}
