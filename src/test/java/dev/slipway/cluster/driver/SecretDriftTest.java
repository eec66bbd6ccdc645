package dev.slipway.cluster.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.render.WorkloadSecrets;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Drift of a Secret compares which keys exist, and never reports a value. */
class SecretDriftTest {

    private static JsonNode secret(ObjectMapper mapper, Map<String, String> values) {
        RenderTarget target = new RenderTarget("checkout", "staging", "checkout-staging", "d-1", Map.of(),
                new WorkloadSecrets(values, Map.of(), "v-" + values.hashCode()));
        WorkloadSpec spec = new WorkloadSpec(List.of(new ContainerSpec("web", "nginx", null, null, null, null, null, null, null)), 1, null,
                null);
        return DriftDetector.recordedForm(mapper, ManifestRenderer.render(target, spec)).get(2);
    }

    @Test
    void aMissingKeyIsDriftAChangedValueIsNotShown() {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode applied = secret(mapper, Map.of("DB_PASSWORD", "applied-value", "API_TOKEN", "t"));
        RenderTarget liveTarget = new RenderTarget("checkout", "staging", "checkout-staging", "d-1", Map.of(),
                new WorkloadSecrets(Map.of("DB_PASSWORD", "changed-by-hand"), Map.of(), "x"));
        WorkloadSpec spec = new WorkloadSpec(List.of(new ContainerSpec("web", "nginx", null, null, null, null, null, null, null)), 1, null,
                null);
        JsonNode live = mapper.valueToTree(ManifestRenderer.render(liveTarget, spec).get(2));
        List<DriftDetector.Difference> differences = new ArrayList<>();
        DriftDetector.compare("Secret", "checkout-secrets", "", applied, live, differences);
        assertEquals(List.of("data.API_TOKEN"), differences.stream().map(DriftDetector.Difference::path).toList());
        assertEquals("\"" + DriftDetector.REDACTED + "\"", differences.get(0).expected());
        assertNull(differences.get(0).actual());
        assertFalse(differences.toString().contains("changed-by-hand"));
        assertFalse(differences.toString().contains("applied-value"));
    }
}
