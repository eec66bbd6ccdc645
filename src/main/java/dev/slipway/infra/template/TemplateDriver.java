package dev.slipway.infra.template;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.slipway.api.Violations;
import dev.slipway.infra.driver.AppliedObject;
import dev.slipway.infra.driver.DriverFailures;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ProvisionContext;
import dev.slipway.infra.driver.ProvisionResult;
import dev.slipway.infra.driver.ResourceDriver;
import dev.slipway.infra.driver.ResourceOutputs;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kubernetes objects rendered from a Qute template into the environment's namespace: applied with
 * server-side apply (field manager {@code slipway}), labelled with the application, environment
 * and resource, judged by the definition's readiness rules, with outputs computed from the
 * parameters, generated values and what the cluster reports. See {@link TemplateInputs} for the
 * inputs and docs/ARCHITECTURE.md for a reference with examples.
 */
@ApplicationScoped
public class TemplateDriver implements ResourceDriver {
    public static final String NAME = "template";
    /** The template did not render to objects (a missing parameter, not YAML, a foreign namespace). */
    public static final String RENDER_FAILED = "RenderFailed";
    /** The cluster refused an object (invalid, forbidden, a kind it does not serve). */
    public static final String CLUSTER_REJECTED = "ClusterRejected";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String FIELD = "driverInputs";

    private final Templates templates = new Templates();
    private final ClusterObjects objects = new ClusterObjects();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validateInputs(ResourceTypeOutputs type, DriverInputs inputs, Violations violations, String field) {
        TemplateInputs.parse(templates, type, inputs, violations, field);
    }

    @Override
    public Map<String, String> generate(ProvisionContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        TemplateInputs inputs = TemplateInputs.parse(templates, context.type(), context.inputs(), new Violations(), FIELD);
        if (inputs != null) {
            inputs.generate().forEach((name, length) -> {
                if (!context.generated().containsKey(name)) {
                    values.put(name, randomText(length));
                }
            });
        }
        return values;
    }

    @Override
    public Optional<Duration> readinessTimeout(DriverInputs inputs) {
        return Optional.ofNullable(TemplateInputs.timeoutOf(inputs));
    }

    @Override
    public ProvisionResult provision(ProvisionContext context) {
        Prepared prepared = prepare(context);
        if (prepared.failure() != null) {
            return prepared.failure();
        }
        List<HasMetadata> rendered;
        try {
            rendered = RenderedObjects.parse(Templates.render(prepared.inputs().objects(), prepared.data()), context.namespace(),
                    context.labels());
        } catch (RuntimeException e) {
            return ProvisionResult.failed(RENDER_FAILED, renderFailure("template", e), context.applied());
        }
        List<AppliedObject> applied = new ArrayList<>(rendered.stream().map(RenderedObjects::reference).toList());
        List<AppliedObject> all = new ArrayList<>(applied);
        context.applied().stream().filter(previous -> !applied.contains(previous)).forEach(all::add);
        ProvisionResult rejected = apply(context, rendered, all);
        if (rejected != null) {
            return rejected;
        }
        // What an earlier render applied and this one no longer has goes, as the cluster driver prunes.
        context.applied().stream().filter(previous -> !applied.contains(previous))
                .forEach(previous -> objects.delete(context.client(), previous));
        return observe(context.withApplied(applied), prepared);
    }

    @Override
    public ProvisionResult observe(ProvisionContext context) {
        Prepared prepared = prepare(context);
        return prepared.failure() != null ? prepared.failure() : observe(context, prepared);
    }

    @Override
    public void deprovision(ProvisionContext context) {
        List<AppliedObject> reversed = new ArrayList<>(context.applied());
        java.util.Collections.reverse(reversed);
        reversed.forEach(object -> objects.delete(context.client(), object));
    }

    /** The definition read and the template data built, or the failure that prevents either. */
    private record Prepared(TemplateInputs inputs, Map<String, Object> data, ProvisionResult failure) {
    }

    private Prepared prepare(ProvisionContext context) {
        Violations violations = new Violations();
        TemplateInputs inputs = TemplateInputs.parse(templates, context.type(), context.inputs(), violations, FIELD);
        if (inputs == null) {
            return new Prepared(null, null, DriverFailures.invalidDefinition(violations, context.applied()));
        }
        List<String> missing = inputs.generate().keySet().stream().filter(name -> !context.generated().containsKey(name)).sorted().toList();
        if (!missing.isEmpty()) {
            return new Prepared(null, null, ProvisionResult.failed(DriverFailures.INVALID_DEFINITION,
                    "generated values " + missing + " are missing: provision through ResourceProvisioner, which generates them",
                    context.applied()));
        }
        try {
            return new Prepared(inputs, TemplateData.of(context), null);
        } catch (IllegalArgumentException e) {
            return new Prepared(null, null, ProvisionResult.failed(DriverFailures.INVALID_PARAMS, e.getMessage(), context.applied()));
        }
    }

    /** Applies the namespace, then each object in order; a refusal by the cluster fails the resource, a transient failure propagates. */
    private ProvisionResult apply(ProvisionContext context, List<HasMetadata> rendered, List<AppliedObject> all) {
        objects.applyNamespace(context.client(), context.namespace());
        for (HasMetadata object : rendered) {
            try {
                objects.apply(context.client(), object);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return ProvisionResult.failed(CLUSTER_REJECTED, object.getKind() + "/" + object.getMetadata().getName()
                            + ": the cluster does not serve kind " + object.getKind() + " of " + object.getApiVersion()
                            + " (is its CustomResourceDefinition installed?)", all);
                }
                if (e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 408 && e.getCode() != 409 && e.getCode() != 429) {
                    String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "refused";
                    return ProvisionResult.failed(CLUSTER_REJECTED, object.getKind() + "/" + object.getMetadata().getName()
                            + ": HTTP " + e.getCode() + ": " + said, all);
                }
                throw e;
            }
        }
        return null;
    }

    private ProvisionResult observe(ProvisionContext context, Prepared prepared) {
        for (ReadinessRule rule : prepared.inputs().readiness()) {
            String name;
            try {
                name = Templates.render(rule.name(), prepared.data());
            } catch (RuntimeException e) {
                return ProvisionResult.failed(RENDER_FAILED, renderFailure("readiness name", e), context.applied());
            }
            AppliedObject target = context.applied().stream()
                    .filter(o -> o.kind().equals(rule.kind()) && o.name().equals(name)
                            && (rule.apiVersion() == null || rule.apiVersion().equals(o.apiVersion())))
                    .findFirst().orElse(null);
            if (target == null) {
                return ProvisionResult.failed(DriverFailures.INVALID_DEFINITION, "the readiness rule names " + rule.describe(name)
                        + ", which the template does not apply", context.applied());
            }
            ReadinessRule.Verdict verdict = rule.judge(objects.get(context.client(), target).orElse(null), name,
                    selector -> objects.pods(context.client(), context.namespace(), selector));
            if (verdict.failed()) {
                return ProvisionResult.failed(verdict.failureReason(), verdict.message(), context.applied());
            }
            if (!verdict.ready()) {
                return ProvisionResult.provisioning(verdict.message(), context.applied());
            }
        }
        return outputs(context, prepared);
    }

    private ProvisionResult outputs(ProvisionContext context, Prepared prepared) {
        ClusterLookups lookups = new ClusterLookups(context.client(), context.namespace(), context.applied(), objects);
        Map<String, Object> data = TemplateData.withLookups(prepared.data(), lookups);
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, Template> output : prepared.inputs().outputs().entrySet()) {
            try {
                values.put(output.getKey(), Templates.render(output.getValue(), data));
            } catch (RuntimeException e) {
                ClusterLookups.NotYetAvailable notYet = cause(e, ClusterLookups.NotYetAvailable.class);
                if (notYet != null) {
                    return ProvisionResult.provisioning("output " + output.getKey() + ": " + notYet.getMessage(), context.applied());
                }
                if (cause(e, KubernetesClientException.class) != null) {
                    throw cause(e, KubernetesClientException.class);
                }
                return ProvisionResult.failed(RENDER_FAILED, renderFailure("output " + output.getKey(), e), context.applied());
            }
        }
        return ProvisionResult.ready(ResourceOutputs.split(context.type(), values), context.applied());
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** What went wrong while rendering, from the innermost cause that explains it (template errors name keys, never values). */
    private static String renderFailure(String what, RuntimeException failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof RenderedObjects.InvalidRender)
                && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        return what + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
