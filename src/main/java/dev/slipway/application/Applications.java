package dev.slipway.application;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.access.Visibility;
import dev.slipway.api.Created;
import dev.slipway.api.DeletionGuards;
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
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Use cases of applications, shared by every API: validation, permissions, transactions. */
@ApplicationScoped
public class Applications {
    static final String KIND = "application";

    private final ApplicationRepository applications;
    private final DeletionGuards deletionGuards;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;

    public Applications(ApplicationRepository applications, DeletionGuards deletionGuards, CallerResolver callers,
            AccessGuard access, IdempotencyStore idempotency, MergePatcher patcher) {
        this.applications = applications;
        this.deletionGuards = deletionGuards;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
    }

    public Uni<Created<ApplicationView>> create(CreateApplicationRequest request, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            validate(request);
            return idempotency.createOnce(caller.subject(), key, "applications.create", request, 201, ApplicationView.class,
                    () -> access.require(caller, Permission.APPLICATION_CREATE, target(request.name(), request.ownerGroup()))
                            .flatMap(ignored -> insert(request, caller)));
        });
    }

    @WithSession
    public Uni<ApplicationView> get(String name) {
        return callers.current().flatMap(caller -> requireVisible(caller, name)).map(ApplicationMapper::toView);
    }

    /** Only the applications the caller may see. */
    @WithSession
    public Uni<Page<ApplicationView>> list(ApplicationQuery query) {
        return callers.current().flatMap(caller -> {
            Map<String, String> selector = LabelSelector.parse(query.labelSelector());
            PageRequest page = PageRequest.of(query.pageSize(), query.pageToken(),
                    LabelSelector.canonical(selector), query.ownerGroup());
            return access.visibility(caller)
                    .flatMap(visibility -> applications.page(page, query.ownerGroup(), selector, visibility))
                    .map(rows -> Page.from(rows, page, app -> app.name, ApplicationMapper::toView));
        });
    }

    public Uni<ApplicationView> update(String name, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current().flatMap(caller -> require(name)
                .call(app -> access.require(caller, Permission.APPLICATION_UPDATE, target(app)))
                .flatMap(app -> {
                    ETags.checkIfMatch(ifMatch, app.version);
                    ApplicationChanges changes = patcher.apply(ApplicationMapper.toChanges(app), mergePatch, ApplicationChanges.class);
                    if (changes.equals(ApplicationMapper.toChanges(app))) {
                        return Uni.createFrom().item(app); // nothing changes: same version, same ETag
                    }
                    validate(app.name, changes);
                    // Handing an application to another group needs the right to own it there too.
                    Uni<?> handover = changes.ownerGroup().equals(app.ownerGroup)
                            ? Uni.createFrom().voidItem()
                            : access.require(caller, Permission.APPLICATION_CREATE, target(app.name, changes.ownerGroup()));
                    return handover.map(ignored -> {
                        app.displayName = changes.displayName();
                        app.description = changes.description();
                        app.ownerGroup = changes.ownerGroup();
                        app.repositoryUrl = changes.repositoryUrl();
                        app.labels = changes.labels() == null ? new TreeMap<>() : new TreeMap<>(changes.labels());
                        app.updatedAt = Timestamps.now();
                        return app;
                    });
                })).flatMap(app -> applications.flush().replaceWith(app)).map(ApplicationMapper::toView));
    }

    /**
     * Deletes an application nothing uses any more. Its role bindings go with it (a foreign key
     * cascades), so a later application of the same name starts clean.
     */
    public Uni<Void> delete(String name, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current().flatMap(caller -> require(name)
                .call(app -> access.require(caller, Permission.APPLICATION_DELETE, target(app)))
                .flatMap(app -> {
                    ETags.checkIfMatch(ifMatch, app.version);
                    return deletionGuards.requireUnused(KIND, app.name, "delete them first").flatMap(ignored -> applications.delete(app));
                })));
    }

    /** Loads an application without a permission check (the caller has already been checked), or 404. */
    public Uni<Application> require(String name) {
        return applications.findByName(name)
                .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, name));
    }

    /**
     * Loads an application the caller may read. Missing and invisible applications give the same
     * 404, so names cannot be probed.
     */
    public Uni<Application> requireVisible(Caller caller, String name) {
        return require(name).call(app -> access.require(caller, Permission.APPLICATION_READ, target(app)));
    }

    /** Names of the applications a visibility admits (not for callers who see all). */
    public Uni<java.util.Set<String>> namesVisibleTo(Visibility visibility) {
        return applications.namesOwnedBy(visibility.ownerGroups()).map(owned -> {
            java.util.Set<String> names = new java.util.HashSet<>(owned);
            names.addAll(visibility.applications());
            return names;
        });
    }

    public static AccessTarget target(Application app) {
        return target(app.name, app.ownerGroup);
    }

    private static AccessTarget target(String name, String ownerGroup) {
        return AccessTarget.application(KIND, name, name, ownerGroup);
    }

    private Uni<ApplicationView> insert(CreateApplicationRequest request, Caller caller) {
        return applications.findByName(request.name()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new SlipwayException.AlreadyExists("application '" + request.name() + "' already exists"));
            }
            Application app = new Application();
            app.id = UUID.randomUUID();
            app.name = request.name();
            app.displayName = request.displayName();
            app.description = request.description();
            app.ownerGroup = request.ownerGroup();
            app.repositoryUrl = request.repositoryUrl();
            app.labels = request.labels() == null ? new TreeMap<>() : new TreeMap<>(request.labels());
            app.createdAt = Timestamps.now();
            app.updatedAt = app.createdAt;
            app.createdBy = caller.name();
            return applications.persistAndFlush(app).map(ApplicationMapper::toView);
        });
    }

    private static void validate(CreateApplicationRequest request) {
        if (request == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        new Violations()
                .slug("name", request.name())
                .required("ownerGroup", request.ownerGroup())
                .maxLength("ownerGroup", request.ownerGroup(), 255)
                .maxLength("displayName", request.displayName(), 200)
                .maxLength("description", request.description(), 4000)
                .httpUrl("repositoryUrl", request.repositoryUrl())
                .labels("labels", request.labels())
                .throwIfAny();
    }

    private static void validate(String currentName, ApplicationChanges changes) {
        Violations violations = new Violations();
        if (!currentName.equals(changes.name())) {
            violations.add("name", "is immutable");
        }
        violations.required("ownerGroup", changes.ownerGroup())
                .maxLength("ownerGroup", changes.ownerGroup(), 255)
                .maxLength("displayName", changes.displayName(), 200)
                .maxLength("description", changes.description(), 4000)
                .httpUrl("repositoryUrl", changes.repositoryUrl())
                .labels("labels", changes.labels())
                .throwIfAny();
    }
}
