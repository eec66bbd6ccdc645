package dev.slipway.deployment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentService;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Api;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating an environment with cloneFrom: the source's configuration overrides (secrets included)
 * are copied and its current spec is deployed into the clone, which runs it with its own copy of
 * the configuration; over REST and gRPC, and the permission it takes on the source.
 */
@QuarkusTest
class EnvironmentCloneTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String DAVE = TestTokens.user("dave", "team-d");
    private static final String ENVIRONMENTS = "/api/v1/applications/{a}/environments";
    private static final String DEPLOYMENTS = ENVIRONMENTS + "/{e}/deployments";
    private static final String SECRET = "clone-canary-4f1d";
    private static final String IMAGE = "ghcr.io/acme/web:3.1.4";

    @Inject
    SandboxCluster sandbox;
    @GrpcClient("slipway")
    EnvironmentService environments;

    /** An application whose staging has overrides (a variable and a secret) and a succeeded deployment. */
    private static String deployedSource() {
        String app = Names.unique("cln");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        Api.createEnvironment(ALICE, app, "staging", "staging").statusCode(201);
        as(ALICE).body(Map.of("changes", List.of(Map.of("name", "SHARED", "value", "base")))).patch("/api/v1/applications/{a}/config", app)
                .then().statusCode(200);
        as(ALICE)
                .body(Map.of("changes",
                        List.of(Map.of("name", "GREETING", "value", "from-staging"), Map.of("name", "TOKEN", "secret", SECRET))))
                .patch(ENVIRONMENTS + "/{e}/config", app, "staging").then().statusCode(200);
        String id = as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", IMAGE)), "replicas", 1)))
                .post(DEPLOYMENTS, app, "staging").then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", awaitTerminal(app, "staging", id).getString("status"));
        return app;
    }

    private static JsonPath awaitTerminal(String app, String environment, String id) {
        return as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s").get(DEPLOYMENTS + "/{id}", app, environment, id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The clone's one deployment, which the clone started, once it has finished. */
    private static JsonPath clonesDeployment(String app, String clone, String source) {
        JsonPath list = as(ALICE).get(DEPLOYMENTS, app, clone).then().statusCode(200).extract().jsonPath();
        assertEquals(1, list.getList("items").size(), list.prettify());
        assertEquals("cloned from " + source, list.getString("items[0].reason"));
        return awaitTerminal(app, clone, list.getString("items[0].id"));
    }

    @Test
    void aCloneGetsTheSourcesOverridesAndRunsItsSpec() {
        String app = deployedSource();
        JsonPath clone = as(ALICE).body(Map.of("name", "pr-7", "type", "preview", "cloneFrom", "staging")).post(ENVIRONMENTS, app).then()
                .statusCode(201).body("clonedFrom", equalTo("staging")).extract().jsonPath();
        assertNotNull(clone.getString("expiresAt"), "a preview expires");
        JsonPath deployment = clonesDeployment(app, "pr-7", "staging");
        assertEquals("SUCCEEDED", deployment.getString("status"), deployment.prettify());
        assertEquals(IMAGE, deployment.getString("spec.containers[0].image"));

        // The overrides are the clone's own, secret included (shown by state only, never by value).
        JsonPath config = as(ALICE).get(ENVIRONMENTS + "/{e}/config", app, "pr-7").then().statusCode(200).extract().jsonPath();
        assertEquals("from-staging", config.getString("entries.find { it.name == 'GREETING' }.value"));
        assertEquals("ENVIRONMENT", config.getString("entries.find { it.name == 'GREETING' }.source"));
        assertEquals("SECRET", config.getString("entries.find { it.name == 'TOKEN' }.type"));
        assertFalse(config.prettify().contains(SECRET));
        // And they are in effect in the clone's namespace.
        String namespace = app + "-pr-7";
        ConfigMap configMap = sandbox.client().configMaps().inNamespace(namespace).withName(app + "-config").get();
        assertNotNull(configMap, "the clone's ConfigMap");
        assertEquals("from-staging", configMap.getData().get("GREETING"));
        assertEquals("base", configMap.getData().get("SHARED"));
        Secret secret = sandbox.client().secrets().inNamespace(namespace).withName(app + "-secrets").get();
        assertNotNull(secret, "the clone's Secret");
        assertEquals(SECRET, new String(Base64.getDecoder().decode(secret.getData().get("TOKEN")), StandardCharsets.UTF_8));
        assertEquals(IMAGE, sandbox.client().apps().deployments().inNamespace(namespace).withName(app).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());

        // A copy, not a link: changing the source later leaves the clone as it was.
        as(ALICE).body(Map.of("changes", List.of(Map.of("name", "GREETING", "value", "changed"))))
                .patch(ENVIRONMENTS + "/{e}/config", app, "staging").then().statusCode(200);
        assertEquals("from-staging", as(ALICE).get(ENVIRONMENTS + "/{e}/config", app, "pr-7").then().statusCode(200).extract().jsonPath()
                .getString("entries.find { it.name == 'GREETING' }.value"));
    }

    @Test
    void aSourceWithoutADeploymentGivesACloneWithItsConfigurationOnly() {
        String app = Names.unique("cln");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        Api.createEnvironment(ALICE, app, "staging", "staging").statusCode(201);
        as(ALICE).body(Map.of("changes", List.of(Map.of("name", "GREETING", "value", "hi"))))
                .patch(ENVIRONMENTS + "/{e}/config", app, "staging")
                .then().statusCode(200);
        as(ALICE).body(Map.of("name", "pr-8", "type", "preview", "cloneFrom", "staging")).post(ENVIRONMENTS, app).then().statusCode(201);
        assertTrue(as(ALICE).get(DEPLOYMENTS, app, "pr-8").then().statusCode(200).extract().jsonPath().getList("items").isEmpty());
        assertEquals("hi", as(ALICE).get(ENVIRONMENTS + "/{e}/config", app, "pr-8").then().statusCode(200).extract().jsonPath()
                .getString("entries.find { it.name == 'GREETING' }.value"));

        // An unknown source is the request's fault; nothing is created.
        as(ALICE).body(Map.of("name", "pr-9", "type", "preview", "cloneFrom", "nowhere")).post(ENVIRONMENTS, app).then().statusCode(400)
                .body("errors[0].field", equalTo("cloneFrom"));
        as(ALICE).get(ENVIRONMENTS + "/{e}", app, "pr-9").then().statusCode(404);
    }

    @Test
    void cloningTakesTheRightToDeployToTheSource() {
        String app = deployedSource();
        Api.createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        Api.bind(ALICE, "user:dave", "developer", "application:" + app);
        // A developer cannot deploy to production, so cannot copy its secrets into an environment of their own either.
        as(DAVE).body(Map.of("name", "pr-10", "type", "preview", "cloneFrom", "prod")).post(ENVIRONMENTS, app).then().statusCode(403);
        as(DAVE).get(ENVIRONMENTS + "/{e}", app, "pr-10").then().statusCode(404);
        as(DAVE).body(Map.of("name", "pr-10", "type", "preview", "cloneFrom", "staging")).post(ENVIRONMENTS, app).then().statusCode(201);
        assertEquals("SUCCEEDED", clonesDeployment(app, "pr-10", "staging").getString("status"));
    }

    @Test
    void overGrpcTheCloneRecordsItsSourceAndRunsItsSpec() {
        String app = deployedSource();
        EnvironmentProto.Environment clone = GrpcAuth.as(environments, ALICE).createEnvironment(EnvironmentProto.CreateEnvironmentRequest
                .newBuilder().setApplication(app).setCloneFrom("staging").setTtl("2h")
                .setEnvironment(EnvironmentProto.Environment.newBuilder().setName("pr-11").setType("preview")).build())
                .await().atMost(Duration.ofSeconds(10)).getEnvironment();
        assertEquals("staging", clone.getClonedFrom());
        assertTrue(clone.hasExpireTime());
        assertEquals("SUCCEEDED", clonesDeployment(app, "pr-11", "staging").getString("status"));
        ConfigMap configMap = sandbox.client().configMaps().inNamespace(app + "-pr-11").withName(app + "-config").get();
        assertEquals("from-staging", configMap.getData().get("GREETING"));
        // The source shows no sign of being cloned.
        assertNull(as(ALICE).get(ENVIRONMENTS + "/{e}", app, "staging").then().statusCode(200).extract().path("clonedFrom"));
    }
}
