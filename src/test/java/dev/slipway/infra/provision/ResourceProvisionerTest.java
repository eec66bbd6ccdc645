package dev.slipway.infra.provision;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.infra.ResourceTypes;
import dev.slipway.infra.driver.AppliedObject;
import dev.slipway.infra.driver.DriverFailures;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ProvisionContext;
import dev.slipway.infra.driver.ProvisionResult;
import dev.slipway.infra.driver.ProvisionStatus;
import dev.slipway.infra.driver.StaticDriver;
import dev.slipway.infra.template.ShippedDefinitions;
import dev.slipway.infra.template.TemplateDriver;
import dev.slipway.local.sandbox.SandboxApiServer;
import dev.slipway.local.sandbox.SandboxConfig;
import dev.slipway.local.sandbox.SimulatedController;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resources provisioned end to end on the sandbox cluster: the static and template drivers through the provisioner. */
class ResourceProvisionerTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private static SandboxApiServer server;
    private static KubernetesClient client;
    private static SimulatedController controller;
    private final ResourceProvisioner provisioner = new ResourceProvisioner(
            new ResourceDrivers(List.of(new StaticDriver(), new TemplateDriver())), Duration.ofSeconds(30), POLL);

    @BeforeAll
    static void start() {
        server = SandboxApiServer.start();
        client = server.newClient();
        controller = SimulatedController.start(server, client, Duration.ofMillis(60), SandboxConfig.DEFAULT_FAILING_IMAGE_PATTERN);
    }

    @AfterAll
    static void stop() {
        controller.close();
        client.close();
        server.close();
    }

    @Test
    void staticDriverReturnsTheDefinitionsValuesAsOutputs() {
        DriverInputs inputs = new DriverInputs(Map.of("host", "db.example.com", "port", 5432, "name", "orders", "username", "orders"),
                Map.of("password", "s3cr3t-static", "url", "postgresql://orders:s3cr3t-static@db.example.com:5432/orders"));

        ProvisionResult result = provisioner.provision("static",
                ResourceTypes.context(null, "unused", "db", ResourceTypes.POSTGRES, Map.of(), inputs), ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.READY, result.status());
        assertEquals(Map.of("host", "db.example.com", "port", "5432", "name", "orders", "username", "orders"), result.outputs().plain());
        assertEquals("s3cr3t-static", result.outputs().secret().get("password"));
        assertTrue(result.applied().isEmpty());
        assertFalse(result.toString().contains("s3cr3t-static"), result.toString());
    }

    @Test
    void devPostgresBecomesReadyWithItsOutputs() {
        String ns = namespace();
        List<String> events = new ArrayList<>();
        Map<String, String> kept = new HashMap<>();
        ProvisionProgress progress = new ProvisionProgress() {
            @Override
            public void generated(Map<String, String> values) {
                events.add("generated " + values.keySet());
                kept.putAll(values);
            }

            @Override
            public void applied(List<AppliedObject> objects) {
                events.add("applied " + objects.size());
            }
        };

        ProvisionResult result = provisioner.provision("template", postgres(ns, Map.of("version", "16", "database", "orders")), progress);

        assertEquals(ProvisionStatus.READY, result.status(), result.toString());
        assertEquals(List.of("generated [password]", "applied 3"), events, "generated values are kept before anything is applied");
        String password = kept.get("password");
        assertEquals(24, password.length());
        assertEquals(Map.of("password", password), result.generated());
        assertEquals(Map.of("host", "db-postgres." + ns + ".svc", "port", "5432", "name", "orders", "username", "app"),
                result.outputs().plain());
        assertEquals(Map.of("password", password, "url", "postgresql://app:" + password + "@db-postgres." + ns + ".svc:5432/orders"),
                result.outputs().secret());
        assertEquals(List.of("Secret/db-postgres", "Service/db-postgres", "StatefulSet/db-postgres"),
                result.applied().stream().map(AppliedObject::describe).toList());

        StatefulSet statefulSet = client.apps().statefulSets().inNamespace(ns).withName("db-postgres").get();
        assertEquals("postgres:16", statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        Map<String, String> labels = statefulSet.getMetadata().getLabels();
        assertEquals("slipway", labels.get("app.kubernetes.io/managed-by"));
        assertEquals("shop", labels.get("slipway.dev/application"));
        assertEquals("dev", labels.get("slipway.dev/environment"));
        assertEquals("db", labels.get("slipway.dev/resource"));
        assertNull(labels.get("app.kubernetes.io/instance"), "not the workload's instance label, which the workload's prune selects");
        assertEquals(password, decode(client.secrets().inNamespace(ns).withName("db-postgres").get(), "POSTGRES_PASSWORD"));
        assertNotNull(client.namespaces().withName(ns).get(), "the namespace is applied first");
        assertFalse(result.toString().contains(password));
    }

    @Test
    void provisioningAgainWithWhatWasKeptChangesNothing() {
        String ns = namespace();
        ProvisionContext first = postgres(ns, Map.of());
        ProvisionResult created = provisioner.provision("template", first, ProvisionProgress.NONE);
        assertEquals(ProvisionStatus.READY, created.status(), created.toString());
        Map<String, String> versions = resourceVersions(ns);

        // What a caller stored: the generated values and the applied objects; a crash-resumed provision passes the same.
        ProvisionContext again = first.withGenerated(created.generated()).withApplied(created.applied());
        ProvisionResult second = provisioner.provision("template", again, ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.READY, second.status());
        assertTrue(second.generated().isEmpty(), "nothing generated twice");
        assertEquals(created.outputs(), second.outputs());
        assertEquals(created.outputs().secret(), second.outputs().secret());
        assertEquals(versions, resourceVersions(ns), "no object was written again");
    }

    @Test
    void deprovisionDeletesExactlyTheAppliedObjects() {
        String ns = namespace();
        ProvisionContext context = postgres(ns, Map.of());
        ProvisionResult result = provisioner.provision("template", context, ProvisionProgress.NONE);
        assertEquals(ProvisionStatus.READY, result.status(), result.toString());
        client.configMaps().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                .withName("not-the-resources").endMetadata().build()).create();

        provisioner.deprovision("template", context.withGenerated(result.generated()).withApplied(result.applied()));

        assertNull(client.apps().statefulSets().inNamespace(ns).withName("db-postgres").get());
        assertNull(client.services().inNamespace(ns).withName("db-postgres").get());
        assertNull(client.secrets().inNamespace(ns).withName("db-postgres").get());
        assertNotNull(client.configMaps().inNamespace(ns).withName("not-the-resources").get());
        assertNotNull(client.namespaces().withName(ns).get(), "the namespace is the environment's, not the resource's");
        provisioner.deprovision("template", context.withApplied(result.applied())); // again: gone already is fine
    }

    @Test
    void devRedisBecomesReady() {
        String ns = namespace();
        ShippedDefinitions.Definition redis = ShippedDefinitions.load("dev-redis");
        ProvisionResult result = provisioner.provision(redis.driver(),
                ResourceTypes.context(client, ns, "cache", ResourceTypes.REDIS, Map.of(), redis.driverInputs()), ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.READY, result.status(), result.toString());
        String password = result.generated().get("password");
        assertEquals(Map.of("host", "cache-redis." + ns + ".svc", "port", "6379"), result.outputs().plain());
        assertEquals("redis://:" + password + "@cache-redis." + ns + ".svc:6379", result.outputs().secret().get("url"));
    }

    @Test
    void theCloudNativePgExampleReadsTheOperatorsSecret() throws Exception {
        String ns = namespace();
        ShippedDefinitions.Definition cnpg;
        try (InputStream in = Files.newInputStream(Path.of("docs/examples/cloudnativepg-definition.json"))) {
            cnpg = ShippedDefinitions.read(in);
        }
        ProvisionResult result = provisioner.provision(cnpg.driver(),
                ResourceTypes.context(client, ns, "orders", ResourceTypes.POSTGRES, Map.of("database", "orders", "username", "orders"),
                        cnpg.driverInputs()),
                ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.READY, result.status(), result.toString());
        Secret operatorSecret = client.secrets().inNamespace(ns).withName("orders-app").get();
        String password = decode(operatorSecret, "password");
        assertEquals(Map.of("host", "orders-rw." + ns + ".svc", "port", "5432", "name", "orders", "username", "orders"),
                result.outputs().plain());
        assertEquals(Map.of("password", password, "url", "postgresql://orders:" + password + "@orders-rw." + ns + ":5432/orders"),
                result.outputs().secret());
        assertEquals(List.of(new AppliedObject("postgresql.cnpg.io/v1", "Cluster", ns, "orders")), result.applied());
    }

    @Test
    void aCustomResourceReportingReadyFalseFailsWithItsMessage() {
        String ns = namespace();
        ProvisionResult result = provisioner.provision("template",
                ResourceTypes.context(client, ns, "db", ResourceTypes.POSTGRES, Map.of(), widget("False: disk quota exceeded", "1m")),
                ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.FAILED, result.status());
        assertEquals("ReconciliationFailed", result.reason());
        assertEquals("Widget/db: Ready=False (ReconciliationFailed): disk quota exceeded", result.message());
        assertEquals("resource 'db' (template driver): Widget/db: Ready=False (ReconciliationFailed): disk quota exceeded",
                ResourceProvisioner.failureMessage("db", "template", result));
        assertEquals(1, result.applied().size(), "what was applied is still reported, for deprovision");
    }

    @Test
    void aResourceThatIsNotReadyInTimeFails() {
        String ns = namespace();
        long started = System.nanoTime();
        ProvisionResult result = provisioner.provision("template",
                ResourceTypes.context(client, ns, "db", ResourceTypes.POSTGRES, Map.of(), widget("Unknown", "1s")), ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.FAILED, result.status());
        assertEquals(DriverFailures.READINESS_TIMEOUT, result.reason());
        assertTrue(result.message().startsWith("not ready within 1s: Widget/db: Ready=Unknown"), result.message());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
                "the definition's 1s, not the default");
    }

    @Test
    void aStatefulSetWhoseImageDoesNotPullFailsFast() {
        String ns = namespace();
        ProvisionResult result = provisioner.provision("template", postgres(ns, Map.of("version", "fail")), ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.FAILED, result.status());
        assertEquals("ImagePullBackOff", result.reason());
        assertTrue(result.message().startsWith("StatefulSet/db-postgres: pod db-postgres-0 container postgres: Back-off pulling image"),
                result.message());
    }

    @Test
    void aKindTheClusterDoesNotServeAndAnUnknownDriverFail() {
        String ns = namespace();
        DriverInputs rejected = template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {params.missing}\n", null, "5s");
        ProvisionResult unrendered = provisioner.provision("template",
                ResourceTypes.context(client, ns, "db", ResourceTypes.POSTGRES, Map.of(), rejected), ProvisionProgress.NONE);
        assertEquals(TemplateDriver.RENDER_FAILED, unrendered.reason());
        assertTrue(unrendered.message().contains("missing"), unrendered.message());

        ProvisionResult unknown = provisioner.provision("terraform",
                ResourceTypes.context(client, ns, "db", ResourceTypes.POSTGRES, Map.of(), rejected), ProvisionProgress.NONE);
        assertEquals(ProvisionStatus.FAILED, unknown.status());
        assertEquals("no resource driver is named 'terraform'", unknown.message());
    }

    @Test
    void aChangedDefinitionPrunesWhatItNoLongerRenders() {
        String ns = namespace();
        ProvisionContext first = postgres(ns, Map.of());
        ProvisionResult created = provisioner.provision("template", first, ProvisionProgress.NONE);
        assertEquals(ProvisionStatus.READY, created.status(), created.toString());

        DriverInputs onlyConfig = template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {resource}-settings\ndata:\n  a: b\n",
                null, "5s");
        ProvisionResult changed = provisioner.provision("template",
                new ProvisionContext("shop", "dev", ns, "db", ResourceTypes.POSTGRES, Map.of(), onlyConfig, created.generated(),
                        created.applied(), client),
                ProvisionProgress.NONE);

        assertEquals(ProvisionStatus.READY, changed.status(), changed.toString());
        assertEquals(List.of("ConfigMap/db-settings"), changed.applied().stream().map(AppliedObject::describe).toList());
        assertNull(client.apps().statefulSets().inNamespace(ns).withName("db-postgres").get());
        assertNull(client.secrets().inNamespace(ns).withName("db-postgres").get());
    }

    private static ProvisionContext postgres(String ns, Map<String, Object> params) {
        ShippedDefinitions.Definition definition = ShippedDefinitions.load("dev-postgres");
        return ResourceTypes.context(client, ns, "db", ResourceTypes.POSTGRES, params, definition.driverInputs());
    }

    /** A custom resource whose simulated operator says what the sandbox's test hook says, with outputs from params only. */
    private static DriverInputs widget(String hook, String timeout) {
        String yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {resource}\n  annotations:\n"
                + "    sandbox.slipway.dev/ready: \"" + hook + "\"\nspec:\n  size: 1\n";
        return template(yaml, Map.of("kind", "Widget", "name", "{resource}", "condition", "Ready"), timeout);
    }

    private static DriverInputs template(String yaml, Map<String, Object> readiness, String timeout) {
        Map<String, Object> values = new HashMap<>();
        values.put("template", yaml);
        if (readiness != null) {
            values.put("readiness", readiness);
        }
        values.put("timeout", timeout);
        values.put("outputs",
                Map.of("host", "{resource}", "port", "5432", "name", "app", "username", "app", "password", "{secrets.password}",
                        "url", "postgresql://{resource}"));
        return new DriverInputs(values, Map.of("password", "from-the-definition"));
    }

    private static Map<String, String> resourceVersions(String ns) {
        Map<String, String> versions = new HashMap<>();
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.apps().statefulSets().inNamespace(ns).list().getItems());
        objects.addAll(client.services().inNamespace(ns).list().getItems());
        objects.addAll(client.secrets().inNamespace(ns).list().getItems());
        objects.forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
        versions.put("Namespace/" + ns, client.namespaces().withName(ns).get().getMetadata().getResourceVersion());
        return versions;
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String namespace() {
        return "rp-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
