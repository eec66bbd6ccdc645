package dev.slipway.infra.definition;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
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
import dev.slipway.environment.Environments;
import dev.slipway.infra.definition.DefinitionPatch.SecretChanges;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resource definitions: platform admins write them, every authenticated caller reads them (never
 * their secret inputs). Also the matching a deployment's resources go through: {@link #match}
 * and {@link #resolve} for the provisioner, {@link #dryRunMatch} for people asking beforehand.
 */
@ApplicationScoped
public class ResourceDefinitions {
    /** Who the definitions Slipway ships are created by. */
    static final String SEEDED_BY = "slipway";
    static final String KIND = "resource definition";

    private final ResourceDefinitionRepository definitions;
    private final ResourceTypes types;
    private final DefinitionInputs inputs;
    private final Environments environments;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;

    public ResourceDefinitions(ResourceDefinitionRepository definitions, ResourceTypes types, DefinitionInputs inputs,
            Environments environments, CallerResolver callers, AccessGuard access, IdempotencyStore idempotency, MergePatcher patcher) {
        this.definitions = definitions;
        this.types = types;
        this.inputs = inputs;
        this.environments = environments;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
    }

    public Uni<Created<ResourceDefinitionView>> create(ResourceDefinitionSpec spec, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            ResourceDefinitionSpec normalized = DefinitionRules.withDefaults(spec);
            SecretChanges secrets = SecretChanges.setting(normalized.driverInputs().secrets());
            DefinitionRules.validate(normalized, secrets);
            return idempotency.createOnce(caller.subject(), key, "resource-definitions.create", normalized, 201,
                    ResourceDefinitionView.class,
                    () -> access.require(caller, Permission.RESOURCE_DEFINITION_MANAGE, AccessTarget.platform(KIND, normalized.name()))
                            .flatMap(ignored -> insert(normalized, secrets, caller.name())));
        });
    }

    /**
     * Creates a definition Slipway ships (see {@code infra.template.ShippedDefinitions}) as the
     * platform itself: checked like any other, created by "slipway", audited by nobody since nobody
     * asked. Runs in the caller's transaction.
     */
    Uni<ResourceDefinitionView> seed(ResourceDefinitionSpec spec) {
        ResourceDefinitionSpec normalized = DefinitionRules.withDefaults(spec);
        SecretChanges secrets = SecretChanges.setting(normalized.driverInputs().secrets());
        DefinitionRules.validate(normalized, secrets);
        return insert(normalized, secrets, SEEDED_BY);
    }

    @WithSession
    public Uni<ResourceDefinitionView> get(String name) {
        return callers.current()
                .call(caller -> access.require(caller, Permission.PLATFORM_READ, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .map(ResourceDefinitionMapper::toView);
    }

    /** @param type only definitions of this resource type, or null for all */
    @WithSession
    public Uni<Page<ResourceDefinitionView>> list(Integer pageSize, String pageToken, String type) {
        return callers.current().flatMap(caller -> {
            // Every authenticated caller may list them (Permission.PLATFORM_READ).
            new Violations().optionalSlug("type", type).throwIfAny();
            PageRequest page = PageRequest.of(pageSize, pageToken, type);
            return definitions.page(page, type)
                    .map(rows -> Page.from(rows, page, definition -> definition.name, ResourceDefinitionMapper::toView));
        });
    }

    /**
     * Applies a JSON merge patch. Secret inputs merge by name: a new value replaces, null
     * removes, absent keeps. Name and type are immutable; every change bumps the version.
     */
    public Uni<ResourceDefinitionView> update(String name, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.RESOURCE_DEFINITION_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name).flatMap(definition -> {
                    ETags.checkIfMatch(ifMatch, definition.version);
                    DefinitionPatch patch = DefinitionPatch.of(mergePatch);
                    ResourceDefinitionSpec changed = DefinitionRules.withDefaults(
                            patcher.apply(ResourceDefinitionMapper.toSpec(definition), patch.rest(), ResourceDefinitionSpec.class));
                    if (patch.secrets() == SecretChanges.NONE
                            && changed.equals(DefinitionRules.withDefaults(ResourceDefinitionMapper.toSpec(definition)))) {
                        return Uni.createFrom().item(definition); // nothing changes: same version, same ETag
                    }
                    Violations immutable = new Violations();
                    if (!definition.name.equals(changed.name())) {
                        immutable.add("name", "is immutable");
                    }
                    if (!definition.type.equals(changed.type())) {
                        immutable.add("type", "is immutable; create a definition of the other type instead");
                    }
                    immutable.throwIfAny();
                    DefinitionRules.validate(changed, patch.secrets());
                    return definitions.lockType(definition.type)
                            .flatMap(ignored -> inputs.open(definition.name, definition.driverSecrets))
                            .flatMap(opened -> checkAndStore(changed, patch.secrets(), definition.driverSecrets, opened))
                            .map(secrets -> {
                                definition.driver = changed.driver();
                                definition.driverValues = inputs.canonical(changed.driverInputs().values());
                                definition.driverSecrets = secrets;
                                definition.criteria = new StoredCriteria(changed.criteria());
                                definition.retain = changed.retain();
                                definition.updatedAt = Timestamps.now();
                                definition.updatedBy = caller.name();
                                return definition;
                            });
                }))
                // Mapped after the flush, so the response carries the new version.
                .flatMap(definition -> definitions.flush().replaceWith(definition))
                .map(ResourceDefinitionMapper::toView));
    }

    public Uni<Void> delete(String name, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.RESOURCE_DEFINITION_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .flatMap(definition -> {
                    ETags.checkIfMatch(ifMatch, definition.version);
                    return definitions.delete(definition)
                            .flatMap(ignored -> inputs.delete(definition.driverSecrets, Map.of()));
                }));
    }

    /**
     * The dry run: which definition would provide a resource of the type to the application's
     * environment, and why; nothing is provisioned. The caller must be able to read the
     * application (404 otherwise, as for a missing one).
     */
    @WithSession
    public Uni<DefinitionMatch> dryRunMatch(MatchRequest request) {
        return callers.current().flatMap(caller -> {
            if (request == null) {
                throw SlipwayException.Invalid.field("body", "a JSON object is required");
            }
            new Violations().slug("application", request.application()).slug("environment", request.environment())
                    .slug("type", request.type()).optionalSlug("class", request.resourceClass()).throwIfAny();
            return environments.requireEnvironment(caller, request.application(), request.environment(), Permission.APPLICATION_READ)
                    .flatMap(located -> types.outputsOf(request.type(), "type")
                            .flatMap(ignored -> match(new MatchQuery(request.application(), request.environment(),
                                    located.environment().type, request.type(), request.resourceClass()))));
        });
    }

    /**
     * Which definition serves the query, with every candidate and the reason; no permission
     * check (the caller has authorized the deployment the resource is for). Joins the caller's
     * session, or opens one; off a Vert.x thread, call it through
     * {@code VertxContextSupport.subscribeAndAwait(() -> definitions.match(query))}.
     */
    @WithSession
    public Uni<DefinitionMatch> match(MatchQuery query) {
        return definitions.ofType(query.type())
                .map(found -> DefinitionMatcher.match(query, found.stream().map(ResourceDefinitionMapper::toMatchable).toList()));
    }

    /**
     * A definition as a provisioner needs it: driver, inputs with the secrets opened (in memory
     * only), the type's outputs. No permission check; 404 when it no longer exists, 503 when a
     * secret cannot be opened. Sessions as for {@link #match}.
     */
    @WithSession
    public Uni<ResolvedDefinition> resolve(String name) {
        return require(name).flatMap(definition -> types.outputsOf(definition.type, "type")
                .flatMap(outputs -> inputs.open(definition.name, definition.driverSecrets)
                        .map(secrets -> new ResolvedDefinition(definition.name, definition.version, definition.type, definition.driver,
                                outputs, new DriverInputs(definition.driverValues, secrets), definition.retain))));
    }

    private Uni<ResourceDefinition> require(String name) {
        return definitions.findByName(name).onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, name));
    }

    private Uni<ResourceDefinitionView> insert(ResourceDefinitionSpec spec, SecretChanges secrets, String createdBy) {
        return definitions.findByName(spec.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw new SlipwayException.AlreadyExists("resource definition '" + spec.name() + "' already exists");
                    }
                })
                .flatMap(ignored -> definitions.lockType(spec.type()))
                .flatMap(ignored -> checkAndStore(spec, secrets, Map.of(), Map.of()))
                .flatMap(stored -> {
                    ResourceDefinition definition = new ResourceDefinition();
                    definition.id = UUID.randomUUID();
                    definition.name = spec.name();
                    definition.type = spec.type();
                    definition.driver = spec.driver();
                    definition.driverValues = inputs.canonical(spec.driverInputs().values());
                    definition.driverSecrets = stored;
                    definition.criteria = new StoredCriteria(spec.criteria());
                    definition.retain = spec.retain();
                    definition.createdAt = Timestamps.now();
                    definition.createdBy = createdBy;
                    definition.updatedAt = definition.createdAt;
                    definition.updatedBy = createdBy;
                    return definitions.persistAndFlush(definition);
                })
                .map(ResourceDefinitionMapper::toView);
    }

    /**
     * Under the type's lock: the type exists, the driver accepts the inputs (secrets as they
     * will be), no other definition of the type ties with this one; then the secrets are stored.
     */
    private Uni<Map<String, SecretInput>> checkAndStore(ResourceDefinitionSpec spec, SecretChanges secrets,
            Map<String, SecretInput> stored, Map<String, String> opened) {
        return types.outputsOf(spec.type(), "type")
                .invoke(outputs -> inputs.check(spec.driver(), outputs, spec.driverInputs().values(),
                        secrets.applyTo(opened, value -> value)))
                .flatMap(ignored -> definitions.ofType(spec.type()))
                .invoke(others -> {
                    DefinitionMatcher.Tie tie = DefinitionMatcher.tie(
                            new MatchableDefinition(spec.name(), 0, spec.driver(), spec.criteria()),
                            others.stream().map(ResourceDefinitionMapper::toMatchable).toList());
                    if (tie != null) {
                        throw new SlipwayException.Conflict("resource definitions '" + spec.name() + "' and '" + tie.otherDefinition()
                                + "' would both serve the requests criterion " + tie.criterion()
                                + " matches, equally specifically; change or remove that criterion in one of them");
                    }
                })
                .flatMap(ignored -> inputs.store(stored, opened, secrets));
    }
}
