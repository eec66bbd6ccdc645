package dev.slipway.infra.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.infra.definition.DefinitionMatch;
import dev.slipway.infra.definition.MatchQuery;
import dev.slipway.infra.definition.ResolvedDefinition;
import dev.slipway.infra.definition.ResourceDefinitions;
import dev.slipway.infra.driver.AppliedObject;
import dev.slipway.infra.driver.ProvisionContext;
import dev.slipway.infra.driver.ProvisionResult;
import dev.slipway.infra.placeholder.WorkloadPlaceholders;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Provisions what a deployment asks for, for the reconciler (blocking, on its worker threads):
 * each requested resource is matched to a definition, skipped when nothing changed since it was
 * last provisioned (same definition version, same params), else run through its driver by the
 * {@link ResourceProvisioner}, and recorded with its outputs (secret ones encrypted). Resources the
 * environment no longer asks for are removed after a deployment succeeds, or kept when their
 * definition says retain. Every step's state is stored as it happens, so a worker that dies in
 * the middle leaves enough for the next one to resume.
 */
@ApplicationScoped
public class ResourceProvisioning {
    /** The deployment status reason for a resource that could not be provisioned. */
    public static final String FAILURE_REASON = ResourceProvisioner.FAILURE_REASON;
    private static final Logger LOG = Logger.getLogger(ResourceProvisioning.class);
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final ResourceDefinitions definitions;
    private final ResourceProvisioner provisioner;
    private final ResourceInstanceStore records;

    public ResourceProvisioning(ResourceDefinitions definitions, ResourceProvisioner provisioner, ResourceInstanceStore records) {
        this.definitions = definitions;
        this.provisioner = provisioner;
        this.records = records;
    }

    /** The environment a deployment provisions for, and a client for its cluster. */
    public record Target(UUID applicationId, String application, UUID environmentId, String environment, String environmentType,
            String namespace, UUID deploymentId, KubernetesClient client) {
    }

    /** How provisioning ended: every resource ready with its outputs, or the first failure. */
    public sealed interface Outcome permits Ready, Failed {
    }

    /**
     * @param outputs by resource name, for resolving placeholders
     * @param version changes whenever any output may have (a hash of the records' versions, never of values)
     */
    public record Ready(Map<String, WorkloadPlaceholders.Outputs> outputs, String version) implements Outcome {
        @Override
        public String toString() {
            return "Ready[resources=" + outputs.keySet() + ", version=" + version + "]";
        }
    }

    public record Failed(String reason, String message) implements Outcome {
    }

    /** Provisions the requested resources, in name order, stopping at the first that fails. */
    public Outcome provision(Target target, Map<String, ResourceRequest> requests) {
        Map<String, WorkloadPlaceholders.Outputs> outputs = new TreeMap<>();
        StringBuilder versions = new StringBuilder();
        for (Map.Entry<String, ResourceRequest> request : new TreeMap<>(requests).entrySet()) {
            Step step = provisionOne(target, request.getKey(), request.getValue());
            if (step.failure() != null) {
                return step.failure();
            }
            outputs.put(request.getKey(), step.outputs());
            versions.append(request.getKey()).append('@').append(step.recordVersion()).append(';');
        }
        return new Ready(outputs, sha256(versions.toString()).substring(0, 16));
    }

    /**
     * Removes the environment's resources that {@code keep} does not name: deprovisioned through
     * their driver, their records and encrypted values deleted; or marked RETAINED when their
     * definition says retain. A failure is recorded on the resource and logged; it never fails a
     * deployment that already succeeded, and the next deployment or the tear-down tries again.
     *
     * @return whether every removal that was due succeeded
     */
    public boolean removeUnused(Target target, Set<String> keep) {
        boolean all = true;
        for (ResourceInstance instance : records.ofEnvironment(target.environmentId())) {
            if (keep.contains(instance.name) || instance.status == ResourceInstanceStatus.RETAINED) {
                continue;
            }
            all &= remove(target, instance);
        }
        return all;
    }

    /**
     * Whether a retained resource of the environment left objects in {@code namespace}: deleting
     * the namespace would delete them too, which is what retain promises not to do.
     */
    public boolean retainsObjectsIn(UUID environmentId, String namespace) {
        return records.ofEnvironment(environmentId).stream()
                .filter(instance -> instance.status == ResourceInstanceStatus.RETAINED && instance.applied != null)
                .flatMap(instance -> instance.applied.items().stream())
                .anyMatch(object -> namespace.equals(object.namespace()));
    }

    private boolean remove(Target target, ResourceInstance instance) {
        if (instance.retain) {
            records.markRetained(instance.id);
            LOG.infof("resource %s of %s/%s retained (its definition %s says retain)", instance.name, target.application(),
                    target.environment(), instance.definitionName);
            return true;
        }
        records.markDeleting(instance.id);
        try {
            if (instance.driver != null) {
                provisioner.deprovision(instance.driver, context(target, instance.name, null, instance.params, null, instance));
            }
            records.delete(instance);
            LOG.infof("resource %s of %s/%s deprovisioned", instance.name, target.application(), target.environment());
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("resource %s of %s/%s could not be deprovisioned: %s", instance.name, target.application(), target.environment(),
                    e.getMessage());
            records.markFailed(instance.id, "DeprovisionFailed", "could not be removed: " + e.getMessage());
            return false;
        }
    }

    /** One resource's way through: its outputs and record version, or why it failed. */
    private record Step(WorkloadPlaceholders.Outputs outputs, long recordVersion, Failed failure) {
        static Step failed(String message) {
            return new Step(null, 0, new Failed(FAILURE_REASON, message));
        }
    }

    private Step provisionOne(Target target, String name, ResourceRequest request) {
        ResourceInstance existing = records.find(target.environmentId(), name);
        if (existing != null && !existing.type.equals(request.type())) {
            return Step.failed("resource '" + name + "' is a " + existing.type + " in this environment, not a " + request.type()
                    + "; give the new one another name (the old one is removed once no deployment asks for it)");
        }
        MatchQuery query = new MatchQuery(target.application(), target.environment(), target.environmentType(), request.type(),
                request.resourceClass());
        DefinitionMatch match = records.await(() -> definitions.match(query));
        String paramsHash = paramsHash(request.params());
        if (!match.matched()) {
            records.recordUnmatched(target, name, request, paramsHash, match.reason());
            return Step.failed("resource '" + name + "': " + match.reason());
        }
        ResolvedDefinition definition = records.await(() -> definitions.resolve(match.definition().definition()));
        if (existing != null && unchanged(existing, definition, request, paramsHash)) {
            return new Step(records.outputsOf(existing), existing.version, null);
        }
        ResourceInstance instance = records.startProvisioning(target, name, request, paramsHash, definition, existing);
        if (existing != null && existing.driver != null && !existing.driver.equals(definition.driver())
                && !instance.applied.items().isEmpty()) {
            // Another driver provides it now: what the old one applied would be left behind.
            provisioner.deprovision(existing.driver, context(target, name, null, existing.params, null, existing));
            instance = records.forgetApplied(instance.id);
        }
        ProvisionContext context = context(target, name, definition, request.params(), records.openGenerated(instance), instance);
        UUID id = instance.id;
        ProvisionResult result = provisioner.provision(definition.driver(), context, new ProvisionProgress() {
            @Override
            public void generated(Map<String, String> values) {
                records.keepGenerated(id, values);
            }

            @Override
            public void applied(List<AppliedObject> objects) {
                records.keepApplied(id, objects);
            }
        });
        if (!result.isReady()) {
            String message = ResourceProvisioner.failureMessage(name, definition.driver(), result);
            records.markFailed(id, result.reason() == null ? "NotReady" : result.reason(), message);
            return Step.failed(message);
        }
        ResourceInstance ready = records.markReady(id, result);
        return new Step(new WorkloadPlaceholders.Outputs(result.outputs().plain(), result.outputs().secret()), ready.version, null);
    }

    private static boolean unchanged(ResourceInstance existing, ResolvedDefinition definition, ResourceRequest request, String paramsHash) {
        return existing.status == ResourceInstanceStatus.READY && definition.name().equals(existing.definitionName)
                && existing.definitionVersion != null && existing.definitionVersion == definition.version()
                && paramsHash.equals(existing.paramsHash) && request.classOrDefault().equals(existing.resourceClass);
    }

    private ProvisionContext context(Target target, String name, ResolvedDefinition definition, Map<String, Object> params,
            Map<String, String> generated, ResourceInstance instance) {
        return new ProvisionContext(target.application(), target.environment(), target.namespace(), name,
                definition == null ? null : definition.outputs(), params, definition == null ? null : definition.inputs(),
                generated == null ? records.openGenerated(instance) : generated, instance.applied.items(), target.client());
    }

    /** A digest of params as JSON with sorted keys, so the same params always hash the same. */
    static String paramsHash(Map<String, Object> params) {
        try {
            return sha256(CANONICAL.writeValueAsString(params == null ? Map.of() : params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("params are not JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
