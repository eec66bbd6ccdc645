package dev.slipway.environment;

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
import dev.slipway.api.MergePatcher;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.cluster.ClusterRepository;
import dev.slipway.cluster.render.WorkloadValidator;
import dev.slipway.cluster.workload.RoutingRules;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Environment types: platform admins define them, everyone may read them. */
@ApplicationScoped
public class EnvironmentTypes {
    static final String KIND = "environment type";
    static final int MAX_ORDER = 1_000_000;
    /** Four eyes, or six: more approvers than that would stall deployments more than it protects them. */
    static final int MAX_APPROVALS = 2;

    private final EnvironmentTypeRepository types;
    private final EnvironmentRepository environments;
    private final ClusterRepository clusters;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;
    private final RequestValidation limits;

    public EnvironmentTypes(EnvironmentTypeRepository types, EnvironmentRepository environments, ClusterRepository clusters,
            CallerResolver callers, AccessGuard access, IdempotencyStore idempotency, MergePatcher patcher, RequestValidation limits) {
        this.limits = limits;
        this.types = types;
        this.environments = environments;
        this.clusters = clusters;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
    }

    public Uni<Created<EnvironmentTypeView>> create(EnvironmentTypeSpec spec, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            EnvironmentTypeSpec normalized = withDefaults(spec);
            validate(normalized);
            return idempotency.createOnce(caller.subject(), key, "environment-types.create", normalized, 201, EnvironmentTypeView.class,
                    () -> access.require(caller, Permission.ENVIRONMENT_TYPE_MANAGE, AccessTarget.platform(KIND, normalized.name()))
                            .flatMap(ignored -> insert(normalized, caller)));
        });
    }

    @WithSession
    public Uni<EnvironmentTypeView> get(String name) {
        return callers.current()
                .call(caller -> access.require(caller, Permission.PLATFORM_READ, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .map(EnvironmentTypeMapper::toView);
    }

    @WithSession
    public Uni<Page<EnvironmentTypeView>> list(Integer pageSize, String pageToken) {
        return callers.current().flatMap(caller -> {
            // Every authenticated caller may list them (Permission.PLATFORM_READ).
            PageRequest page = PageRequest.of(pageSize, pageToken);
            return types.page(page).map(rows -> Page.from(rows, page, EnvironmentTypeRepository::pageKey, EnvironmentTypeMapper::toView));
        });
    }

    public Uni<EnvironmentTypeView> update(String name, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.ENVIRONMENT_TYPE_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .flatMap(type -> {
                    ETags.checkIfMatch(ifMatch, type.version);
                    EnvironmentTypeSpec changes = patcher.apply(EnvironmentTypeMapper.toSpec(type), mergePatch, EnvironmentTypeSpec.class);
                    if (changes.equals(EnvironmentTypeMapper.toSpec(type))) {
                        return Uni.createFrom().item(type); // nothing changes: same version, same ETag
                    }
                    if (!type.name.equals(changes.name())) {
                        throw SlipwayException.Invalid.field("name", "is immutable");
                    }
                    validate(changes);
                    return requireClusterIfNamed(changes.defaultCluster()).map(ignored -> {
                        Lifetimes.applyToType(changes, type);
                        type.description = changes.description();
                        type.isProtected = Boolean.TRUE.equals(changes.isProtected());
                        type.promotionOrder = changes.order();
                        type.defaultCluster = changes.defaultCluster();
                        type.requiredApprovals = changes.requiredApprovals() == null ? 0 : changes.requiredApprovals();
                        type.routing = changes.routing();
                        type.workloadDefaults = changes.workloadDefaults();
                        type.updatedAt = Timestamps.now();
                        return type;
                    });
                })
                .flatMap(type -> types.flush().replaceWith(type))
                .map(EnvironmentTypeMapper::toView));
    }

    public Uni<Void> delete(String name, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.ENVIRONMENT_TYPE_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .flatMap(type -> {
                    ETags.checkIfMatch(ifMatch, type.version);
                    return environments.countOfType(name).flatMap(count -> {
                        if (count > 0) {
                            throw new SlipwayException.Conflict("environment type '" + name + "' is used by " + count + " environment(s)");
                        }
                        return types.delete(type);
                    });
                }));
    }

    /** The named type, or 404. */
    public Uni<EnvironmentType> require(String name) {
        return types.findByName(name).onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, name));
    }

    private Uni<Void> requireClusterIfNamed(String cluster) {
        if (cluster == null) {
            return Uni.createFrom().voidItem();
        }
        return clusters.findByName(cluster).map(found -> {
            if (found == null) {
                throw SlipwayException.Invalid.field("defaultCluster", "cluster '" + cluster + "' does not exist");
            }
            return null;
        });
    }

    private Uni<EnvironmentTypeView> insert(EnvironmentTypeSpec spec, Caller caller) {
        return types.findByName(spec.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw new SlipwayException.AlreadyExists("environment type '" + spec.name() + "' already exists");
                    }
                })
                .flatMap(ignored -> requireClusterIfNamed(spec.defaultCluster()))
                .flatMap(ignored -> {
                    EnvironmentType type = new EnvironmentType();
                    type.id = UUID.randomUUID();
                    type.name = spec.name();
                    type.description = spec.description();
                    type.isProtected = Boolean.TRUE.equals(spec.isProtected());
                    type.promotionOrder = spec.order();
                    type.defaultCluster = spec.defaultCluster();
                    Lifetimes.applyToType(spec, type);
                    type.requiredApprovals = spec.requiredApprovals();
                    type.routing = spec.routing();
                    type.workloadDefaults = spec.workloadDefaults();
                    type.createdAt = Timestamps.now();
                    type.updatedAt = type.createdAt;
                    type.createdBy = caller.name();
                    return types.persistAndFlush(type);
                })
                .map(EnvironmentTypeMapper::toView);
    }

    private static EnvironmentTypeSpec withDefaults(EnvironmentTypeSpec spec) {
        if (spec == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        return new EnvironmentTypeSpec(spec.name(), spec.description(), Boolean.TRUE.equals(spec.isProtected()), spec.order(),
                spec.defaultCluster(), spec.defaultTtl(), spec.maxTtl(), spec.requiredApprovals() == null ? 0 : spec.requiredApprovals(),
                spec.routing(), spec.workloadDefaults());
    }

    /** The declared limits (name, lengths, ranges, routing names), the workload defaults, and what is required of a whole type. */
    private void validate(EnvironmentTypeSpec spec) {
        Violations violations = limits.check(spec);
        if (violations.isEmpty()) {
            Lifetimes.applyToType(spec, new EnvironmentType()); // the lifetimes' own errors, before anything is looked up
        }
        violations.slug("name", spec.name()).required("order", spec.order());
        RoutingRules.check(violations, "routing", spec.routing());
        WorkloadValidator.defaults(violations, "workloadDefaults", spec.workloadDefaults());
        violations.throwIfAny();
    }
}
