package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.config.ConfigApi.patchBase;
import static dev.slipway.config.ConfigApi.patchEnvironment;
import static dev.slipway.config.ConfigApi.secret;
import static dev.slipway.config.ConfigApi.secretRef;
import static dev.slipway.config.ConfigApi.unset;
import static dev.slipway.config.ConfigApi.value;
import static dev.slipway.config.ConfigResourceTest.ALICE;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration delivered to the sandbox cluster: pinned revisions, config-only deployments that roll the pods, rollback. */
@QuarkusTest
class ConfigDeploymentTest {
    private static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";

    @Inject
    SandboxCluster sandbox;

    static String newApp() {
        String app = Names.unique("cdep");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        return app;
    }

    static Map<String, Object> spec(String image) {
        return Map.of("containers", List.of(Map.of("name", "web", "image", image)), "replicas", 1);
    }

    static String deploy(String app, String env, Map<String, Object> body) {
        return as(ALICE).body(body).post(DEPLOYMENTS, app, env).then().statusCode(202).extract().path("id");
    }

    static JsonPath awaitSucceeded(String app, String env, String id) {
        JsonPath done = as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s")
                .get(DEPLOYMENTS + "/{id}", app, env, id).then().statusCode(200).extract().jsonPath();
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        return done;
    }

    private Deployment liveDeployment(String app) {
        return sandbox.client().apps().deployments().inNamespace(app + "-dev").withName(app).get();
    }

    private ConfigMap liveConfigMap(String app) {
        return sandbox.client().configMaps().inNamespace(app + "-dev").withName(app + "-config").get();
    }

    private Secret liveSecret(String app) {
        return sandbox.client().secrets().inNamespace(app + "-dev").withName(app + "-secrets").get();
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void aConfigOnlyDeploymentRollsThePodsWithTheNewConfiguration() {
        String app = newApp();
        patchBase(ALICE, app, value("LOG_LEVEL", "info"), secret("DB_PASSWORD", "pw-one")).statusCode(200);
        String first = deploy(app, "dev", Map.of("spec", spec("ghcr.io/acme/web:1.0.0")));
        assertEquals(1, awaitSucceeded(app, "dev", first).getInt("configRevision"));

        assertEquals(Map.of("LOG_LEVEL", "info"), liveConfigMap(app).getData());
        assertEquals("pw-one", decoded(liveSecret(app), "DB_PASSWORD"));
        Deployment deployed = liveDeployment(app);
        Container web = deployed.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(app + "-config", web.getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals(app + "-secrets", web.getEnvFrom().get(1).getSecretRef().getName());
        PodTemplateSpec before = deployed.getSpec().getTemplate();
        long generation = deployed.getMetadata().getGeneration();

        patchBase(ALICE, app, value("LOG_LEVEL", "debug")).statusCode(200);
        String configOnly = deploy(app, "dev", Map.of("configOnly", true, "reason", "log level"));
        JsonPath done = awaitSucceeded(app, "dev", configOnly);
        assertEquals(2, done.getInt("configRevision"));
        assertEquals("ghcr.io/acme/web:1.0.0", done.getString("spec.containers[0].image"), "the current spec, again");

        assertEquals(Map.of("LOG_LEVEL", "debug"), liveConfigMap(app).getData());
        Deployment rolled = liveDeployment(app);
        Map<String, String> after = rolled.getSpec().getTemplate().getMetadata().getAnnotations();
        assertNotEquals(before.getMetadata().getAnnotations().get("slipway.dev/config-hash"), after.get("slipway.dev/config-hash"),
                "a variable change alone changes the pod template");
        assertEquals(before.getMetadata().getAnnotations().get("slipway.dev/secret-hash"), after.get("slipway.dev/secret-hash"));
        assertTrue(rolled.getMetadata().getGeneration() > generation, "the Deployment rolls");

        patchBase(ALICE, app, secret("DB_PASSWORD", "pw-two")).statusCode(200);
        awaitSucceeded(app, "dev", deploy(app, "dev", Map.of("configOnly", true)));
        assertEquals("pw-two", decoded(liveSecret(app), "DB_PASSWORD"));
        assertNotEquals(after.get("slipway.dev/secret-hash"),
                liveDeployment(app).getSpec().getTemplate().getMetadata().getAnnotations().get("slipway.dev/secret-hash"),
                "a secret change alone changes the pod template");
    }

    @Test
    void aConfigOnlyDeploymentNeedsASucceededDeploymentAndValidInput() {
        String app = newApp();
        as(ALICE).body(Map.of("configOnly", true)).post(DEPLOYMENTS, app, "dev").then().statusCode(409)
                .body("detail", containsString("deploy a spec first"));
        as(ALICE).body(Map.of("configOnly", true, "spec", spec("nginx"))).post(DEPLOYMENTS, app, "dev").then().statusCode(400)
                .body("errors.field", hasItem("spec"));
        as(ALICE).body(Map.of("spec", spec("nginx"), "configRevision", 1)).post(DEPLOYMENTS, app, "dev").then().statusCode(400)
                .body("errors.field", hasItem("configRevision"));
        // Without any configuration a deployment pins nothing and gets an empty ConfigMap and no Secret.
        String id = deploy(app, "dev", Map.of("spec", spec("nginx")));
        assertNull(awaitSucceeded(app, "dev", id).get("configRevision"));
        ConfigMap empty = liveConfigMap(app);
        assertTrue(empty.getData() == null || empty.getData().isEmpty());
        assertNull(liveSecret(app));
    }

    @Test
    void rollbackRestoresThePinnedConfigurationRevision() {
        String app = newApp();
        patchBase(ALICE, app, value("FEATURE", "old"), secret("TOKEN", "token-old")).statusCode(200); // 1
        String good = deploy(app, "dev", Map.of("spec", spec("ghcr.io/acme/web:1.0.0")));
        awaitSucceeded(app, "dev", good);
        patchEnvironment(ALICE, app, "dev", value("FEATURE", "new"), secret("TOKEN", "token-new")).statusCode(200); // 2
        String changed = deploy(app, "dev", Map.of("spec", spec("ghcr.io/acme/web:2.0.0")));
        assertEquals(2, awaitSucceeded(app, "dev", changed).getInt("configRevision"));
        assertEquals("new", liveConfigMap(app).getData().get("FEATURE"));

        String rollback = as(ALICE).post(DEPLOYMENTS + "/{id}:rollback", app, "dev", good).then().statusCode(202)
                .body("configRevision", equalTo(1)).body("rollbackOf", equalTo(good)).extract().path("id");
        JsonPath done = awaitSucceeded(app, "dev", rollback);
        assertEquals("ghcr.io/acme/web:1.0.0", done.getString("spec.containers[0].image"));
        assertEquals("old", liveConfigMap(app).getData().get("FEATURE"));
        assertEquals("token-old", decoded(liveSecret(app), "TOKEN"));
        // The configuration itself is unchanged: rollback redeploys an old revision, it does not edit.
        as(ALICE).get(ConfigApi.ENVIRONMENT, app, "dev").then().body("revision", equalTo(2));
    }

    @Test
    void anExplicitRevisionIsDeliveredAndAutomaticRollbackKeepsThePin() {
        String app = Names.unique("cdep");
        createApplication(ALICE, app, "team-a").statusCode(201);
        as(ALICE).body(Map.of("name", "dev", "type", "development", "autoRollback", true))
                .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
        patchBase(ALICE, app, value("STEP", "one")).statusCode(200); // 1
        patchBase(ALICE, app, value("STEP", "two")).statusCode(200); // 2
        String pinned = deploy(app, "dev", Map.of("spec", spec("ghcr.io/acme/web:1.0.0"), "configRevision", 1));
        assertEquals(1, awaitSucceeded(app, "dev", pinned).getInt("configRevision"));
        assertEquals("one", liveConfigMap(app).getData().get("STEP"));

        String failing = deploy(app, "dev", Map.of("spec", spec("ghcr.io/acme/web:fail")));
        JsonPath failed = as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s")
                .get(DEPLOYMENTS + "/{id}", app, "dev", failing).then().extract().jsonPath();
        assertEquals("FAILED", failed.getString("status"));
        assertEquals(2, failed.getInt("configRevision"));
        String automatic = as(ALICE).get(DEPLOYMENTS, app, "dev").then().extract().path("items[0].id");
        JsonPath rolledBack = awaitSucceeded(app, "dev", automatic);
        assertEquals(pinned, rolledBack.getString("rollbackOf"));
        assertEquals(1, rolledBack.getInt("configRevision"));
        assertEquals("one", liveConfigMap(app).getData().get("STEP"));
    }

    @Test
    void secretReferencesPointAtExistingSecretsAndRemovedSecretsArePruned() {
        String app = newApp();
        patchBase(ALICE, app, secret("DB_PASSWORD", "pw")).statusCode(200);
        patchEnvironment(ALICE, app, "dev", secretRef("API_KEY", "vault-synced", "api-key")).statusCode(200);
        awaitSucceeded(app, "dev", deploy(app, "dev", Map.of("spec", spec("nginx"))));
        Container web = liveDeployment(app).getSpec().getTemplate().getSpec().getContainers().get(0);
        var apiKey = web.getEnv().stream().filter(e -> e.getName().equals("API_KEY")).findFirst().orElseThrow();
        assertEquals("vault-synced", apiKey.getValueFrom().getSecretKeyRef().getName());
        assertEquals("api-key", apiKey.getValueFrom().getSecretKeyRef().getKey());
        assertFalse(liveSecret(app).getData().containsKey("API_KEY"), "a reference is not copied");
        assertNotNull(liveSecret(app));

        patchBase(ALICE, app, unset("DB_PASSWORD")).statusCode(200);
        awaitSucceeded(app, "dev", deploy(app, "dev", Map.of("configOnly", true)));
        assertNull(liveSecret(app), "the Secret is pruned with its last value");
        assertEquals(1, liveDeployment(app).getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().size());

        // Drift compares which keys a Secret has, and reports no value.
        as(ALICE).get("/api/v1/applications/{a}/environments/dev/drift", app).then().statusCode(200).body("inSync", equalTo(true));
    }

    @Test
    void driftOfASecretNamesTheKeyButNeverAValue() {
        String app = newApp();
        patchBase(ALICE, app, secret("DB_PASSWORD", "pw-applied"), secret("API_TOKEN", "token-applied")).statusCode(200);
        awaitSucceeded(app, "dev", deploy(app, "dev", Map.of("spec", spec("nginx"))));
        Secret live = liveSecret(app);
        live.getData().remove("API_TOKEN");
        live.getData().put("DB_PASSWORD", Base64.getEncoder().encodeToString("changed-by-hand".getBytes(StandardCharsets.UTF_8)));
        live.getMetadata().setManagedFields(null);
        sandbox.client().secrets().inNamespace(app + "-dev").resource(live).update();
        String body = as(ALICE).get("/api/v1/applications/{a}/environments/dev/drift", app).then().statusCode(200)
                .body("inSync", equalTo(false))
                .body("differences.path", equalTo(List.of("data.API_TOKEN")))
                .body("differences[0].actual", nullValue())
                .extract().asString();
        assertFalse(body.contains("changed-by-hand") || body.contains("pw-applied") || body.contains("token-applied"));
        assertFalse(body.contains(Base64.getEncoder().encodeToString("pw-applied".getBytes(StandardCharsets.UTF_8))));
    }
}
