package dev.slipway.infra.template;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.Violations;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/**
 * A template definition's inputs, read and checked: {@code values.template} (a YAML stream of
 * Kubernetes objects, as a Qute template), {@code values.readiness}, {@code values.timeout},
 * {@code values.generate} and {@code values.outputs} (output name to a Qute template). The
 * definition's {@code secrets} are available to templates as {@code secrets}.
 */
record TemplateInputs(Template objects, List<ReadinessRule> readiness, Duration timeout, Map<String, Integer> generate,
        Map<String, Template> outputs) {

    static final String TEMPLATE = "template";
    static final String READINESS = "readiness";
    static final String TIMEOUT = "timeout";
    static final String GENERATE = "generate";
    static final String OUTPUTS = "outputs";
    private static final Set<String> VALUES = Set.of(TEMPLATE, READINESS, TIMEOUT, GENERATE, OUTPUTS);

    static final int DEFAULT_LENGTH = 24;
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 256;
    private static final Duration MAX_TIMEOUT = Duration.ofHours(2);
    private static final Pattern GENERATED_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    /** Outputs that read these are secret whatever they compute, so a plain output must not. */
    private static final Pattern READS_SECRETS = Pattern.compile("\\b(generated|secrets)\\b");

    /**
     * Reads and checks the inputs against the type; every problem goes to {@code violations}
     * under {@code field}. Null when there was any.
     */
    static TemplateInputs parse(Templates templates, ResourceTypeOutputs type, DriverInputs inputs, Violations violations, String field) {
        int before = violations.count();
        String values = field + ".values";
        inputs.values().keySet().stream().filter(key -> !VALUES.contains(key)).sorted().forEach(key -> violations.add(values + "." + key,
                "is not an input of the template driver (inputs: " + String.join(", ", new TreeSet<>(VALUES)) + ")"));
        Template objects = template(templates, inputs.values().get(TEMPLATE), violations, values + "." + TEMPLATE, true);
        List<ReadinessRule> readiness = ReadinessRule.parse(templates, inputs.values().get(READINESS), violations,
                values + "." + READINESS);
        Duration timeout = timeout(inputs.values().get(TIMEOUT), violations, values + "." + TIMEOUT);
        Map<String, Integer> generate = generate(inputs.values().get(GENERATE), violations, values + "." + GENERATE);
        Map<String, Template> outputs = outputs(templates, type, inputs.values().get(OUTPUTS), violations, values + "." + OUTPUTS);
        return violations.count() > before ? null : new TemplateInputs(objects, readiness, timeout, generate, outputs);
    }

    /** The definition's timeout alone (null when it sets none or an invalid one). */
    static Duration timeoutOf(DriverInputs inputs) {
        Violations ignored = new Violations();
        return timeout(inputs.values().get(TIMEOUT), ignored, TIMEOUT);
    }

    private static Template template(Templates templates, Object value, Violations violations, String field, boolean required) {
        if (value == null) {
            if (required) {
                violations.add(field, "is required: a YAML stream of Kubernetes objects, as a Qute template");
            }
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            violations.add(field, "must be a non-empty string");
            return null;
        }
        try {
            return templates.parse(text);
        } catch (TemplateException e) {
            violations.add(field, "is not a valid Qute template: " + e.getMessage());
            return null;
        }
    }

    private static Duration timeout(Object value, Violations violations, String field) {
        if (value == null) {
            return null;
        }
        Duration timeout = null;
        if (value instanceof Integer || value instanceof Long) {
            timeout = Duration.ofSeconds(((Number) value).longValue());
        } else if (value instanceof String text) {
            Matcher simple = SIMPLE_DURATION.matcher(text.trim());
            try {
                timeout = simple.matches() ? simpleDuration(Long.parseLong(simple.group(1)), simple.group(2)) : Duration.parse(text.trim());
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                timeout = null;
            }
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            violations.add(field, "must be a duration such as 90s, 5m or PT10M, at most 2h");
            return null;
        }
        return timeout;
    }

    private static Duration simpleDuration(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static Map<String, Integer> generate(Object value, Violations violations, String field) {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        if (value == null) {
            return lengths;
        }
        if (!(value instanceof Map<?, ?> map)) {
            violations.add(field, "must map value names to how to generate them, e.g. {\"password\": {\"length\": 24}}");
            return lengths;
        }
        map.forEach((key, spec) -> {
            String name = String.valueOf(key);
            String at = field + "." + name;
            if (!GENERATED_NAME.matcher(name).matches()) {
                violations.add(at, "names a generated value: a letter, then letters, digits or '_'");
            }
            Map<?, ?> options = spec == null ? Map.of() : spec instanceof Map<?, ?> m ? m : null;
            if (options == null) {
                violations.add(at, "must be an object such as {\"length\": 24}");
                return;
            }
            options.keySet().stream().map(String::valueOf).filter(option -> !option.equals("length"))
                    .forEach(option -> violations.add(at + "." + option, "is not an option (options: length)"));
            Object length = options.get("length");
            if (length == null) {
                lengths.put(name, DEFAULT_LENGTH);
            } else if (length instanceof Integer n && n >= MIN_LENGTH && n <= MAX_LENGTH) {
                lengths.put(name, n);
            } else {
                violations.add(at + ".length", "must be a whole number from " + MIN_LENGTH + " to " + MAX_LENGTH);
            }
        });
        return lengths;
    }

    private static Map<String, Template> outputs(Templates templates, ResourceTypeOutputs type, Object value, Violations violations,
            String field) {
        Map<String, Template> outputs = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> map)) {
            violations.add(field, "is required: each output of resource type " + type.type()
                    + " as a Qute template, e.g. {\"host\": \"{resource}.{namespace}.svc\"}");
            return outputs;
        }
        map.forEach((key, expression) -> {
            String name = String.valueOf(key);
            String at = field + "." + name;
            if (!type.has(name)) {
                violations.add(at, "is not an output of resource type " + type.type() + " (its outputs: "
                        + String.join(", ", new TreeSet<>(type.secretByOutput().keySet())) + ")");
                return;
            }
            if (expression instanceof String text && !type.isSecret(name) && READS_SECRETS.matcher(text).find()) {
                violations.add(at, "is a plain output of resource type " + type.type()
                        + " but reads generated or secret values, which would then appear in the clear");
            }
            Template template = template(templates, expression, violations, at, true);
            if (template != null) {
                outputs.put(name, template);
            }
        });
        type.secretByOutput().keySet().stream().sorted().filter(output -> !map.containsKey(output))
                .forEach(output -> violations.add(field + "." + output,
                        "is required: resource type " + type.type() + " promises output " + output));
        return outputs;
    }
}
