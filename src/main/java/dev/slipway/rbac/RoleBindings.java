package dev.slipway.rbac;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.access.Role;
import dev.slipway.access.Scope;
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
import dev.slipway.environment.EnvironmentType;
import dev.slipway.environment.EnvironmentTypeRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Role bindings: owners manage them on their applications, admins everywhere. Nobody grants (or
 * removes) a role above their own at that scope, and admin exists only at the platform scope.
 */
@ApplicationScoped
public class RoleBindings {
    static final String KIND = "role-binding";
    private static final Pattern SUBJECT = Pattern.compile("(user|group|service-account):[^\\s]{1,255}");

    private final RoleBindingRepository bindings;
    private final Applications applications;
    private final EnvironmentTypeRepository types;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final RequestValidation limits;

    public RoleBindings(RoleBindingRepository bindings, Applications applications, EnvironmentTypeRepository types,
            CallerResolver callers, AccessGuard access, IdempotencyStore idempotency, RequestValidation limits) {
        this.limits = limits;
        this.bindings = bindings;
        this.applications = applications;
        this.types = types;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
    }

    public Uni<Created<RoleBindingView>> create(CreateRoleBindingRequest request, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            Parsed parsed = validate(request);
            return idempotency.createOnce(caller.subject(), key, "role-bindings.create", request, 201, RoleBindingView.class,
                    () -> authorize(caller, parsed.scope(), parsed.role(), describe(request))
                            .flatMap(ignored -> bindings.findExisting(request.subject(), parsed.role(), parsed.scope()))
                            .flatMap(existing -> {
                                if (existing != null) {
                                    return Uni.createFrom().failure(new SlipwayException.AlreadyExists("role binding "
                                            + describe(request) + " already exists as " + existing.id));
                                }
                                RoleBinding binding = new RoleBinding();
                                binding.id = UUID.randomUUID();
                                binding.subject = request.subject();
                                binding.role = parsed.role().name();
                                binding.scope = parsed.scope().toString();
                                binding.application = parsed.scope().application();
                                binding.createdAt = Timestamps.now();
                                binding.createdBy = caller.name();
                                return bindings.persistAndFlush(binding).map(RoleBindingView::of);
                            }));
        });
    }

    @WithSession
    public Uni<RoleBindingView> get(String id) {
        return callers.current().flatMap(caller -> requireReadable(caller, id)).map(RoleBindingView::of);
    }

    /** Bindings the caller may see: on applications it can read, naming itself, or all for admins. */
    @WithSession
    public Uni<Page<RoleBindingView>> list(Integer pageSize, String pageToken, String scope, String subject, String application) {
        Violations violations = new Violations();
        if (scope != null && Scope.parse(scope) == null) {
            violations.add("scope", "must be platform, application:<app> or application:<app>/environment-type:<type>");
        }
        if (application != null) {
            violations.slug("application", application);
        }
        violations.throwIfAny();
        PageRequest page = PageRequest.of(pageSize, pageToken, scope, subject, application);
        return callers.current().flatMap(caller -> access.visibility(caller).flatMap(visibility -> {
            Uni<List<String>> visible = visibility.all()
                    ? Uni.createFrom().nullItem()
                    : applications.namesVisibleTo(visibility).map(names -> List.copyOf(names));
            return visible.flatMap(names -> bindings.page(page, scope, subject, application, names,
                    List.copyOf(caller.bindingSubjects())));
        })).map(rows -> Page.from(rows, page, binding -> binding.id.toString(), RoleBindingView::of));
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return callers.current().flatMap(caller -> requireReadable(caller, id)
                .call(binding -> authorize(caller, Scope.parse(binding.scope), Role.valueOf(binding.role),
                        binding.subject + " " + binding.role.toLowerCase(java.util.Locale.ROOT) + " at " + binding.scope))
                .flatMap(binding -> bindings.delete(binding)));
    }

    private record Parsed(Role role, Scope scope) {
    }

    /**
     * Requires role-binding.manage at the scope, then that the role is not above the caller's own
     * there. Both refusals are audited.
     */
    private Uni<Void> authorize(Caller caller, Scope scope, Role role, String description) {
        return targetOf(caller, scope, description).flatMap(target -> access.require(caller, Permission.ROLE_BINDING_MANAGE, target)
                .flatMap(decision -> {
                    Role own = decision.grant().role();
                    if (own.includes(role)) {
                        return Uni.createFrom().voidItem();
                    }
                    String reason = "cannot grant or remove role " + role.wireName() + " at " + scope
                            + ": above the caller's own role " + own.wireName();
                    return access.recordDenied(caller, Permission.ROLE_BINDING_MANAGE, target, reason)
                            .onItem().failWith(() -> new SlipwayException.Forbidden(reason));
                }));
    }

    /** The access target a scope stands for; its application must exist and be visible. */
    private Uni<AccessTarget> targetOf(Caller caller, Scope scope, String description) {
        if (scope.isPlatform()) {
            return Uni.createFrom().item(AccessTarget.platform(KIND, description));
        }
        return applications.requireVisible(caller, scope.application()).flatMap(app -> {
            if (scope.environmentType() == null) {
                return Uni.createFrom().item(AccessTarget.application(KIND, description, app.name, app.ownerGroup));
            }
            return types.findByName(scope.environmentType()).map(type -> {
                if (type == null) {
                    throw SlipwayException.Invalid.field("scope", "environment type '" + scope.environmentType() + "' does not exist");
                }
                return typeTarget(app, type, description);
            });
        });
    }

    private static AccessTarget typeTarget(Application app, EnvironmentType type, String description) {
        return AccessTarget.environment(KIND, description, app.name, app.ownerGroup, type.name, type.isProtected);
    }

    /** A binding the caller may see, or 404 (also for bindings hidden from it). */
    private Uni<RoleBinding> requireReadable(Caller caller, String id) {
        UUID bindingId;
        try {
            bindingId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(SlipwayException.NotFound.of(KIND, id));
        }
        return bindings.findById(bindingId).flatMap(binding -> {
            if (binding == null) {
                return Uni.createFrom().failure(SlipwayException.NotFound.of(KIND, id));
            }
            if (caller.bindingSubjects().contains(binding.subject)) {
                return Uni.createFrom().item(binding);
            }
            Scope scope = Scope.parse(binding.scope);
            Uni<AccessTarget> target = scope.isPlatform()
                    ? Uni.createFrom().item(AccessTarget.platform(KIND, id))
                    : applications.require(scope.application()).map(app -> AccessTarget.application(KIND, id, app.name, app.ownerGroup));
            return target.flatMap(t -> access.decide(caller, Permission.ROLE_BINDING_READ, t)).map(decision -> {
                if (!decision.allowed()) {
                    throw SlipwayException.NotFound.of(KIND, id);
                }
                return binding;
            });
        });
    }

    private static String describe(CreateRoleBindingRequest request) {
        return request.subject() + " " + request.role() + " at " + request.scope();
    }

    private Parsed validate(CreateRoleBindingRequest request) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        Violations violations = limits.check(request).required("subject", request.subject()).required("role", request.role())
                .required("scope", request.scope());
        if (request.subject() != null && !SUBJECT.matcher(request.subject()).matches()) {
            violations.add("subject",
                    "must be user:<sub or username>, group:<group> or service-account:<client id> (at most 255 characters after the prefix)");
        }
        Role role = request.role() == null ? null : Role.parse(request.role());
        if (request.role() != null && role == null) {
            violations.add("role", "must be one of viewer, developer, deployer, owner, admin");
        }
        Scope scope = request.scope() == null ? null : Scope.parse(request.scope());
        if (request.scope() != null && scope == null) {
            violations.add("scope", "must be platform, application:<app> or application:<app>/environment-type:<type>");
        }
        if (role == Role.ADMIN && scope != null && !scope.isPlatform()) {
            violations.add("role", "admin is a platform role; bind it at scope platform");
        }
        violations.throwIfAny();
        return new Parsed(role, scope);
    }
}
