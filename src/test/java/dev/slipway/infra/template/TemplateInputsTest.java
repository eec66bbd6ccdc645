package dev.slipway.infra.template;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.infra.ResourceTypes;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template driver's check of a definition's inputs, every problem with its field path. */
class TemplateInputsTest {

    private final TemplateDriver driver = new TemplateDriver();

    @Test
    void theShippedDefinitionsAreValid() {
        for (String name : ShippedDefinitions.NAMES) {
            ShippedDefinitions.Definition definition = ShippedDefinitions.load(name);
            ResourceTypeOutputs type = definition.type().equals("postgres") ? ResourceTypes.POSTGRES : ResourceTypes.REDIS;
            assertEquals(Map.of(), problems(type, definition.driverInputs()), name);
            assertEquals(TemplateDriver.NAME, definition.driver());
        }
    }

    @Test
    void everyProblemIsNamedWithItsPath() {
        Map<String, Object> values = new HashMap<>();
        values.put("template", "kind: {#if}");
        values.put("readiness", List.of(Map.of("kind", "Cluster", "name", "{resource}"), Map.of("name", "x", "color", "red"),
                "StatefulSet"));
        values.put("timeout", "soon");
        values.put("generate", Map.of("password", Map.of("length", 4), "9lives", Map.of()));
        values.put("outputs", Map.of("host", "{resource}", "port", "{generated.password}", "colour", "blue", "password", "{unclosed"));
        values.put("templat", "typo");

        Map<String, String> problems = problems(ResourceTypes.REDIS, new DriverInputs(values, Map.of()));

        assertEquals(List.of(
                "d.values.generate.9lives",
                "d.values.generate.password.length",
                "d.values.outputs.colour",
                "d.values.outputs.password",
                "d.values.outputs.port",
                "d.values.outputs.url",
                "d.values.readiness[0].condition",
                "d.values.readiness[1].color",
                "d.values.readiness[1].kind",
                "d.values.readiness[2]",
                "d.values.template",
                "d.values.templat",
                "d.values.timeout").stream().sorted().toList(), problems.keySet().stream().sorted().toList());
        assertEquals("is required for kind Cluster: only StatefulSet and Deployment are judged by their ready replicas",
                problems.get("d.values.readiness[0].condition"));
        assertEquals("is a plain output of resource type redis but reads generated or secret values, which would then appear in the clear",
                problems.get("d.values.outputs.port"));
        assertEquals("is required: resource type redis promises output url", problems.get("d.values.outputs.url"));
        assertTrue(problems.get("d.values.template").startsWith("is not a valid Qute template"), problems.get("d.values.template"));
        assertEquals("must be a whole number from 8 to 256", problems.get("d.values.generate.password.length"));
        assertEquals("must be a duration such as 90s, 5m or PT10M, at most 2h", problems.get("d.values.timeout"));
    }

    @Test
    void aDefinitionWithoutTemplateOrOutputsSaysSo() {
        Map<String, String> problems = problems(ResourceTypes.REDIS, new DriverInputs(Map.of(), Map.of()));
        assertEquals(List.of("d.values.outputs", "d.values.template"), problems.keySet().stream().sorted().toList());
    }

    @Test
    void timeoutsReadAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(90), timeout("90s"));
        assertEquals(Duration.ofMinutes(5), timeout("5m"));
        assertEquals(Duration.ofMinutes(10), timeout("PT10M"));
        assertEquals(Duration.ofSeconds(30), timeout(30));
        assertEquals(null, timeout("3h"));
    }

    private Duration timeout(Object value) {
        return driver.readinessTimeout(new DriverInputs(Map.of("timeout", value), Map.of())).orElse(null);
    }

    private Map<String, String> problems(ResourceTypeOutputs type, DriverInputs inputs) {
        Violations violations = new Violations();
        driver.validateInputs(type, inputs, violations, "d");
        if (violations.isEmpty()) {
            return Map.of();
        }
        try {
            violations.throwIfAny();
            return Map.of();
        } catch (SlipwayException.Invalid invalid) {
            return invalid.fieldErrors().stream()
                    .collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a + " | " + b));
        }
    }
}
