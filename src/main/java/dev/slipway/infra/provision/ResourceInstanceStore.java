package dev.slipway.infra.provision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import dev.slipway.api.Timestamps;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.config.SecretStore;
import dev.slipway.infra.definition.ResolvedDefinition;
import dev.slipway.infra.driver.AppliedObject;
import dev.slipway.infra.driver.ProvisionResult;
import dev.slipway.infra.placeholder.WorkloadPlaceholders;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The resource records as the reconciler's blocking threads write them: each call is one
 * transaction on a Vert.x context (Hibernate Reactive needs one), awaited. Secret outputs and
 * generated values are sealed by {@link SecretStore} as values owned by the application; a record
 * holds their ids only, and replacing or deleting a record deletes the values it no longer needs.
 */
@ApplicationScoped
public class ResourceInstanceStore {
    private static final int MAX_MESSAGE = 2000;

    private final ResourceInstanceRepository instances;
    private final SecretStore secrets;

    public ResourceInstanceStore(ResourceInstanceRepository instances, SecretStore secrets) {
        this.instances = instances;
        this.secrets = secrets;
    }

    /** Runs reactive work from a blocking thread and waits for it. */
    public <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inTransaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    public ResourceInstance find(UUID environmentId, String name) {
        return await(() -> Panache.withSession(() -> instances.findByName(environmentId, name)));
    }

    public List<ResourceInstance> ofEnvironment(UUID environmentId) {
        return await(() -> Panache.withSession(() -> instances.ofEnvironment(environmentId)));
    }

    /** A request no definition serves: recorded FAILED, so the environment's resources show why. */
    public void recordUnmatched(ResourceProvisioning.Target target, String name, ResourceRequest request, String paramsHash,
            String reason) {
        inTransaction(() -> instances.findByName(target.environmentId(), name).flatMap(existing -> {
            ResourceInstance instance = existing != null ? existing : newInstance(target, name, request, paramsHash);
            instance.status = ResourceInstanceStatus.FAILED;
            instance.statusReason = "NoMatchingDefinition";
            instance.statusMessage = truncate(reason);
            instance.deploymentId = target.deploymentId();
            instance.updatedAt = Timestamps.now();
            return existing != null ? instances.flush().replaceWith(instance) : instances.persistAndFlush(instance);
        }));
    }

    /** Marks the resource PROVISIONING with the definition that now provides it. */
    public ResourceInstance startProvisioning(ResourceProvisioning.Target target, String name, ResourceRequest request, String paramsHash,
            ResolvedDefinition definition, ResourceInstance existing) {
        return inTransaction(() -> (existing == null ? Uni.createFrom().<ResourceInstance>nullItem() : instances.findById(existing.id))
                .flatMap(current -> {
                    ResourceInstance instance = current != null ? current : newInstance(target, name, request, paramsHash);
                    instance.resourceClass = request.classOrDefault();
                    instance.params = request.params() == null ? Map.of() : request.params();
                    instance.paramsHash = paramsHash;
                    instance.definitionName = definition.name();
                    instance.definitionVersion = definition.version();
                    instance.driver = definition.driver();
                    instance.retain = definition.retain();
                    instance.status = ResourceInstanceStatus.PROVISIONING;
                    instance.statusReason = null;
                    instance.statusMessage = null;
                    instance.deploymentId = target.deploymentId();
                    instance.updatedAt = Timestamps.now();
                    return current != null ? instances.flush().replaceWith(instance) : instances.persistAndFlush(instance);
                }));
    }

    public ResourceInstance forgetApplied(UUID id) {
        return change(id, instance -> instance.applied = AppliedObjects.NONE);
    }

    /** Seals newly generated values and keeps their ids, before the driver applies anything that holds them. */
    public void keepGenerated(UUID id, Map<String, String> values) {
        inTransaction(() -> instances.findById(id).flatMap(instance -> {
            Map<String, String> ids = new TreeMap<>(instance.generated == null ? Map.of() : instance.generated);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> value : values.entrySet()) {
                chain = chain.call(() -> secrets.seal(instance.applicationId, value.getValue())
                        .invoke(sealed -> ids.put(value.getKey(), sealed.id().toString())));
            }
            return chain.map(ignored -> {
                instance.generated = ids;
                instance.updatedAt = Timestamps.now();
                return instance;
            }).call(ignored -> instances.flush());
        }));
    }

    public void keepApplied(UUID id, List<AppliedObject> objects) {
        change(id, instance -> instance.applied = new AppliedObjects(objects));
    }

    /** The values generated for the resource earlier, opened (in memory only). */
    public Map<String, String> openGenerated(ResourceInstance instance) {
        return open(instance.applicationId, instance.generated);
    }

    /** The outputs of a READY resource, secret ones opened (in memory only). */
    public WorkloadPlaceholders.Outputs outputsOf(ResourceInstance instance) {
        return new WorkloadPlaceholders.Outputs(instance.outputs == null ? Map.of() : instance.outputs,
                open(instance.applicationId, instance.secretOutputs));
    }

    /** Records the outputs of a ready resource: plain ones as they are, secret ones sealed; replaced secret values deleted. */
    public ResourceInstance markReady(UUID id, ProvisionResult result) {
        return inTransaction(() -> instances.findById(id).flatMap(instance -> {
            List<UUID> obsolete = ids(instance.secretOutputs);
            Map<String, String> sealedIds = new TreeMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, String> output : result.outputs().secret().entrySet()) {
                chain = chain.call(() -> secrets.seal(instance.applicationId, output.getValue())
                        .invoke(sealed -> sealedIds.put(output.getKey(), sealed.id().toString())));
            }
            return chain.call(() -> secrets.deleteValues(instance.applicationId, obsolete)).map(ignored -> {
                instance.outputs = new TreeMap<>(result.outputs().plain());
                instance.secretOutputs = sealedIds;
                instance.applied = new AppliedObjects(result.applied());
                instance.status = ResourceInstanceStatus.READY;
                instance.statusReason = null;
                instance.statusMessage = null;
                instance.updatedAt = Timestamps.now();
                return instance;
            }).call(ignored -> instances.flush());
        }));
    }

    public void markFailed(UUID id, String reason, String message) {
        change(id, instance -> {
            instance.status = ResourceInstanceStatus.FAILED;
            instance.statusReason = reason;
            instance.statusMessage = truncate(message);
        });
    }

    public void markRetained(UUID id) {
        change(id, instance -> {
            instance.status = ResourceInstanceStatus.RETAINED;
            instance.statusReason = "Retained";
            instance.statusMessage = "no deployment asks for it any more; kept in place because its definition says retain";
        });
    }

    public void markDeleting(UUID id) {
        change(id, instance -> {
            instance.status = ResourceInstanceStatus.DELETING;
            instance.statusReason = null;
            instance.statusMessage = null;
        });
    }

    /** Deletes the record and the encrypted values it refers to. */
    public void delete(ResourceInstance instance) {
        List<UUID> values = new ArrayList<>(ids(instance.secretOutputs));
        values.addAll(ids(instance.generated));
        inTransaction(() -> instances.deleteById(instance.id).call(() -> secrets.deleteValues(instance.applicationId, values)));
    }

    private ResourceInstance change(UUID id, java.util.function.Consumer<ResourceInstance> change) {
        return inTransaction(() -> instances.findById(id).flatMap(instance -> {
            change.accept(instance);
            instance.updatedAt = Timestamps.now();
            return instances.flush().replaceWith(instance);
        }));
    }

    private Map<String, String> open(UUID applicationId, Map<String, String> idsByName) {
        if (idsByName == null || idsByName.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> opened = await(() -> Panache.withSession(() -> secrets.openValues(applicationId, ids(idsByName))));
        Map<String, String> values = new HashMap<>();
        idsByName.forEach((name, id) -> {
            String value = opened.get(UUID.fromString(id));
            if (value == null) {
                throw new IllegalStateException("the encrypted value " + id + " of '" + name + "' cannot be opened");
            }
            values.put(name, value);
        });
        return values;
    }

    private static List<UUID> ids(Map<String, String> idsByName) {
        return idsByName == null ? List.of() : idsByName.values().stream().map(UUID::fromString).toList();
    }

    private static ResourceInstance newInstance(ResourceProvisioning.Target target, String name, ResourceRequest request,
            String paramsHash) {
        ResourceInstance instance = new ResourceInstance();
        instance.id = UUID.randomUUID();
        instance.environmentId = target.environmentId();
        instance.applicationId = target.applicationId();
        instance.name = name;
        instance.type = request.type();
        instance.resourceClass = request.classOrDefault();
        instance.params = request.params() == null ? Map.of() : request.params();
        instance.paramsHash = paramsHash;
        instance.outputs = Map.of();
        instance.secretOutputs = Map.of();
        instance.generated = Map.of();
        instance.applied = AppliedObjects.NONE;
        Instant now = Timestamps.now();
        instance.createdAt = now;
        instance.updatedAt = now;
        return instance;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
