package dev.slipway.infra.provision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.slipway.infra.template.ShippedDefinitions;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployments that ask for resources, over REST onto the sandbox cluster, end to end: matched to a
 * definition, provisioned in the PROVISIONING phase, their outputs injected through placeholders
 * (secret ones only through the per-container Secret), recorded as the environment's resources,
 * kept when unchanged, removed or retained when no longer asked for, and failing the deployment
 * when they cannot be provisioned. Each test matches on its own application (or on the shipped
 * development definitions), so no test sees another's definitions.
 */
@QuarkusTest
class ResourceDeploymentTest {
    static final String ALICE = TestTokens.user("alice", "team-a");
    static final String BOB = TestTokens.user("bob", "team-b");
    static final String CAROL = TestTokens.user("carol", "team-c");
    static final String ADMIN = TestTokens.admin();
    static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";
    static final String RESOURCES = "/api/v1/applications/{a}/environments/{e}/resources";
    static final String DEFINITIONS = "/api/v1/resource-definitions";

    @Inject
    SandboxCluster sandbox;

    /** Every answer body of a test, for asserting that a secret output is in none of them. */
    private final List<String> answers = new ArrayList<>();

    /** A new application of team-a (bob may read it) with a development environment "dev". */
    static String newAppWithDev() {
        String app = Names.unique("res");
        createApplication(ALICE, app, "team-a").statusCode(201);
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        return app;
    }

    /** The plain outputs a static postgres definition of {@link #staticPostgres} gives. */
    static Map<String, String> staticOutputs(String app) {
        return Map.of("host", "db." + app + ".example.com", "port", "5432", "name", "orders", "username", "orders");
    }

    /** A definition body for the built-in postgres type, static driver, serving only {@code app}. */
    static Map<String, Object> staticPostgres(String app, String password, boolean retain) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Names.unique("static-pg"));
        body.put("type", "postgres");
        body.put("driver", "static");
        body.put("driverInputs", Map.of(
                "values", Map.of("host", "db." + app + ".example.com", "port", 5432, "name", "orders", "username", "orders"),
                "secrets", Map.of("password", password,
                        "url", "postgresql://orders:" + password + "@db." + app + ".example.com:5432/orders")));
        // An application criterion beats the shipped dev-postgres (environment type development).
        body.put("criteria", List.of(Map.of("application", app)));
        body.put("retain", retain);
        return body;
    }

    /** Creates a definition as the admin; answers its name. */
    static String createDefinition(Map<String, Object> body) {
        as(ADMIN).body(body).post(DEFINITIONS).then().statusCode(201);
        return (String) body.get("name");
    }

    /** A one-container spec with env, args and resources (any may be null). */
    static Map<String, Object> spec(String image, Map<String, String> env, List<String> args, Map<String, Object> resources) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "web");
        container.put("image", image);
        container.put("ports", List.of(Map.of("name", "http", "containerPort", 8080)));
        if (env != null) {
            container.put("env", env);
        }
        if (args != null) {
            container.put("args", args);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("containers", List.of(container));
        spec.put("replicas", 1);
        spec.put("servicePorts", List.of(Map.of("name", "http", "port", 80, "targetPort", 8080)));
        if (resources != null) {
            spec.put("resources", resources);
        }
        return spec;
    }

    static Map<String, Object> postgres(Map<String, Object> params) {
        return params == null ? Map.of("type", "postgres") : Map.of("type", "postgres", "params", params);
    }

    private Response keep(Response response) {
        answers.add(response.getStatusCode() + " " + response.getHeaders() + " " + response.asString());
        return response;
    }

    private String deploy(String app, String env, Map<String, Object> spec) {
        return keep(as(ALICE).body(Map.of("spec", spec, "reason", "resources test")).post(DEPLOYMENTS, app, env))
                .then().statusCode(202).body("status", equalTo("PENDING")).extract().path("id");
    }

    private JsonPath awaitTerminal(String app, String env, String id) {
        return keep(as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "50s")
                .get(DEPLOYMENTS + "/{id}", app, env, id))
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath succeeded(String app, String env, String id) {
        JsonPath done = awaitTerminal(app, env, id);
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        return done;
    }

    private JsonPath resource(String token, String app, String env, String name) {
        return keep(as(token).get(RESOURCES + "/{r}", app, env, name)).then().statusCode(200).extract().jsonPath();
    }

    /** A bounded poll: the removal of unused resources runs just after the deployment's success is written. */
    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private KubernetesClient cluster() {
        return sandbox.client();
    }

    private Deployment workload(String app, String env) {
        return cluster().apps().deployments().inNamespace(app + "-" + env).withName(app).get();
    }

    static Map<String, EnvVar> envOf(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, variable -> variable));
    }

    static String decode(Secret secret, String key) {
        assertNotNull(secret.getData().get(key), "the Secret " + secret.getMetadata().getName() + " has key " + key);
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    /** The env variable comes from the per-container Secret, key by key, and has no value of its own. */
    static void assertFromContainerSecret(String app, EnvVar variable, String container) {
        assertNull(variable.getValue(), variable.getName() + " must not carry its value in the Deployment");
        assertEquals(app + "-container-secrets", variable.getValueFrom().getSecretKeyRef().getName());
        assertEquals(container + "." + variable.getName(), variable.getValueFrom().getSecretKeyRef().getKey());
    }

    private void assertInNoAnswer(String secret) {
        assertTrue(answers.size() > 3, "answers were captured");
        for (String answer : answers) {
            assertFalse(answer.contains(secret), "an API answer holds a secret output: " + answer);
        }
    }

    @Test
    void aStaticResourcesOutputsReachThePodAndItsSecretOnlyThroughTheContainerSecret() {
        String app = newAppWithDev();
        String password = "pw-" + UUID.randomUUID();
        String definition = createDefinition(staticPostgres(app, password, false));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "${resources.db.host}");
        env.put("DB_JDBC", "jdbc:postgresql://${resources.db.host}:${resources.db.port}/${resources.db.name}");
        env.put("DB_PASSWORD", "${resources.db.password}");
        env.put("DB_URL", "${resources.db.url}");
        env.put("WHERE", "${application.name}/${environment.name} in ${environment.namespace} as ${metadata.name}");
        env.put("LITERAL", "$${resources.db.host}");
        Map<String, Object> spec = spec("ghcr.io/acme/web:1.0.0", env,
                List.of("--db-user=${resources.db.username}", "--literal=$${resources.nothing.here}"), Map.of("db", postgres(null)));

        String id = deploy(app, "dev", spec);
        JsonPath done = succeeded(app, "dev", id);

        // PENDING -> PROVISIONING -> APPLYING -> PROGRESSING -> SUCCEEDED, in that order.
        Instant provisioning = Instant.parse(done.getString("provisioningAt"));
        Instant applying = Instant.parse(done.getString("applyingAt"));
        Instant progressing = Instant.parse(done.getString("progressingAt"));
        assertFalse(applying.isBefore(provisioning), "applying after provisioning");
        assertFalse(progressing.isBefore(applying), "progressing after applying");
        // The deployment keeps its placeholders as submitted: resolving them is the cluster's side only.
        assertEquals("${resources.db.password}", done.getString("spec.containers[0].env.DB_PASSWORD"));
        assertEquals("postgres", done.getString("spec.resources.db.type"));

        Container web = workload(app, "dev").getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> variables = envOf(web);
        assertEquals("db." + app + ".example.com", variables.get("DB_HOST").getValue());
        assertEquals("jdbc:postgresql://db." + app + ".example.com:5432/orders", variables.get("DB_JDBC").getValue());
        assertEquals(app + "/dev in " + app + "-dev as " + app, variables.get("WHERE").getValue());
        assertEquals("${resources.db.host}", variables.get("LITERAL").getValue(), "$${ escapes a placeholder");
        assertEquals(List.of("--db-user=orders", "--literal=${resources.nothing.here}"), web.getArgs());
        assertFromContainerSecret(app, variables.get("DB_PASSWORD"), "web");
        assertFromContainerSecret(app, variables.get("DB_URL"), "web");
        Secret containerSecrets = cluster().secrets().inNamespace(app + "-dev").withName(app + "-container-secrets").get();
        assertEquals(password, decode(containerSecrets, "web.DB_PASSWORD"));
        assertEquals("postgresql://orders:" + password + "@db." + app + ".example.com:5432/orders", decode(containerSecrets, "web.DB_URL"));
        String deploymentObject = Serialization.asJson(workload(app, "dev"));
        assertFalse(deploymentObject.contains(password), "the Deployment object holds the secret: " + deploymentObject);
        String configMap = Serialization.asJson(cluster().configMaps().inNamespace(app + "-dev").withName(app + "-config").get());
        assertFalse(configMap.contains(password), "the ConfigMap holds the secret: " + configMap);

        // The environment's resource: plain outputs, names of secret ones, for whoever may read the application.
        JsonPath db = resource(BOB, app, "dev", "db");
        assertEquals("db", db.getString("name"));
        assertEquals("postgres", db.getString("type"));
        assertEquals("default", db.getString("class"));
        assertEquals(definition, db.getString("definition"));
        assertEquals(0L, db.getLong("definitionVersion"));
        assertEquals("static", db.getString("driver"));
        assertEquals("READY", db.getString("status"));
        assertEquals(staticOutputs(app), db.getMap("outputs"));
        assertEquals(List.of("password", "url"), db.getList("secretOutputs"));
        assertEquals(id, db.getString("deploymentId"));
        assertNotNull(db.getString("createdAt"));
        JsonPath list = keep(as(BOB).get(RESOURCES, app, "dev")).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("db"), list.getList("items.name"));
        assertEquals(db.getMap("$"), list.getMap("items[0]"));
        keep(as(ALICE).get(RESOURCES + "/{r}", app, "dev", "cache")).then().statusCode(404).contentType("application/problem+json");
        keep(as(CAROL).get(RESOURCES, app, "dev")).then().statusCode(404); // not hers to see: looks missing
        keep(as(ALICE).get(RESOURCES, app, "nowhere")).then().statusCode(404);

        keep(as(BOB).get(DEPLOYMENTS, app, "dev")).then().statusCode(200).body("items.id", hasItem(id));
        keep(as(ALICE).get("/api/v1/applications/{a}/environments/{e}/drift", app, "dev")).then().statusCode(200);
        keep(as(BOB).get(DEFINITIONS + "/{name}", definition)).then().statusCode(200);
        assertInNoAnswer(password);
    }

    @Test
    void theShippedDevPostgresProvidesADatabaseInTheNamespaceOfADevelopmentEnvironment() {
        String app = newAppWithDev();
        String ns = app + "-dev";
        Map<String, String> env = Map.of("DB_HOST", "${resources.db.host}", "DB_NAME", "${resources.db.name}",
                "DB_PASSWORD", "${resources.db.password}");
        Map<String, Object> spec = spec("ghcr.io/acme/web:1.0.0", env, null, Map.of("db", postgres(Map.of("database", "orders"))));

        String first = deploy(app, "dev", spec);
        succeeded(app, "dev", first);

        StatefulSet statefulSet = cluster().apps().statefulSets().inNamespace(ns).withName("db-postgres").get();
        assertNotNull(statefulSet, "the template's StatefulSet is in the environment's namespace");
        assertEquals("db", statefulSet.getMetadata().getLabels().get("slipway.dev/resource"));
        assertEquals(app, statefulSet.getMetadata().getLabels().get("slipway.dev/application"));
        assertEquals(1, statefulSet.getStatus().getReadyReplicas(), "ready before the workload was applied");
        assertNotNull(cluster().services().inNamespace(ns).withName("db-postgres").get());
        String generated = decode(cluster().secrets().inNamespace(ns).withName("db-postgres").get(), "POSTGRES_PASSWORD");

        JsonPath db = resource(ALICE, app, "dev", "db");
        assertEquals(List.of("dev-postgres", "template", "READY"),
                List.of(db.getString("definition"), db.getString("driver"), db.getString("status")));
        assertEquals(Map.of("host", "db-postgres." + ns + ".svc", "port", "5432", "name", "orders", "username", "app"),
                db.getMap("outputs"));
        assertEquals(Map.of("database", "orders"), db.getMap("params"));
        Map<String, EnvVar> variables = envOf(workload(app, "dev").getSpec().getTemplate().getSpec().getContainers().get(0));
        assertEquals("db-postgres." + ns + ".svc", variables.get("DB_HOST").getValue());
        assertEquals("orders", variables.get("DB_NAME").getValue());
        assertFromContainerSecret(app, variables.get("DB_PASSWORD"), "web");
        assertEquals(generated, decode(cluster().secrets().inNamespace(ns).withName(app + "-container-secrets").get(), "web.DB_PASSWORD"),
                "the pod gets the password the database was created with");

        // A new image, the same resource: the database is left alone (nothing written again, no new password).
        String statefulSetVersion = statefulSet.getMetadata().getResourceVersion();
        String second = deploy(app, "dev", spec("ghcr.io/acme/web:2.0.0", env, null, Map.of("db", postgres(Map.of("database", "orders")))));
        succeeded(app, "dev", second);
        JsonPath again = resource(ALICE, app, "dev", "db");
        assertEquals(first, again.getString("deploymentId"), "still the first deployment's provisioning");
        assertEquals(db.getString("updatedAt"), again.getString("updatedAt"));
        assertEquals(statefulSetVersion,
                cluster().apps().statefulSets().inNamespace(ns).withName("db-postgres").get().getMetadata().getResourceVersion());
        assertEquals(generated, decode(cluster().secrets().inNamespace(ns).withName("db-postgres").get(), "POSTGRES_PASSWORD"));
        assertEquals(generated,
                decode(cluster().secrets().inNamespace(ns).withName(app + "-container-secrets").get(), "web.DB_PASSWORD"));

        // No longer asked for: deprovisioned once the deployment that drops it succeeds.
        String third = deploy(app, "dev", spec("ghcr.io/acme/web:3.0.0", null, null, null));
        JsonPath withoutResources = succeeded(app, "dev", third);
        assertNull(withoutResources.getString("provisioningAt"), "a deployment that asks for nothing does not provision");
        awaitTrue(() -> as(ALICE).get(RESOURCES + "/{r}", app, "dev", "db").statusCode() == 404, "the resource record is removed");
        assertNull(cluster().apps().statefulSets().inNamespace(ns).withName("db-postgres").get());
        assertNull(cluster().services().inNamespace(ns).withName("db-postgres").get());
        assertNull(cluster().secrets().inNamespace(ns).withName("db-postgres").get());
        assertNotNull(workload(app, "dev"), "the workload itself stays");
        as(ALICE).get(RESOURCES, app, "dev").then().statusCode(200).body("items.size()", equalTo(0));
        assertInNoAnswer(generated);
    }

    @Test
    void configurationVariablesResolveToo() {
        String app = newAppWithDev();
        String password = "pw-" + UUID.randomUUID();
        createDefinition(staticPostgres(app, password, false));
        keep(as(ALICE).body(Map.of("changes", List.of(Map.of("name", "DATABASE_HOST", "value", "${resources.db.host}"),
                Map.of("name", "DATABASE_URL", "value", "${resources.db.url}"))))
                .patch("/api/v1/applications/{a}/config", app)).then().statusCode(200);

        // The configuration names a resource: a deployment that does not ask for it is refused, at the variable's path.
        keep(as(ALICE).body(Map.of("spec", spec("ghcr.io/acme/web:1.0.0", null, null, null))).post(DEPLOYMENTS, app, "dev"))
                .then().statusCode(400).body("errors.field", containsInAnyOrder("config.DATABASE_HOST", "config.DATABASE_URL"));
        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", null, null, Map.of("db", postgres(null))));
        succeeded(app, "dev", id);

        Map<String, String> configMap = cluster().configMaps().inNamespace(app + "-dev").withName(app + "-config").get().getData();
        assertEquals("db." + app + ".example.com", configMap.get("DATABASE_HOST"));
        assertFalse(configMap.containsKey("DATABASE_URL"), "a variable holding a secret output is not in the ConfigMap");
        assertEquals("postgresql://orders:" + password + "@db." + app + ".example.com:5432/orders",
                decode(cluster().secrets().inNamespace(app + "-dev").withName(app + "-secrets").get(), "DATABASE_URL"));
        keep(as(ALICE).get("/api/v1/applications/{a}/environments/{e}/config", app, "dev")).then().statusCode(200);
        keep(as(ALICE).get(DEPLOYMENTS + "/{id}", app, "dev", id)).then().statusCode(200);
        assertInNoAnswer(password);
    }

    @Test
    void changedParamsOrDefinitionProvisionAgainAndUnchangedOnesDoNot() {
        String app = newAppWithDev();
        String definition = createDefinition(staticPostgres(app, "pw-" + UUID.randomUUID(), false));
        Map<String, String> env = Map.of("DB_HOST", "${resources.db.host}");

        String first = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", env, null, Map.of("db", postgres(Map.of("size", "small")))));
        succeeded(app, "dev", first);
        JsonPath provisioned = resource(ALICE, app, "dev", "db");

        String unchanged = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.1", env, null, Map.of("db", postgres(Map.of("size", "small")))));
        JsonPath done = succeeded(app, "dev", unchanged);
        assertNotNull(done.getString("provisioningAt"), "it still passes through PROVISIONING, which finds nothing to do");
        JsonPath kept = resource(ALICE, app, "dev", "db");
        assertEquals(first, kept.getString("deploymentId"));
        assertEquals(provisioned.getString("updatedAt"), kept.getString("updatedAt"));

        String otherParams = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.1", env, null, Map.of("db", postgres(Map.of("size", "large")))));
        succeeded(app, "dev", otherParams);
        JsonPath reprovisioned = resource(ALICE, app, "dev", "db");
        assertEquals(otherParams, reprovisioned.getString("deploymentId"));
        assertEquals(Map.of("size", "large"), reprovisioned.getMap("params"));
        assertNotEquals(provisioned.getString("updatedAt"), reprovisioned.getString("updatedAt"));

        // A new definition version: the same request is provisioned again, with the new outputs.
        as(ADMIN).contentType("application/merge-patch+json")
                .body(Map.of("driverInputs", Map.of("values", Map.of("host", "db2." + app + ".example.com"))))
                .patch(DEFINITIONS + "/{name}", definition).then().statusCode(200).body("version", equalTo(1));
        String afterChange = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.1", env, null, Map.of("db", postgres(Map.of("size", "large")))));
        succeeded(app, "dev", afterChange);
        JsonPath changed = resource(ALICE, app, "dev", "db");
        assertEquals(afterChange, changed.getString("deploymentId"));
        assertEquals(1L, changed.getLong("definitionVersion"));
        assertEquals("db2." + app + ".example.com", changed.getString("outputs.host"));
        assertEquals("db2." + app + ".example.com",
                envOf(workload(app, "dev").getSpec().getTemplate().getSpec().getContainers().get(0)).get("DB_HOST").getValue());
    }

    /** The shipped dev-redis, but for this application only and retained. */
    static String retainedRedis(String app) {
        ShippedDefinitions.Definition redis = ShippedDefinitions.load("dev-redis");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Names.unique("kept-redis"));
        body.put("type", "redis");
        body.put("driver", redis.driver());
        body.put("driverInputs", Map.of("values", redis.driverInputs().values()));
        body.put("criteria", List.of(Map.of("application", app)));
        body.put("retain", true);
        return createDefinition(body);
    }

    @Test
    void aRetainedResourceIsKeptInPlaceWhenNoLongerAskedFor() {
        String app = newAppWithDev();
        String ns = app + "-dev";
        String definition = retainedRedis(app);

        String first = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", Map.of("CACHE_HOST", "${resources.cache.host}"), null,
                Map.of("cache", Map.of("type", "redis"))));
        succeeded(app, "dev", first);
        assertEquals(definition, resource(ALICE, app, "dev", "cache").getString("definition"));
        StatefulSet before = cluster().apps().statefulSets().inNamespace(ns).withName("cache-redis").get();
        assertNotNull(before);

        String second = deploy(app, "dev", spec("ghcr.io/acme/web:2.0.0", null, null, null));
        succeeded(app, "dev", second);
        awaitTrue(() -> "RETAINED".equals(as(ALICE).get(RESOURCES + "/{r}", app, "dev", "cache").path("status")),
                "the resource is marked RETAINED");
        JsonPath retained = resource(BOB, app, "dev", "cache");
        assertEquals("Retained", retained.getString("statusReason"));
        assertTrue(retained.getString("statusMessage").contains("retain"), retained.getString("statusMessage"));
        StatefulSet after = cluster().apps().statefulSets().inNamespace(ns).withName("cache-redis").get();
        assertNotNull(after, "the retained redis stays in the cluster");
        assertEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
        assertNotNull(cluster().services().inNamespace(ns).withName("cache-redis").get());
    }

    @Test
    void deletingTheEnvironmentDeprovisionsItsResourcesWithItsWorkload() {
        String app = newAppWithDev();
        String ns = app + "-dev";
        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", Map.of("DB_HOST", "${resources.db.host}"), null,
                Map.of("db", postgres(null))));
        succeeded(app, "dev", id);
        assertNotNull(cluster().apps().statefulSets().inNamespace(ns).withName("db-postgres").get());

        as(ALICE).delete("/api/v1/applications/{a}/environments/{e}", app, "dev").then().statusCode(202)
                .body("status", equalTo("DELETING"));
        awaitTrue(() -> as(ALICE).get("/api/v1/applications/{a}/environments/{e}", app, "dev").statusCode() == 404,
                "the environment is torn down and its records deleted");

        assertNull(cluster().apps().statefulSets().inNamespace(ns).withName("db-postgres").get(), "the database is deprovisioned");
        assertNull(cluster().services().inNamespace(ns).withName("db-postgres").get());
        assertNull(cluster().secrets().inNamespace(ns).withName("db-postgres").get());
        assertNull(workload(app, "dev"), "the workload is removed");
        assertNull(cluster().namespaces().withName(ns).get(), "the namespace Slipway created is deleted");
        as(ALICE).get(RESOURCES, app, "dev").then().statusCode(404);
    }

    @Test
    void deletingTheEnvironmentLeavesARetainedResourceAndTheNamespaceItLivesIn() {
        String app = newAppWithDev();
        String ns = app + "-dev";
        retainedRedis(app);
        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", Map.of("CACHE_HOST", "${resources.cache.host}"), null,
                Map.of("cache", Map.of("type", "redis"), "db", postgres(null))));
        succeeded(app, "dev", id);
        String uid = cluster().apps().statefulSets().inNamespace(ns).withName("cache-redis").get().getMetadata().getUid();

        as(ALICE).delete("/api/v1/applications/{a}/environments/{e}", app, "dev").then().statusCode(202);
        awaitTrue(() -> as(ALICE).get("/api/v1/applications/{a}/environments/{e}", app, "dev").statusCode() == 404,
                "the environment is torn down and its records deleted");

        // Retain means the thing stays: the namespace Slipway created is kept for it (deleting it would take the redis along).
        StatefulSet kept = cluster().apps().statefulSets().inNamespace(ns).withName("cache-redis").get();
        assertNotNull(kept, "the retained redis is still there");
        assertEquals(uid, kept.getMetadata().getUid());
        assertNotNull(cluster().namespaces().withName(ns).get());
        assertNull(cluster().apps().statefulSets().inNamespace(ns).withName("db-postgres").get(), "the other resource is deprovisioned");
        assertNull(workload(app, "dev"), "the workload is removed");
    }

    @Test
    void aCustomResourceReportingReadyFalseFailsTheDeploymentBeforeAnythingOfTheWorkloadIsApplied() {
        String app = newAppWithDev();
        createDefinition(widgetDefinition(app, "False: disk quota exceeded", "1m"));

        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", Map.of("DB_HOST", "${resources.db.host}"), null,
                Map.of("db", postgres(null))));
        JsonPath done = awaitTerminal(app, "dev", id);

        assertEquals("FAILED", done.getString("status"));
        assertEquals("ResourceProvisioningFailed", done.getString("statusReason"));
        assertEquals("resource 'db' (template driver): Widget/db: Ready=False (ReconciliationFailed): disk quota exceeded",
                done.getString("statusMessage"));
        assertNotNull(done.getString("provisioningAt"));
        assertNull(done.getString("applyingAt"), "it never reached APPLYING");
        assertNull(workload(app, "dev"), "nothing of the workload was applied");
        assertNull(cluster().configMaps().inNamespace(app + "-dev").withName(app + "-config").get());
        JsonPath db = resource(ALICE, app, "dev", "db");
        assertEquals("FAILED", db.getString("status"));
        assertEquals("ReconciliationFailed", db.getString("statusReason"));
        assertTrue(db.getString("statusMessage").contains("disk quota exceeded"), db.getString("statusMessage"));
        as(ALICE).get("/api/v1/applications/{a}/environments/dev", app).then().body("currentDeploymentId", equalTo(null));
    }

    @Test
    void aFailedResourceThatIsNoLongerAskedForIsCleanedUp() {
        String app = newAppWithDev();
        String ns = app + "-dev";
        createDefinition(widgetDefinition(app, "False: disk quota exceeded", "1m"));
        String failed = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", null, null, Map.of("db", postgres(null))));
        assertEquals("FAILED", awaitTerminal(app, "dev", failed).getString("status"));
        assertNotNull(cluster().genericKubernetesResources("example.com/v1", "Widget").inNamespace(ns).withName("db").get(),
                "what the failed provisioning applied is in the cluster");

        String without = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", null, null, null));
        succeeded(app, "dev", without);
        awaitTrue(() -> as(ALICE).get(RESOURCES + "/{r}", app, "dev", "db").statusCode() == 404, "the failed resource's record is removed");
        assertNull(cluster().genericKubernetesResources("example.com/v1", "Widget").inNamespace(ns).withName("db").get(),
                "and what it applied is deleted");
    }

    @Test
    void aResourceNameKeepsItsTypeInTheEnvironment() {
        String app = newAppWithDev();
        createDefinition(staticPostgres(app, "pw-" + UUID.randomUUID(), false));
        succeeded(app, "dev", deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", null, null, Map.of("db", postgres(null)))));

        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", null, null, Map.of("db", Map.of("type", "redis"))));
        JsonPath done = awaitTerminal(app, "dev", id);

        assertEquals(List.of("FAILED", "ResourceProvisioningFailed"), List.of(done.getString("status"), done.getString("statusReason")));
        assertTrue(done.getString("statusMessage").startsWith("resource 'db' is a postgres in this environment, not a redis"),
                done.getString("statusMessage"));
        JsonPath db = resource(ALICE, app, "dev", "db");
        assertEquals(List.of("postgres", "READY"), List.of(db.getString("type"), db.getString("status")), "the postgres is untouched");
    }

    @Test
    void aResourceThatNeverBecomesReadyFailsTheDeploymentAtItsDefinitionsTimeout() {
        String app = newAppWithDev();
        createDefinition(widgetDefinition(app, "Unknown", "1s"));

        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", null, null, Map.of("db", postgres(null))));
        JsonPath done = awaitTerminal(app, "dev", id);

        assertEquals("FAILED", done.getString("status"));
        assertEquals("ResourceProvisioningFailed", done.getString("statusReason"));
        assertTrue(done.getString("statusMessage").startsWith("resource 'db' (template driver): not ready within 1s"),
                done.getString("statusMessage"));
        assertNull(workload(app, "dev"));
        assertEquals("FAILED", resource(ALICE, app, "dev", "db").getString("status"));
    }

    @Test
    void aResourceNoDefinitionServesFailsTheDeploymentNamingIt() {
        String app = newAppWithDev();
        String type = Names.unique("queue");
        as(ADMIN).body(Map.of("name", type, "outputs", List.of(Map.of("name", "endpoint")))).post("/api/v1/resource-types").then()
                .statusCode(201);

        String id = deploy(app, "dev", spec("ghcr.io/acme/web:1.0.0", Map.of("QUEUE", "${resources.jobs.endpoint}"), null,
                Map.of("jobs", Map.of("type", type, "class", "fast"))));
        JsonPath done = awaitTerminal(app, "dev", id);

        assertEquals("FAILED", done.getString("status"));
        assertEquals("ResourceProvisioningFailed", done.getString("statusReason"));
        assertTrue(done.getString("statusMessage").startsWith("resource 'jobs': "), done.getString("statusMessage"));
        JsonPath jobs = resource(ALICE, app, "dev", "jobs");
        assertEquals(List.of("FAILED", "NoMatchingDefinition", "fast"),
                List.of(jobs.getString("status"), jobs.getString("statusReason"), jobs.getString("class")));
        assertNull(workload(app, "dev"));
    }

    @Test
    void placeholdersNamingNothingAreRefusedWithThePathOfTheValue() {
        String app = newAppWithDev();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CACHE_HOST", "${resources.cache.host}");
        env.put("DB_SIZE", "${resources.db.size}");
        env.put("OK", "${resources.db.host} $${resources.nothing.at.all}");
        Map<String, Object> bad = spec("ghcr.io/acme/web:1.0.0", env, List.of("--password=${resources.db.password}", "${metadata.owner}"),
                Map.of("db", postgres(null), "blob", Map.of("type", "no-such-type")));

        JsonPath problem = keep(as(ALICE).body(Map.of("spec", bad)).post(DEPLOYMENTS, app, "dev")).then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        List<String> fields = problem.getList("errors.field");
        assertEquals(List.of("spec.containers[0].args[0]", "spec.containers[0].args[1]", "spec.containers[0].env.CACHE_HOST",
                "spec.containers[0].env.DB_SIZE", "spec.resources.blob.type"), fields.stream().sorted().toList(), problem.prettify());
        String messages = problem.getList("errors.message").toString();
        assertTrue(messages.contains("'cache'"), messages);
        assertTrue(messages.contains("no output 'size'"), messages);
        assertTrue(messages.contains("no-such-type"), messages);
        assertTrue(messages.contains("pass it through env"), messages);

        // An unterminated placeholder is malformed; a declared resource's real output is fine.
        keep(as(ALICE).body(Map.of("spec", spec("ghcr.io/acme/web:1.0.0", Map.of("X", "${resources.db.host"), null,
                Map.of("db", postgres(null)))))
                .post(DEPLOYMENTS, app, "dev")).then().statusCode(400).body("errors.field", equalTo(List.of("spec.containers[0].env.X")));
        as(ALICE).get(DEPLOYMENTS, app, "dev").then().statusCode(200).body("items.size()", equalTo(0));
        as(ALICE).get(RESOURCES, app, "dev").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aScoreWorkloadWithResourcesDeploysEndToEnd() {
        String app = newAppWithDev();
        String password = "pw-" + UUID.randomUUID();
        createDefinition(staticPostgres(app, password, false));
        String document = """
                apiVersion: score.dev/v1b1
                metadata:
                  name: orders-api
                containers:
                  api:
                    image: ghcr.io/acme/orders:1.0.0
                    args: ["--db=${resources.db.host}:${resources.db.port}"]
                    variables:
                      DB_USER: ${resources.db.username}
                      DB_PASSWORD: ${resources.db.password}
                      SELF: ${metadata.name}
                      LITERAL: $${resources.db.host}
                service:
                  ports:
                    www: {port: 80, targetPort: 8080}
                resources:
                  db:
                    type: postgres
                    params:
                      size: small
                """;

        String id = keep(given().header("Authorization", TestTokens.bearer(ALICE))
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/vnd.score+yaml").body(document.getBytes(StandardCharsets.UTF_8)).post(DEPLOYMENTS, app, "dev"))
                .then().statusCode(202).extract().path("id");
        JsonPath done = succeeded(app, "dev", id);

        assertEquals(document, done.getString("scoreDocument"));
        assertEquals(Map.of("type", "postgres", "params", Map.of("size", "small")), done.getMap("spec.resources.db"));
        assertNotNull(done.getString("provisioningAt"));
        Container api = workload(app, "dev").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("api", api.getName());
        assertEquals(List.of("--db=db." + app + ".example.com:5432"), api.getArgs());
        Map<String, EnvVar> variables = envOf(api);
        assertEquals("orders", variables.get("DB_USER").getValue());
        assertEquals("orders-api", variables.get("SELF").getValue());
        assertEquals("${resources.db.host}", variables.get("LITERAL").getValue());
        assertFromContainerSecret(app, variables.get("DB_PASSWORD"), "api");
        assertEquals(password,
                decode(cluster().secrets().inNamespace(app + "-dev").withName(app + "-container-secrets").get(), "api.DB_PASSWORD"));
        JsonPath db = resource(ALICE, app, "dev", "db");
        assertEquals(List.of("READY", id), List.of(db.getString("status"), db.getString("deploymentId")));
        assertEquals(staticOutputs(app), db.getMap("outputs"));
        keep(as(BOB).get(RESOURCES, app, "dev")).then().statusCode(200).body("items.name", equalTo(List.of("db")));
        keep(as(BOB).get(DEPLOYMENTS + "/{id}", app, "dev", id)).then().statusCode(200);
        assertInNoAnswer(password);
    }

    @Test
    void aScoreWorkloadNamingAnUndeclaredResourceIsRefused() {
        String app = newAppWithDev();
        String document = """
                apiVersion: score.dev/v1b1
                metadata:
                  name: orders-api
                containers:
                  api:
                    image: ghcr.io/acme/orders:1.0.0
                    args: ["--password=${resources.db.password}"]
                    variables:
                      CACHE: ${resources.cache.host}
                resources:
                  db:
                    type: postgres
                """;
        given().header("Authorization", TestTokens.bearer(ALICE))
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/vnd.score+yaml").body(document.getBytes(StandardCharsets.UTF_8)).post(DEPLOYMENTS, app, "dev")
                .then().statusCode(400).contentType("application/problem+json")
                // Where the author wrote them, not where the spec the document became has them.
                .body("errors.field", containsInAnyOrder("containers.api.variables.CACHE", "containers.api.args[0]"))
                .body("errors.message", hasItem(containsString("'cache'")));
        as(ALICE).get(DEPLOYMENTS, app, "dev").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** A template definition for postgres serving {@code app}: a custom resource whose readiness the sandbox's hook decides. */
    static Map<String, Object> widgetDefinition(String app, String readyHook, String timeout) {
        String template = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {resource}\n  annotations:\n"
                + "    sandbox.slipway.dev/ready: \"" + readyHook + "\"\nspec:\n  size: 1\n";
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("template", template);
        values.put("readiness", Map.of("kind", "Widget", "name", "{resource}", "condition", "Ready"));
        values.put("timeout", timeout);
        values.put("outputs", Map.of("host", "{resource}.example.com", "port", "5432", "name", "app", "username", "app",
                "password", "{secrets.password}", "url", "postgresql://{resource}"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Names.unique("widget-pg"));
        body.put("type", "postgres");
        body.put("driver", "template");
        body.put("driverInputs", Map.of("values", values, "secrets", Map.of("password", "from-the-definition")));
        body.put("criteria", List.of(Map.of("application", app)));
        return body;
    }
}
