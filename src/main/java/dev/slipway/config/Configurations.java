package dev.slipway.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.ETags;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.RequestValidation;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.environment.Environment;
import dev.slipway.environment.Environments;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Configuration use cases for both APIs: read the base or an environment's effective
 * configuration, change it (each change an immutable revision), restore, list and diff revisions.
 * Changes of one application are serialised, and If-Match is checked against the newest state.
 */
@ApplicationScoped
public class Configurations {
    static final String REVISION_KIND = "config revision";

    private final ConfigRevisionRepository revisions;
    private final SecretStore secrets;
    private final ConfigDiffer differ;
    private final Applications applications;
    private final Environments environments;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final RequestValidation limits;

    public Configurations(ConfigRevisionRepository revisions, SecretStore secrets, ConfigDiffer differ, Applications applications,
            Environments environments, CallerResolver callers, AccessGuard access, RequestValidation limits) {
        this.limits = limits;
        this.revisions = revisions;
        this.secrets = secrets;
        this.differ = differ;
        this.applications = applications;
        this.environments = environments;
        this.callers = callers;
        this.access = access;
    }

    /** Where a change goes: the application's base (environment null) or one environment's overrides. */
    private record Target(Application app, Environment environment) {
        UUID environmentId() {
            return environment == null ? null : environment.id;
        }
    }

    @WithSession
    public Uni<ApplicationConfigView> getApplicationConfig(String application) {
        return read(application, null).flatMap(target -> applicationView(target.app()));
    }

    /** The environment's effective configuration, now or (revision given) as of that revision. */
    @WithSession
    public Uni<EnvironmentConfigView> getEnvironmentConfig(String application, String environment, Long revision) {
        return read(application, environment).flatMap(target -> revisions.heads(target.app().id, target.environmentId())
                .flatMap(heads -> {
                    if (revision != null && (revision < 0 || revision > heads.application())) {
                        throw SlipwayException.NotFound.of(REVISION_KIND, application + "/" + revision);
                    }
                    return environmentView(target.app(), target.environment(), revision == null ? heads.application() : revision);
                }));
    }

    @WithTransaction
    public Uni<ApplicationConfigView> updateApplicationConfig(String application, ConfigChangeRequest request, String ifMatch) {
        ConfigEdits.validate(limits.check(request), request, false);
        return change(application, null, ifMatch, request.message(), null,
                (target, current, next) -> sealSecrets(target.app().id, current, request.changes(), next)
                        .map(sealed -> ConfigEdits.apply(current, request.changes(), sealed, next)))
                .flatMap(target -> applicationView(target.app()));
    }

    @WithTransaction
    public Uni<EnvironmentConfigView> updateEnvironmentConfig(String application, String environment, ConfigChangeRequest request,
            String ifMatch) {
        ConfigEdits.validate(limits.check(request), request, true);
        return change(application, environment, ifMatch, request.message(), null,
                (target, current, next) -> sealSecrets(target.app().id, current, request.changes(), next)
                        .map(sealed -> ConfigEdits.apply(current, request.changes(), sealed, next)))
                .flatMap(target -> currentEnvironmentView(target));
    }

    @WithTransaction
    public Uni<ApplicationConfigView> restoreApplicationConfig(String application, RestoreConfigRequest request, String ifMatch) {
        validate(request);
        return restore(application, null, request, ifMatch).flatMap(target -> applicationView(target.app()));
    }

    @WithTransaction
    public Uni<EnvironmentConfigView> restoreEnvironmentConfig(String application, String environment, RestoreConfigRequest request,
            String ifMatch) {
        validate(request);
        return restore(application, environment, request, ifMatch).flatMap(this::currentEnvironmentView);
    }

    /** Newest first; with an environment, the revisions that changed what it gets. */
    @WithSession
    public Uni<Page<ConfigRevisionView>> listRevisions(String application, String environment, Integer pageSize, String pageToken) {
        return read(application, environment).flatMap(target -> {
            PageRequest page = PageRequest.of(pageSize, pageToken, environment);
            return revisions.page(target.app().id, target.environmentId(), page).map(rows -> Page.from(rows, page,
                    row -> Long.toString(row.number), row -> ConfigMapper.toRevisionView(application, row, false)));
        });
    }

    @WithSession
    public Uni<ConfigRevisionView> getRevision(String application, String number) {
        long revision = parseRevision(application, number);
        return read(application, null).flatMap(target -> revisions.findByNumber(target.app().id, revision))
                .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(REVISION_KIND, application + "/" + number))
                .map(row -> ConfigMapper.toRevisionView(application, row, true));
    }

    /**
     * What changes going from one configuration to another. Each side is {@code <n>} (the base as
     * of revision n), {@code <environment>} (its effective configuration now) or
     * {@code <environment>@<n>} (as of revision n).
     */
    @WithSession
    public Uni<ConfigDiffView> diff(String application, String from, String to) {
        new Violations().required("from", from).required("to", to).throwIfAny();
        return read(application, null).flatMap(target -> differ.diff(target.app(), from, to));
    }

    /**
     * The revision a new deployment of the environment pins: the requested one (which must
     * exist), else the environment's current one; null while the application has no
     * configuration. Runs in the caller's session; the caller has authorized the deployment.
     */
    public Uni<Long> pinRevision(Application app, Environment environment, Long requested) {
        return revisions.heads(app.id, environment.id).map(heads -> {
            if (requested == null) {
                return heads.effective() == 0 ? null : heads.effective();
            }
            if (requested < 1 || requested > heads.application()) {
                throw SlipwayException.Invalid.field("configRevision", heads.application() == 0
                        ? "the application has no configuration revisions yet"
                        : "must be a revision of the application's configuration, 1 to " + heads.application());
            }
            return requested;
        });
    }

    /**
     * The plain variables of an environment's effective configuration as of a revision (none for a
     * null revision), for checking the placeholders a deployment's configuration holds before it is
     * accepted. Runs in the caller's session; the caller has authorized the deployment.
     */
    public Uni<Map<String, String>> variablesAt(Application app, Environment environment, Long revision) {
        if (revision == null) {
            return Uni.createFrom().item(Map.of());
        }
        return revisions.scopeAt(app.id, null, revision).flatMap(base -> revisions.scopeAt(app.id, environment.id, revision)
                .map(overrides -> {
                    Map<String, String> variables = new TreeMap<>();
                    ConfigMerge.effective(base == null ? ConfigSnapshot.EMPTY : base.entries,
                            overrides == null ? ConfigSnapshot.EMPTY : overrides.entries).entries().forEach((name, effective) -> {
                                if (effective.entry().type() == ConfigEntryType.VARIABLE) {
                                    variables.put(name, effective.entry().value());
                                }
                            });
                    return variables;
                }));
    }

    /**
     * Gives a new environment the current overrides of another one of the application, as its
     * first revision (nothing when the source has none). Secrets are copied by reference to their
     * sealed values: a value belongs to the application, not to an environment (its associated
     * data names the application and the value's id), so the clone opens it as the source does,
     * nothing is decrypted to copy it, and re-encryption and tear-downs treat the shared value as
     * they treat a restored one. Runs in the caller's transaction; the caller has authorized the
     * clone (creating the environment, deploying to the source).
     */
    public Uni<Void> copyOverrides(Caller caller, Application app, Environment source, Environment clone) {
        Target target = new Target(app, clone);
        return revisions.lock(app.id)
                .flatMap(locked -> revisions.heads(app.id, source.id))
                .flatMap(heads -> state(app.id, source.id, heads.environment()).flatMap(overrides -> {
                    long next = heads.application() + 1;
                    Map<String, StoredEntry> copied = ConfigEdits.restore(Map.of(), overrides.byName(), next);
                    return record(target, caller, Map.of(), copied, next, "cloned from " + source.name, null);
                }));
    }

    // --- permissions: every check of this service goes through these two --------------------------

    /** The application, or 404 when it does not exist or the caller may not see it. */
    private Uni<Application> authorizeRead(Caller caller, String application) {
        return applications.requireVisible(caller, application);
    }

    /**
     * config.update on what the change reaches. An environment's overrides: that environment,
     * whose type decides the role (developer, or deployer for a protected type). The base: every
     * environment of the application, so it counts as protected when any of them is.
     */
    private Uni<Target> authorizeConfigChange(Caller caller, String application, String environment) {
        if (environment != null) {
            return environments.requireEnvironment(caller, application, environment, Permission.CONFIG_UPDATE)
                    .map(located -> new Target(located.application(), located.environment()));
        }
        return applications.requireVisible(caller, application)
                .call(app -> revisions.protectedEnvironmentTypes(app.id).flatMap(types -> access.require(caller, Permission.CONFIG_UPDATE,
                        new AccessTarget("config", app.name, app.name, app.ownerGroup, null, !types.isEmpty()))))
                .map(app -> new Target(app, null));
    }

    // --- use-case plumbing ----------------------------------------------------------------------------

    private Uni<Target> read(String application, String environment) {
        return callers.current().flatMap(caller -> authorizeRead(caller, application)
                .flatMap(app -> environment == null
                        ? Uni.createFrom().item(new Target(app, null))
                        : environments.require(app, environment).map(env -> new Target(app, env))));
    }

    /** Computes a scope's next state from its current one (entries by name) and the next revision number. */
    @FunctionalInterface
    private interface NextState {
        Uni<Map<String, StoredEntry>> of(Target target, Map<String, StoredEntry> current, long next);
    }

    /**
     * One change of one scope: authorize, serialise with other changes of the application, check
     * If-Match against the newest state, compute the next state and record it as a revision unless
     * nothing changed.
     */
    private Uni<Target> change(String application, String environment, String ifMatch, String message, Long restoredFrom,
            NextState nextState) {
        return callers.current().flatMap(caller -> authorizeConfigChange(caller, application, environment)
                .call(target -> revisions.lock(target.app().id))
                .call(target -> revisions.heads(target.app().id, target.environmentId()).flatMap(heads -> {
                    ETags.checkIfMatch(ifMatch, target.environment() == null ? heads.base() : heads.effective());
                    long next = heads.application() + 1;
                    long scopeHead = target.environment() == null ? heads.base() : heads.environment();
                    return state(target.app().id, target.environmentId(), scopeHead).flatMap(current -> {
                        Map<String, StoredEntry> before = current.byName();
                        return nextState.of(target, before, next)
                                .flatMap(after -> record(target, caller, before, after, next, message, restoredFrom));
                    });
                })));
    }

    private Uni<Target> restore(String application, String environment, RestoreConfigRequest request, String ifMatch) {
        String message = request.message() != null ? request.message() : "restore revision " + request.revision();
        return change(application, environment, ifMatch, message, request.revision(), (target, current, next) -> {
            if (request.revision() >= next) {
                throw SlipwayException.Invalid.field("revision", "there is no revision " + request.revision()
                        + (next > 1 ? "; the latest is " + (next - 1) : "; the application has none yet"));
            }
            return state(target.app().id, target.environmentId(), request.revision())
                    .map(earlier -> ConfigEdits.restore(current, earlier.byName(), next));
        });
    }

    /** Persists the next state as revision {@code next}; nothing when it equals the current one. */
    private Uni<Void> record(Target target, Caller caller, Map<String, StoredEntry> before, Map<String, StoredEntry> after, long next,
            String message, Long restoredFrom) {
        List<RevisionChange> changes = ConfigEdits.changes(before, after);
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ConfigEdits.checkLimits(after);
        ConfigRevision revision = new ConfigRevision();
        revision.id = UUID.randomUUID();
        revision.applicationId = target.app().id;
        revision.number = next;
        revision.environmentId = target.environmentId();
        revision.environment = target.environment() == null ? null : target.environment().name;
        revision.message = message;
        revision.restoredFrom = restoredFrom;
        revision.entries = ConfigSnapshot.of(after.values());
        revision.changes = new ChangeLog(changes);
        revision.createdBy = caller.name();
        revision.createdAt = Timestamps.now();
        return revisions.persistAndFlush(revision).replaceWithVoid();
    }

    /** Seals each secret of a change set (in order: one session, one operation at a time). */
    private Uni<Map<String, StoredEntry>> sealSecrets(UUID applicationId, Map<String, StoredEntry> current, List<ConfigChange> changes,
            long revision) {
        Map<String, StoredEntry> sealed = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConfigChange change : changes) {
            if (change.secret() != null) {
                chain = chain.call(() -> secrets.store(applicationId, change.name(), change.secret(), current.get(change.name()), revision)
                        .invoke(entry -> sealed.put(change.name(), entry)));
            }
        }
        return chain.replaceWith(sealed);
    }

    Uni<ConfigSnapshot> state(UUID applicationId, UUID environmentId, long asOf) {
        return revisions.scopeAt(applicationId, environmentId, asOf).map(row -> row == null ? ConfigSnapshot.EMPTY : row.entries);
    }

    private Uni<ApplicationConfigView> applicationView(Application app) {
        return revisions.heads(app.id, null).flatMap(heads -> state(app.id, null, heads.base())
                .map(base -> ConfigMapper.toApplicationView(app.name, heads.base(), base)));
    }

    private Uni<EnvironmentConfigView> currentEnvironmentView(Target target) {
        return revisions.heads(target.app().id, target.environmentId())
                .flatMap(heads -> environmentView(target.app(), target.environment(), heads.application()));
    }

    private Uni<EnvironmentConfigView> environmentView(Application app, Environment environment, long asOf) {
        return revisions.scopeAt(app.id, null, asOf).flatMap(base -> revisions.scopeAt(app.id, environment.id, asOf)
                .map(overrides -> ConfigMapper.toEnvironmentView(app.name, environment.name,
                        base == null ? 0 : base.number, overrides == null ? 0 : overrides.number,
                        ConfigMerge.effective(base == null ? ConfigSnapshot.EMPTY : base.entries,
                                overrides == null ? ConfigSnapshot.EMPTY : overrides.entries))));
    }

    private void validate(RestoreConfigRequest request) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        limits.check(request).throwIfAny();
    }

    static long parseRevision(String application, String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw SlipwayException.NotFound.of(REVISION_KIND, application + "/" + number);
        }
    }
}
