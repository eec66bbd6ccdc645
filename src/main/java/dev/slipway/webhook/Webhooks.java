package dev.slipway.webhook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

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
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Timestamps;
import dev.slipway.api.Violations;
import dev.slipway.application.Application;
import dev.slipway.application.Applications;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Webhook subscriptions and their delivery logs. A subscription of an application is read and
 * written by owners of it ({@link Permission#WEBHOOK_READ}, {@link Permission#WEBHOOK_MANAGE}); a
 * platform-wide one by admins ({@link Permission#PLATFORM_WEBHOOK_READ},
 * {@link Permission#PLATFORM_WEBHOOK_MANAGE}). The signing secret is write-only: sealed on the way
 * in, shown as a keyed fingerprint, and a generated one is returned once in the create response
 * (never in the idempotency record, so a replay shows only the fingerprint).
 */
@ApplicationScoped
public class Webhooks {
    static final String KIND = "webhook";
    static final int MAX_URL = 2048;
    static final int MAX_EVENT_TYPES = 20;
    static final int MAX_DESCRIPTION = 1000;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    private static final List<String> STATES = List.of("pending", "delivered", "failed");

    private final WebhookRepository subscriptions;
    private final DeliveryStore deliveries;
    private final WebhookSecrets secrets;
    private final WebhookUrlGuard guard;
    private final Applications applications;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;

    public Webhooks(WebhookRepository subscriptions, DeliveryStore deliveries, WebhookSecrets secrets, WebhookUrlGuard guard,
            Applications applications, CallerResolver callers, AccessGuard access, IdempotencyStore idempotency, MergePatcher patcher) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.guard = guard;
        this.applications = applications;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
    }

    public Uni<Created<WebhookView>> create(WebhookSpec spec, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            validate(spec.url(), spec.eventTypes(), spec.description(), spec.secret(), spec.application());
            AtomicReference<String> generated = new AtomicReference<>();
            return checkUrl(spec.url()).flatMap(ignored -> idempotency.createOnce(caller.subject(), key, "webhooks.create", spec, 201,
                    WebhookView.class, () -> authorize(caller, spec.application(), null, "create")
                            .flatMap(app -> insert(spec, app, caller, generated))))
                    .map(created -> created.replayed() || generated.get() == null
                            ? created
                            : new Created<>(created.resource().withSecret(generated.get()), false));
        });
    }

    @WithSession
    public Uni<WebhookView> get(UUID id) {
        return callers.current().flatMap(caller -> requireReadable(caller, id)).map(this::view);
    }

    /**
     * The subscriptions the caller may read, by id: of one application (owners), or of all (admins
     * see every one; others those of the applications they own, so a page may hold fewer than asked).
     */
    @WithSession
    public Uni<Page<WebhookView>> list(Integer pageSize, String pageToken, String application) {
        return callers.current().flatMap(caller -> {
            new Violations().optionalSlug("application", application).throwIfAny();
            PageRequest page = PageRequest.of(pageSize, pageToken, application);
            Uni<Void> scope = application == null
                    ? Uni.createFrom().voidItem()
                    : applications.require(application).flatMap(app -> access.require(caller, Permission.WEBHOOK_READ, target(app, null)))
                            .replaceWithVoid();
            return scope.flatMap(ignored -> access.visibility(caller))
                    .flatMap(visibility -> visibility.all() || application != null
                            ? Uni.createFrom().nullItem()
                            : applications.namesVisibleTo(visibility))
                    .flatMap(visible -> subscriptions.page(page, application, visible))
                    .flatMap(rows -> readable(caller, rows).map(allowed -> {
                        Page<WebhookSubscription> all = Page.from(rows, page, row -> row.id.toString(), row -> row);
                        return new Page<>(all.items().stream().filter(allowed::contains).map(this::view).toList(), all.nextPageToken());
                    }));
        });
    }

    /** Without If-Match the change is unconditional (run again on a stale version); a patch that changes nothing keeps the ETag. */
    public Uni<WebhookView> update(UUID id, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch,
                () -> callers.current().flatMap(caller -> require(id).call(subscription -> authorize(caller, subscription.application,
                        subscription.id, "update")).flatMap(subscription -> {
                            ETags.checkIfMatch(ifMatch, subscription.version);
                            WebhookChanges changes = patcher.apply(WebhookMapper.toChanges(subscription), mergePatch, WebhookChanges.class);
                            validate(changes.url(), changes.eventTypes(), changes.description(), changes.secret(),
                                    subscription.application);
                            if (changes.enabled() == null) {
                                throw SlipwayException.Invalid.field("enabled", "must be true or false");
                            }
                            Uni<Void> urlChecked = changes.url().equals(subscription.url)
                                    ? Uni.createFrom().voidItem()
                                    : checkUrl(changes.url());
                            if (WebhookMapper.toChanges(subscription).equals(changes)) {
                                return Uni.createFrom().item(subscription);
                            }
                            return urlChecked.flatMap(ignored -> {
                                subscription.url = changes.url();
                                subscription.eventTypes(changes.eventTypes());
                                subscription.description = changes.description();
                                subscription.enabled = changes.enabled();
                                if (changes.secret() != null) {
                                    secrets.seal(subscription, changes.secret());
                                }
                                subscription.updatedAt = Timestamps.now();
                                return subscriptions.persistAndFlush(subscription);
                            });
                        })).map(this::view));
    }

    /** Deletes a subscription and its delivery log; deliveries not yet sent are dropped with it. */
    public Uni<Void> delete(UUID id, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current().flatMap(caller -> require(id)
                .call(subscription -> authorize(caller, subscription.application, subscription.id, "delete"))
                .flatMap(subscription -> {
                    ETags.checkIfMatch(ifMatch, subscription.version);
                    return subscriptions.delete(subscription);
                })));
    }

    /** The delivery log, newest first, optionally of one state. */
    @WithSession
    public Uni<Page<DeliveryView>> deliveries(UUID id, Integer pageSize, String pageToken, String state) {
        return callers.current().flatMap(caller -> {
            if (state != null && !STATES.contains(state)) {
                throw SlipwayException.Invalid.field("state", "must be one of " + STATES);
            }
            PageRequest page = PageRequest.of(pageSize, pageToken, id.toString(), state);
            return requireReadable(caller, id).flatMap(subscription -> deliveries.page(id, page, state))
                    .map(rows -> Page.from(rows, page, row -> Long.toString(row.getLong("seq")), DeliveryStore::view));
        });
    }

    /** Sends a delivery again now (delivered, failed or still pending), with a fresh 24 h of retries. */
    @WithTransaction
    public Uni<DeliveryView> redeliver(UUID id, UUID deliveryId) {
        return callers.current().flatMap(caller -> require(id)
                .call(subscription -> authorize(caller, subscription.application, subscription.id, "redeliver " + deliveryId))
                .flatMap(subscription -> deliveries.find(id, deliveryId))
                .onItem().ifNull().failWith(() -> SlipwayException.NotFound.of("webhook delivery", deliveryId.toString()))
                .call(before -> deliveries.redeliver(id, deliveryId))
                .map(before -> new DeliveryView(before.id(), before.eventId(), before.eventType(), before.subject(), "pending",
                        before.attempts(), before.lastStatusCode(), before.lastLatencyMs(), before.lastError(), before.lastAttemptAt(),
                        Timestamps.now(), null, before.createdAt())));
    }

    /** Sends a test event (type dev.slipway.webhook.ping) to the subscription, whatever types it asked for. */
    @WithTransaction
    public Uni<DeliveryView> ping(UUID id) {
        UUID deliveryId = UUID.randomUUID();
        String eventId = "ping-" + deliveryId;
        return callers.current().flatMap(caller -> require(id)
                .call(subscription -> authorize(caller, subscription.application, subscription.id, "ping"))
                .flatMap(subscription -> deliveries.ping(id, deliveryId, eventId,
                        new JsonObject().put("webhook", id.toString()).put("requestedBy", caller.name()).encode())))
                .map(ignored -> new DeliveryView(deliveryId, eventId, WebhookEventTypes.PING, "webhooks/" + id, "pending", 0, null, null,
                        null, null, Timestamps.now(), null, Timestamps.now()));
    }

    /** A subscription id from a path; one that is no UUID names nothing (404). */
    public static UUID parseId(String text) {
        return parse(text, KIND);
    }

    public static UUID parseDeliveryId(String text) {
        return parse(text, "webhook delivery");
    }

    private static UUID parse(String text, String kind) {
        try {
            return UUID.fromString(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.NotFound.of(kind, text);
        }
    }

    private WebhookView view(WebhookSubscription subscription) {
        return WebhookMapper.toView(subscription, secrets);
    }

    /** Owners of the application, or admins for a platform-wide subscription; the allowed write is audited with what was done. */
    private Uni<Application> authorize(Caller caller, String application, UUID id, String what) {
        String name = id == null ? null : id.toString();
        if (application == null) {
            return access.require(caller, Permission.PLATFORM_WEBHOOK_MANAGE, AccessTarget.platform(KIND, name), what).replaceWith(
                    (Application) null);
        }
        return applications.require(application)
                .call(app -> hidden(access.require(caller, Permission.WEBHOOK_MANAGE, target(app, name), what), id));
    }

    private Uni<WebhookSubscription> requireReadable(Caller caller, UUID id) {
        return require(id).call(subscription -> subscription.application == null
                ? access.require(caller, Permission.PLATFORM_WEBHOOK_READ, AccessTarget.platform(KIND, id.toString()))
                : applications.require(subscription.application)
                        .flatMap(app -> hidden(access.require(caller, Permission.WEBHOOK_READ, target(app, id.toString())), id)));
    }

    /**
     * A subscription of an application the caller may not see answers exactly as a missing one
     * (naming the subscription, not its application), so ids cannot be probed; a create names the
     * application the caller gave, so it keeps the application's 404.
     */
    private static <T> Uni<T> hidden(Uni<T> check, UUID id) {
        return id == null
                ? check
                : check.onFailure(SlipwayException.NotFound.class).transform(ignored -> SlipwayException.NotFound.of(KIND, id.toString()));
    }

    /** The rows of the page the caller may read (decided once per application, without auditing). */
    private Uni<java.util.Set<WebhookSubscription>> readable(Caller caller, List<WebhookSubscription> rows) {
        Map<String, Boolean> byApplication = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WebhookSubscription row : rows) {
            String app = row.application;
            chain = chain.flatMap(ignored -> byApplication.containsKey(String.valueOf(app))
                    ? Uni.createFrom().voidItem()
                    : decide(caller, app).invoke(allowed -> byApplication.put(String.valueOf(app), allowed)).replaceWithVoid());
        }
        return chain.map(ignored -> {
            java.util.Set<WebhookSubscription> allowed = new java.util.HashSet<>();
            rows.forEach(row -> {
                if (byApplication.getOrDefault(String.valueOf(row.application), false)) {
                    allowed.add(row);
                }
            });
            return allowed;
        });
    }

    private Uni<Boolean> decide(Caller caller, String application) {
        if (application == null) {
            return access.decide(caller, Permission.PLATFORM_WEBHOOK_READ, AccessTarget.platform(KIND, null)).map(d -> d.allowed());
        }
        return applications.require(application).flatMap(app -> access.decide(caller, Permission.WEBHOOK_READ, target(app, null)))
                .map(d -> d.allowed());
    }

    private static AccessTarget target(Application app, String name) {
        return AccessTarget.application(KIND, name, app.name, app.ownerGroup);
    }

    private Uni<WebhookSubscription> require(UUID id) {
        return subscriptions.findById(id).onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, id.toString()));
    }

    private void validate(String url, List<String> eventTypes, String description, String secret, String application) {
        Violations violations = new Violations().optionalSlug("application", application).required("url", url)
                .maxLength("url", url, MAX_URL).maxLength("description", description, MAX_DESCRIPTION);
        if (url != null && url.length() <= MAX_URL) {
            String wrong = guard.checkSyntax(url);
            if (wrong != null) {
                violations.add("url", wrong);
            }
        }
        if (eventTypes == null || eventTypes.isEmpty()) {
            violations.add("eventTypes", "must name at least one event type");
        } else if (eventTypes.size() > MAX_EVENT_TYPES) {
            violations.add("eventTypes", "must name at most " + MAX_EVENT_TYPES + " event types");
        } else {
            for (int i = 0; i < eventTypes.size(); i++) {
                if (!WebhookEventTypes.ALL.contains(eventTypes.get(i))) {
                    violations.add("eventTypes[" + i + "]", "must be one of " + WebhookEventTypes.ALL);
                }
            }
        }
        if (secret != null) {
            if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
                violations.add("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
            } else if (WebhookSigner.check(secret) != null) {
                violations.add("secret", WebhookSigner.check(secret));
            }
        }
        violations.throwIfAny();
    }

    /** Resolves the URL on a worker thread (DNS blocks) and carries on on the caller's context. */
    private Uni<Void> checkUrl(String url) {
        Context context = Vertx.currentContext();
        Uni<Void> blocking = Uni.createFrom().item(() -> guard.check(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(refused -> {
                    if (refused != null) {
                        throw SlipwayException.Invalid.field("url", refused);
                    }
                    return null;
                });
        return context == null ? blocking : blocking.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private Uni<WebhookView> insert(WebhookSpec spec, Application app, Caller caller, AtomicReference<String> generated) {
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = UUID.randomUUID();
        subscription.applicationId = app == null ? null : app.id;
        subscription.application = app == null ? null : app.name;
        subscription.url = spec.url();
        subscription.eventTypes(spec.eventTypes());
        subscription.description = spec.description();
        subscription.enabled = spec.enabled() == null || spec.enabled();
        String secret = spec.secret();
        if (secret == null) {
            secret = WebhookSigner.newSecret();
            generated.set(secret);
        }
        secrets.seal(subscription, secret);
        subscription.createdAt = Timestamps.now();
        subscription.updatedAt = subscription.createdAt;
        subscription.createdBy = caller.name();
        return subscriptions.persistAndFlush(subscription).map(this::view);
    }

}
