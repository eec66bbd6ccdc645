package dev.slipway.infra.definition;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

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
import dev.slipway.infra.driver.ResourceTypeOutputs;
import dev.slipway.store.Transactions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resource types: the built-in ones (postgres, redis, s3, dns) come with Slipway and are
 * read-only; platform admins register more. Everyone may read them.
 */
@ApplicationScoped
public class ResourceTypes {
    static final String KIND = "resource type";
    /** Output names become placeholders (${resources.db.accessKeyId}) and environment variable parts. */
    static final Pattern OUTPUT_NAME = Pattern.compile("^[a-z][a-zA-Z0-9]{0,62}$");
    private static final int MAX_OUTPUTS = 64;
    private static final int USES_SHOWN = 10;

    private final ResourceTypeRepository types;
    private final ResourceDefinitionRepository definitions;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final IdempotencyStore idempotency;
    private final MergePatcher patcher;

    public ResourceTypes(ResourceTypeRepository types, ResourceDefinitionRepository definitions, CallerResolver callers,
            AccessGuard access, IdempotencyStore idempotency, MergePatcher patcher) {
        this.types = types;
        this.definitions = definitions;
        this.callers = callers;
        this.access = access;
        this.idempotency = idempotency;
        this.patcher = patcher;
    }

    public Uni<Created<ResourceTypeView>> create(ResourceTypeSpec spec, IdempotencyKey key) {
        return callers.current().flatMap(caller -> {
            if (spec == null) {
                throw SlipwayException.Invalid.field("body", "a JSON object is required");
            }
            validate(spec);
            return idempotency.createOnce(caller.subject(), key, "resource-types.create", spec, 201, ResourceTypeView.class,
                    () -> access.require(caller, Permission.RESOURCE_TYPE_MANAGE, AccessTarget.platform(KIND, spec.name()))
                            .flatMap(ignored -> insert(spec, caller)));
        });
    }

    @WithSession
    public Uni<ResourceTypeView> get(String name) {
        return callers.current()
                .call(caller -> access.require(caller, Permission.PLATFORM_READ, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> require(name))
                .map(ResourceTypeMapper::toView);
    }

    @WithSession
    public Uni<Page<ResourceTypeView>> list(Integer pageSize, String pageToken) {
        return callers.current().flatMap(caller -> {
            // Every authenticated caller may list them (Permission.PLATFORM_READ).
            PageRequest page = PageRequest.of(pageSize, pageToken);
            return types.page(page).map(rows -> Page.from(rows, page, type -> type.name, ResourceTypeMapper::toView));
        });
    }

    /**
     * Changes an admin-registered type. Its outputs are what definitions were validated against,
     * so they change only while no definition uses the type; the description may change any time.
     */
    public Uni<ResourceTypeView> update(String name, JsonNode mergePatch, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.RESOURCE_TYPE_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> requireWritable(name))
                .flatMap(type -> {
                    ETags.checkIfMatch(ifMatch, type.version);
                    ResourceTypeSpec changes = patcher.apply(ResourceTypeMapper.toSpec(type), mergePatch, ResourceTypeSpec.class);
                    if (changes.equals(ResourceTypeMapper.toSpec(type))) {
                        return Uni.createFrom().item(type); // nothing changes: same version, same ETag
                    }
                    if (!type.name.equals(changes.name())) {
                        throw SlipwayException.Invalid.field("name", "is immutable");
                    }
                    validate(changes);
                    List<ResourceOutput> outputs = normalized(changes.outputs());
                    Uni<Void> outputsMayChange = outputs.equals(type.outputs.items())
                            ? Uni.createFrom().voidItem()
                            : requireUnused(type, "its outputs cannot change while definitions use it");
                    return outputsMayChange.map(ignored -> {
                        type.description = changes.description();
                        type.outputs = new StoredOutputs(outputs);
                        type.updatedAt = Timestamps.now();
                        return type;
                    });
                })
                .flatMap(type -> types.flush().replaceWith(type))
                .map(ResourceTypeMapper::toView));
    }

    public Uni<Void> delete(String name, String ifMatch) {
        return Transactions.write(ifMatch, () -> callers.current()
                .call(caller -> access.require(caller, Permission.RESOURCE_TYPE_MANAGE, AccessTarget.platform(KIND, name)))
                .flatMap(caller -> requireWritable(name))
                .flatMap(type -> {
                    ETags.checkIfMatch(ifMatch, type.version);
                    return requireUnused(type, "delete them first").flatMap(ignored -> types.delete(type));
                }));
    }

    /**
     * The outputs of the named types that exist (a missing name is simply absent), for checking
     * what a deployment's placeholders may refer to. No permission check: types are platform data
     * every caller may read; runs in the caller's session.
     */
    public Uni<Map<String, ResourceTypeOutputs>> outputsOf(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return types.list("name in ?1", List.copyOf(names)).map(found -> {
            Map<String, ResourceTypeOutputs> outputs = new HashMap<>();
            found.forEach(type -> outputs.put(type.name, ResourceTypeMapper.toOutputs(type)));
            return outputs;
        });
    }

    /** The named type, or 404. */
    Uni<ResourceType> require(String name) {
        return types.findByName(name).onItem().ifNull().failWith(() -> SlipwayException.NotFound.of(KIND, name));
    }

    /** The outputs of a type a definition names, or a 400 on {@code field} when there is no such type. */
    Uni<ResourceTypeOutputs> outputsOf(String type, String field) {
        return types.findByName(type).map(found -> {
            if (found == null) {
                throw SlipwayException.Invalid.field(field, "resource type '" + type + "' does not exist");
            }
            return ResourceTypeMapper.toOutputs(found);
        });
    }

    private Uni<ResourceType> requireWritable(String name) {
        return require(name).invoke(type -> {
            if (type.builtIn) {
                throw new SlipwayException.Conflict("resource type '" + name + "' is built in and cannot be changed or deleted");
            }
        });
    }

    private Uni<Void> requireUnused(ResourceType type, String hint) {
        return definitions.namesOfType(type.name, USES_SHOWN).map(names -> {
            if (!names.isEmpty()) {
                throw new SlipwayException.Conflict("resource type '" + type.name + "' is used by resource definitions " + names
                        + (names.size() == USES_SHOWN ? " (and maybe more)" : "") + "; " + hint);
            }
            return null;
        });
    }

    private Uni<ResourceTypeView> insert(ResourceTypeSpec spec, Caller caller) {
        return types.findByName(spec.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw new SlipwayException.AlreadyExists("resource type '" + spec.name() + "' already exists");
                    }
                })
                .flatMap(ignored -> {
                    ResourceType type = new ResourceType();
                    type.id = UUID.randomUUID();
                    type.name = spec.name();
                    type.description = spec.description();
                    type.outputs = new StoredOutputs(normalized(spec.outputs()));
                    type.builtIn = false;
                    type.createdAt = Timestamps.now();
                    type.updatedAt = type.createdAt;
                    type.createdBy = caller.name();
                    return types.persistAndFlush(type);
                })
                .map(ResourceTypeMapper::toView);
    }

    /** Secret spelled out, so the stored form and every answer say false rather than nothing. */
    private static List<ResourceOutput> normalized(List<ResourceOutput> outputs) {
        return outputs.stream().map(output -> new ResourceOutput(output.name(), output.description(), output.isSecret())).toList();
    }

    private static void validate(ResourceTypeSpec spec) {
        Violations violations = new Violations()
                .slug("name", spec.name())
                .maxLength("description", spec.description(), 1000)
                .required("outputs", spec.outputs());
        List<ResourceOutput> outputs = spec.outputs();
        if (outputs != null) {
            if (outputs.isEmpty() || outputs.size() > MAX_OUTPUTS) {
                violations.add("outputs", "must have 1 to " + MAX_OUTPUTS + " entries");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < outputs.size(); i++) {
                String field = "outputs[" + i + "]";
                ResourceOutput output = outputs.get(i);
                if (output == null) {
                    violations.add(field, "must be an object");
                    continue;
                }
                if (output.name() == null || !OUTPUT_NAME.matcher(output.name()).matches()) {
                    violations.add(field + ".name",
                            "must be a letter, then letters and digits, at most 63 (" + OUTPUT_NAME.pattern() + ")");
                } else if (!seen.add(output.name())) {
                    violations.add(field + ".name", "'" + output.name() + "' is listed twice");
                }
                violations.maxLength(field + ".description", output.description(), 1000);
            }
        }
        violations.throwIfAny();
    }
}
