package dev.slipway.infra.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.Violations;
import dev.slipway.cluster.driver.PodFailures;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/**
 * When a template's resource is ready, judged on one applied object. Without {@code condition},
 * a StatefulSet or Deployment is ready once its controller has seen the current generation and
 * {@code status.readyReplicas} reaches {@code spec.replicas} (1 when unset), and fails when one of
 * its pods is stuck (an image that does not pull, a crash loop). With {@code condition}, any kind
 * (typically a custom resource an operator reconciles) is ready when that entry of
 * {@code status.conditions} is True for the current generation and fails when it is False, with
 * the condition's message, unless its reason is one of {@code pendingReasons} (operators that
 * report Ready=False while still creating).
 *
 * @param name a template (e.g. {@code {resource}-postgres}) rendered with the template's data
 */
record ReadinessRule(String apiVersion, String kind, Template name, String condition, Set<String> pendingReasons) {

    private static final Set<String> REPLICATED_KINDS = Set.of("StatefulSet", "Deployment");
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "name", "condition", "pendingReasons");

    /** The judgement on one object: READY, not yet (a message saying what is awaited), or failed. */
    record Verdict(boolean ready, String failureReason, String message) {
        static final Verdict READY = new Verdict(true, null, null);

        static Verdict waiting(String message) {
            return new Verdict(false, null, message);
        }

        static Verdict failed(String reason, String message) {
            return new Verdict(false, reason, message);
        }

        boolean failed() {
            return failureReason != null;
        }
    }

    /** Reads {@code readiness} (one rule or a list of them); null problems are added to {@code violations}. */
    static List<ReadinessRule> parse(Templates templates, Object value, Violations violations, String field) {
        List<ReadinessRule> rules = new ArrayList<>();
        if (value == null) {
            return rules;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        for (int i = 0; i < items.size(); i++) {
            String at = value instanceof List<?> ? field + "[" + i + "]" : field;
            if (items.get(i) instanceof Map<?, ?> map) {
                ReadinessRule rule = parseOne(templates, map, violations, at);
                if (rule != null) {
                    rules.add(rule);
                }
            } else {
                violations.add(at, "must be an object such as {\"kind\": \"StatefulSet\", \"name\": \"{resource}-postgres\"}");
            }
        }
        return rules;
    }

    private static ReadinessRule parseOne(Templates templates, Map<?, ?> map, Violations violations, String field) {
        int before = violations.count();
        map.keySet().stream().map(String::valueOf).filter(key -> !FIELDS.contains(key)).sorted()
                .forEach(key -> violations.add(field + "." + key, "is not a field of a readiness rule (fields: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + ")"));
        String kind = text(map, "kind", violations, field, true);
        String nameText = text(map, "name", violations, field, true);
        String apiVersion = text(map, "apiVersion", violations, field, false);
        String condition = text(map, "condition", violations, field, false);
        Template name = null;
        if (nameText != null) {
            try {
                name = templates.parse(nameText);
            } catch (TemplateException e) {
                violations.add(field + ".name", "is not a valid template: " + e.getMessage());
            }
        }
        if (kind != null && condition == null && !REPLICATED_KINDS.contains(kind)) {
            violations.add(field + ".condition", "is required for kind " + kind
                    + ": only StatefulSet and Deployment are judged by their ready replicas");
        }
        Set<String> pending = new java.util.TreeSet<>();
        Object reasons = map.get("pendingReasons");
        if (reasons != null) {
            if (!(reasons instanceof List<?> list) || list.stream().anyMatch(reason -> !(reason instanceof String))) {
                violations.add(field + ".pendingReasons", "must be a list of condition reasons");
            } else if (condition == null) {
                violations.add(field + ".pendingReasons", "applies to a condition only");
            } else {
                list.forEach(reason -> pending.add((String) reason));
            }
        }
        return violations.count() > before ? null : new ReadinessRule(apiVersion, kind, name, condition, Set.copyOf(pending));
    }

    private static String text(Map<?, ?> map, String key, Violations violations, String field, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                violations.add(field + "." + key, "is required");
            }
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            violations.add(field + "." + key, "must be a non-empty string");
            return null;
        }
        return text;
    }

    /** The object this rule judges, as {@code Kind/name}. */
    String describe(String renderedName) {
        return kind + "/" + renderedName;
    }

    /**
     * Judges the object (null when it does not exist); {@code pods} gives the pods matching a
     * selector (only asked for replicated kinds).
     */
    Verdict judge(JsonNode object, String renderedName, Function<Map<String, String>, List<Pod>> pods) {
        if (object == null) {
            return Verdict.waiting(describe(renderedName) + " does not exist yet");
        }
        long generation = object.path("metadata").path("generation").asLong(0);
        return condition == null ? replicas(object, renderedName, generation, pods) : condition(object, renderedName, generation);
    }

    private Verdict replicas(JsonNode object, String renderedName, long generation,
            Function<Map<String, String>, List<Pod>> pods) {
        Map<String, String> selector = new HashMap<>();
        object.path("spec").path("selector").path("matchLabels").properties()
                .forEach(entry -> selector.put(entry.getKey(), entry.getValue().asText()));
        if (!selector.isEmpty()) {
            for (Pod pod : pods.apply(selector)) {
                var failure = PodFailures.of(pod);
                if (failure.isPresent()) {
                    return Verdict.failed(failure.get().reason(), describe(renderedName) + ": " + failure.get().message());
                }
            }
        }
        JsonNode status = object.path("status");
        long observed = status.path("observedGeneration").asLong(0);
        int desired = object.path("spec").path("replicas").asInt(1);
        int ready = status.path("readyReplicas").asInt(0);
        if (observed < generation) {
            return Verdict.waiting(describe(renderedName) + ": its controller has not seen generation " + generation + " yet");
        }
        return ready >= desired
                ? Verdict.READY
                : Verdict.waiting(describe(renderedName) + ": " + ready + " of " + desired + " replicas ready");
    }

    private Verdict condition(JsonNode object, String renderedName, long generation) {
        for (JsonNode entry : object.path("status").path("conditions")) {
            if (!condition.equals(entry.path("type").asText())) {
                continue;
            }
            if (entry.has("observedGeneration") && entry.path("observedGeneration").asLong() < generation) {
                return Verdict.waiting(describe(renderedName) + ": condition " + condition + " is for an older generation");
            }
            String status = entry.path("status").asText();
            String reason = entry.path("reason").asText("");
            String message = entry.path("message").asText("");
            if ("True".equals(status)) {
                return Verdict.READY;
            }
            String said = describe(renderedName) + ": " + condition + "=" + status + (reason.isEmpty() ? "" : " (" + reason + ")")
                    + (message.isEmpty() ? "" : ": " + message);
            if ("False".equals(status) && !pendingReasons.contains(reason)) {
                return Verdict.failed(reason.isEmpty() ? "ConditionFalse" : reason, said);
            }
            return Verdict.waiting(said);
        }
        return Verdict.waiting(describe(renderedName) + ": no " + condition + " condition yet");
    }
}
