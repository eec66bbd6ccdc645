package dev.slipway.environment.freeze;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.Created;
import dev.slipway.api.ETags;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.IdempotencyStore;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.environment.Environment;
import dev.slipway.environment.EnvironmentTypeRepository;
import dev.slipway.environment.Environments;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Freezes and sync windows. Who writes one depends on its scope: a freeze naming an application
 * (one of its environments, or its environments of a type) takes an owner of the application
 * ({@link Permission#FREEZE_MANAGE}); a type-wide or platform-wide one takes an admin
 * ({@link Permission#PLATFORM_FREEZE_MANAGE}). Every authenticated caller reads every freeze: a
 * freeze is a notice to everyone who might deploy, like the environment types it names. Whether
 * a deployment would be blocked is answered to readers of the application ({@link #check}), and
 * to the deployment path itself ({@link #inForce}).
 */
@ApplicationScoped
public class Freezes {
    static final String KIND = "freeze";

    private final FreezeRepository freezes;
    private final Applications applications;
    private final Environments environments;
    private final EnvironmentTypeRepository types;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final Clock clock;

    public Freezes(FreezeRepository freezes, Applications applications, Environments environments, EnvironmentTypeRepository types,
            CallerResolver callers, AccessGuard access, IdempotencyStore idempotency, Clock clock) {
        this.freezes = freezes;
        this.applications = applications;
        this.environments = environments;
        this.types = types;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Uni<Created<FreezeView>> create(FreezeSpec spec, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            FreezeSpec checked = FreezeRules.validate(spec, now());
            return idempotency.createOnce(caller.subject(), key, "freezes.create", spec, 201, FreezeView.class,
                    () -> authorizeCreate(caller, checked).flatMap(target -> insert(checked, target, caller)));
        });
    }

    @WithSession
    public Uni<FreezeView> get(String name) {
        return callers.current()
                .call(caller -> access.require(caller, Permission.PLATFORM_READ, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .map(freeze -> FreezeMapper.toView(freeze, clock.instant()));
    }

    /** @param application only freezes naming this application, or null for all */
    @WithSession
    public Uni<Page<FreezeView>> list(Integer pageSize, String pageToken, String application) {
        return callers.current().flatMap(caller -> {
            // Every authenticated caller may list them (Permission.PLATFORM_READ).
            new Violations().optionalSlug("application", application).throwIfAny();
            PageRequest page = PageRequest.of(pageSize, pageToken, application);
            Instant now = clock.instant();
            return freezes.page(page, application)
                    .map(rows -> Page.from(rows, page, freeze -> freeze.name, freeze -> FreezeMapper.toView(freeze, now)));
        });
    }

    /**
     * Lifts a freeze; needs the same permission as creating it. Every caller may read the freeze
     * (and so the application it names), so a refusal is 403 even where the application is
     * otherwise hidden: a 404 would deny what the caller can read.
     */
    public Uni<Void> delete(String name, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current().flatMap(caller -> require(name).flatMap(freeze -> {
            Uni<AccessTarget> target = freeze.application == null
                    ? Uni.createFrom().item(AccessTarget.platform(KIND, name))
                    : applications.require(freeze.application).map(app -> target(app, name));
            Permission permission = freeze.application == null ? Permission.PLATFORM_FREEZE_MANAGE : Permission.FREEZE_MANAGE;
            return target.flatMap(resolved -> access.require(caller, permission, resolved)
                    .onFailure(SlipwayException.NotFound.class).transform(hidden -> new SlipwayException.Forbidden(permission.wireName()
                            + " on freeze '" + name + "' needs role owner of application '" + freeze.application
                            + "'; the caller has no role there")))
                    .flatMap(ignored -> {
                        ETags.checkIfMatch(ifMatch, freeze.version);
                        return freezes.delete(freeze);
                    });
        })));
    }

    /** Whether a deployment into the environment would be refused now; needs read access to the application. */
    @WithSession
    public Uni<FreezeCheck> check(String application, String environment) {
        return callers.current().flatMap(caller -> {
            new Violations().slug("application", application).slug("environment", environment).throwIfAny();
            Instant now = clock.instant();
            return environments.requireEnvironment(caller, application, environment, Permission.APPLICATION_READ)
                    .flatMap(located -> inForce(located.application(), located.environment(), now))
                    .map(active -> new FreezeCheck(application, environment, now, !active.isEmpty(), active));
        });
    }

    /** The freezes in force on the environment now; no permission check (the deployment path asks). */
    public Uni<List<ActiveFreeze>> inForce(Application app, Environment environment) {
        return inForce(app, environment, clock.instant());
    }

    private Uni<List<ActiveFreeze>> inForce(Application app, Environment environment, Instant at) {
        return freezes.covering(app.id, environment.id, environment.type).map(covering -> covering.stream()
                .flatMap(freeze -> freeze.window().openingAt(at).map(opening -> FreezeMapper.toActive(freeze, opening)).stream())
                .toList());
    }

    /** What creating the freeze is checked against; resolves the application and environment it names. */
    private record Resolved(Application app, Environment environment) {
    }

    private Uni<Resolved> authorizeCreate(Caller caller, FreezeSpec spec) {
        FreezeScope scope = spec.scope();
        if (scope.kind() == FreezeScopeKind.PLATFORM) {
            return requirePlatform(caller, spec.name(), null);
        }
        if (scope.kind() == FreezeScopeKind.ENVIRONMENT) {
            return applications.requireVisible(caller, scope.application())
                    .flatMap(app -> access.require(caller, Permission.FREEZE_MANAGE, target(app, spec.name()))
                            .flatMap(ignored -> environments.require(app, scope.environment()))
                            .map(environment -> new Resolved(app, environment)));
        }
        return types.findByName(scope.environmentType()).flatMap(type -> {
            if (type == null) {
                throw SlipwayException.Invalid.field("scope.environmentType", "environment type '" + scope.environmentType()
                        + "' does not exist");
            }
            if (scope.application() == null) {
                return requirePlatform(caller, spec.name(), null);
            }
            return applications.requireVisible(caller, scope.application())
                    .flatMap(app -> access.require(caller, Permission.FREEZE_MANAGE, target(app, spec.name()))
                            .replaceWith(new Resolved(app, null)));
        });
    }

    private Uni<Resolved> requirePlatform(Caller caller, String name, Application app) {
        return access.require(caller, Permission.PLATFORM_FREEZE_MANAGE, AccessTarget.platform(KIND, name))
                .replaceWith(new Resolved(app, null));
    }

    private static AccessTarget target(Application app, String name) {
        return AccessTarget.application(KIND, name, app.name, app.ownerGroup);
    }

    /** Now at the store's precision, so a response and a later read show the same instant. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<Freeze> require(String name) {
        return freezes.findByName(name).onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, name));
    }

    private Uni<FreezeView> insert(FreezeSpec spec, Resolved resolved, Caller caller) {
        return freezes.findByName(spec.name()).flatMap(existing -> {
            if (existing != null) {
                throw new SlipwayException.AlreadyExists("freeze '" + spec.name() + "' already exists");
            }
            Freeze freeze = new Freeze();
            freeze.id = UUID.randomUUID();
            freeze.name = spec.name();
            freeze.scope = spec.scope().kind();
            freeze.applicationId = resolved.app() == null ? null : resolved.app().id;
            freeze.application = resolved.app() == null ? null : resolved.app().name;
            freeze.environmentId = resolved.environment() == null ? null : resolved.environment().id;
            freeze.environment = resolved.environment() == null ? null : resolved.environment().name;
            freeze.environmentType = spec.scope().environmentType();
            freeze.reason = spec.reason();
            freeze.startsAt = spec.start();
            freeze.endsAt = spec.end();
            if (spec.recurring() != null) {
                freeze.cron = spec.recurring().cron().trim();
                freeze.duration = spec.recurring().duration().trim();
                freeze.timeZone = spec.recurring().timeZone();
            }
            freeze.createdAt = now();
            freeze.createdBy = caller.name();
            return freezes.persistAndFlush(freeze);
        }).map(freeze -> FreezeMapper.toView(freeze, clock.instant()));
    }
}
