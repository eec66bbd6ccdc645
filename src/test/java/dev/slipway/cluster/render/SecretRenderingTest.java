package dev.slipway.cluster.render;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.slipway.cluster.driver.DriftDetector;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static dev.slipway.cluster.render.Workloads.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration delivered through a ConfigMap and a Secret, referenced from the pods, with hashes that roll them. */
class SecretRenderingTest {
    private static final String CANARY = "s3cr3t-canary-value";
    private static final WorkloadSecrets SECRETS = new WorkloadSecrets(Map.of("DB_PASSWORD", CANARY, "API_TOKEN", "t0ken"),
            Map.of(), "API_TOKEN=1,DB_PASSWORD=2");

    private static RenderTarget target(Map<String, String> config, WorkloadSecrets secrets) {
        return new RenderTarget("checkout", "staging", "checkout-staging", "d-42", config, secrets);
    }

    @Test
    void rendersTheSecretBetweenConfigMapAndDeployment() {
        List<HasMetadata> objects = ManifestRenderer.render(target(Map.of("LOG_LEVEL", "info"), SECRETS), Workloads.full());
        assertEquals(List.of("Namespace", "ConfigMap", "Secret", "Deployment", "Service"),
                objects.stream().map(HasMetadata::getKind).toList());
        Secret secret = (Secret) objects.get(2);
        assertEquals("checkout-secrets", secret.getMetadata().getName());
        assertEquals("checkout-staging", secret.getMetadata().getNamespace());
        assertEquals("Opaque", secret.getType());
        assertTrue(
                secret.getMetadata().getLabels().entrySet().containsAll(ManifestRenderer.managedLabels("checkout", "staging").entrySet()),
                "pruned by the same labels");
        assertEquals(List.of("API_TOKEN", "DB_PASSWORD"), List.copyOf(secret.getData().keySet()));
        assertEquals(CANARY, new String(Base64.getDecoder().decode(secret.getData().get("DB_PASSWORD")), StandardCharsets.UTF_8));
        assertTrue(secret.getStringData() == null || secret.getStringData().isEmpty(),
                "data, so that server-side apply removes keys that are dropped");
    }

    @Test
    void everyContainerReceivesConfigMapSecretAndReferences() {
        WorkloadSecrets withRef = new WorkloadSecrets(SECRETS.values(),
                Map.of("EXTERNAL_KEY", new WorkloadSecrets.SecretReference("vault-synced", "api-key"),
                        "SHADOWED", new WorkloadSecrets.SecretReference("vault-synced", "other")),
                SECRETS.version());
        var spec = Workloads.of(Workloads.withEnv(container("web", "nginx"), Map.of("SHADOWED", "from-spec")),
                container("worker", "acme/w:1"));
        List<Container> containers = deployment(ManifestRenderer.render(target(Map.of(), withRef), spec))
                .getSpec().getTemplate().getSpec().getContainers();
        for (Container container : containers) {
            assertEquals("checkout-config", container.getEnvFrom().get(0).getConfigMapRef().getName());
            assertEquals("checkout-secrets", container.getEnvFrom().get(1).getSecretRef().getName());
            EnvVar external = container.getEnv().stream().filter(e -> e.getName().equals("EXTERNAL_KEY")).findFirst().orElseThrow();
            assertEquals("vault-synced", external.getValueFrom().getSecretKeyRef().getName());
            assertEquals("api-key", external.getValueFrom().getSecretKeyRef().getKey());
        }
        List<EnvVar> webEnv = containers.get(0).getEnv();
        assertEquals(1, webEnv.stream().filter(e -> e.getName().equals("SHADOWED")).count(), "the spec's env wins");
        assertEquals("from-spec", webEnv.stream().filter(e -> e.getName().equals("SHADOWED")).findFirst().orElseThrow().getValue());
    }

    @Test
    void referencesAloneRenderNoSecretButStillAHash() {
        WorkloadSecrets refsOnly = new WorkloadSecrets(Map.of(), Map.of("TOKEN", new WorkloadSecrets.SecretReference("ext", "token")), "");
        List<HasMetadata> objects = ManifestRenderer.render(target(Map.of(), refsOnly), Workloads.minimal());
        assertFalse(objects.stream().anyMatch(Secret.class::isInstance));
        Deployment deployment = deployment(objects);
        assertEquals(1, deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().size());
        assertTrue(deployment.getSpec().getTemplate().getMetadata().getAnnotations().containsKey(ManifestRenderer.SECRET_HASH_ANNOTATION));
    }

    @Test
    void aConfigurationChangeAloneChangesThePodTemplate() {
        var spec = Workloads.full();
        var base = podTemplate(target(Map.of("LOG_LEVEL", "info"), SECRETS), spec);
        assertEquals(base, podTemplate(target(Map.of("LOG_LEVEL", "info"), SECRETS), spec), "pure");
        assertNotEquals(base, podTemplate(target(Map.of("LOG_LEVEL", "debug"), SECRETS), spec));
        WorkloadSecrets rotated = new WorkloadSecrets(Map.of("DB_PASSWORD", "new", "API_TOKEN", "t0ken"), Map.of(),
                "API_TOKEN=1,DB_PASSWORD=3");
        assertNotEquals(base, podTemplate(target(Map.of("LOG_LEVEL", "info"), rotated), spec));
        assertNotEquals(base, podTemplate(target(Map.of("LOG_LEVEL", "info"), WorkloadSecrets.NONE), spec));
        WorkloadSecrets withRef = new WorkloadSecrets(SECRETS.values(), Map.of("X", new WorkloadSecrets.SecretReference("ext", "x")),
                SECRETS.version());
        assertNotEquals(base, podTemplate(target(Map.of("LOG_LEVEL", "info"), withRef), spec));
    }

    @Test
    void theSecretHashIsOfTheVersionNeverOfTheValues() {
        String hash = ManifestRenderer.secretHash(SECRETS);
        WorkloadSecrets sameVersionOtherValues = new WorkloadSecrets(Map.of("DB_PASSWORD", "x", "API_TOKEN", "y"), Map.of(),
                SECRETS.version());
        assertEquals(hash, ManifestRenderer.secretHash(sameVersionOtherValues));
        assertEquals(16, hash.length());
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSecrets(Map.of("A", "v"), Map.of(), " "));
    }

    @Test
    void nothingPrintsOrRecordsASecretValue() {
        RenderTarget target = target(Map.of("LOG_LEVEL", "info"), SECRETS);
        assertFalse(target.toString().contains(CANARY));
        assertTrue(target.toString().contains("DB_PASSWORD"));
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode recorded = DriftDetector.recordedForm(mapper, ManifestRenderer.render(target, Workloads.minimal()));
        String stored = recorded.toString();
        assertFalse(stored.contains(CANARY));
        assertFalse(stored.contains(Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8))));
        JsonNode secret = recorded.get(2);
        assertEquals(DriftDetector.REDACTED, secret.path("data").path("DB_PASSWORD").asText());
        assertEquals("info", recorded.get(1).path("data").path("LOG_LEVEL").asText(), "plain variables stay comparable");
    }

    private static Deployment deployment(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    }

    private static io.fabric8.kubernetes.api.model.PodTemplateSpec podTemplate(RenderTarget target, WorkloadSpec spec) {
        return deployment(ManifestRenderer.render(target, spec)).getSpec().getTemplate();
    }

    @Test
    void aContainersOwnSecretVariableComesFromItsKeyOfASecondSecretAndRollsThePods() {
        WorkloadSpec spec = Workloads.full();
        String container = spec.containers().get(0).name();
        WorkloadSecrets resolved = SECRETS.plus(Map.of(), Map.of(container, Map.of("DB_URL", "postgres://u:" + CANARY + "@db")),
                "db@1");
        List<HasMetadata> objects = ManifestRenderer.render(target(Map.of(), resolved), spec);
        Secret perContainer = objects.stream().filter(o -> o.getMetadata().getName().equals("checkout-container-secrets"))
                .map(Secret.class::cast).findFirst().orElseThrow();
        assertEquals(List.of(container + ".DB_URL"), List.copyOf(perContainer.getData().keySet()));
        Container rendered = ((Deployment) objects.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow())
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar url = rendered.getEnv().stream().filter(e -> e.getName().equals("DB_URL")).findFirst().orElseThrow();
        assertEquals("checkout-container-secrets", url.getValueFrom().getSecretKeyRef().getName());
        assertEquals(container + ".DB_URL", url.getValueFrom().getSecretKeyRef().getKey());
        assertEquals(null, url.getValue(), "the value never appears in the pod spec");
        assertTrue(rendered.getEnvFrom().stream().noneMatch(from -> from.getSecretRef() != null
                && "checkout-container-secrets".equals(from.getSecretRef().getName())), "never imported whole");

        String hash = ((Deployment) objects.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow()).getSpec()
                .getTemplate().getMetadata().getAnnotations().get(ManifestRenderer.SECRET_HASH_ANNOTATION);
        WorkloadSecrets changed = SECRETS.plus(Map.of(), Map.of(container, Map.of("DB_URL", "other")), "db@2");
        String changedHash = ((Deployment) ManifestRenderer.render(target(Map.of(), changed), spec).stream()
                .filter(Deployment.class::isInstance).findFirst().orElseThrow()).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(ManifestRenderer.SECRET_HASH_ANNOTATION);
        assertNotEquals(hash, changedHash, "a new resource secret rolls the pods");
        assertFalse(resolved.toString().contains(CANARY));
    }
}
