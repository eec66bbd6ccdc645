package dev.slipway.deployment;

import java.util.List;
import java.util.Map;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deployments driven through the REST API onto the sandbox cluster, end to end. */
@QuarkusTest
class DeploymentResourceTest {
    static final String ALICE = TestTokens.user("alice", "team-a");
    static final String BOB = TestTokens.user("bob", "team-b");

    static String newApp() {
        String app = Names.unique("dep");
        createApplication(ALICE, app, "team-a").statusCode(201);
        // bob (team-b) may read it: the tests use him for reads and refused writes.
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        return app;
    }

    static Map<String, Object> spec(String image) {
        return Map.of("containers", List.of(Map.of("name", "web", "image", image,
                "ports", List.of(Map.of("name", "http", "containerPort", 8080)))),
                "replicas", 2,
                "servicePorts", List.of(Map.of("name", "http", "port", 80, "targetPort", 8080)));
    }

    static String deploy(String app, String env, String image) {
        return as(ALICE).body(Map.of("spec", spec(image), "reason", "test", "source", Map.of("commit", "3f2c9d1")))
                .post("/api/v1/applications/{a}/environments/{e}/deployments", app, env)
                .then().statusCode(202)
                .header("Location", containsString("/deployments/"))
                .body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    static JsonPath awaitTerminal(String app, String env, String id) {
        return as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s")
                .get("/api/v1/applications/{a}/environments/{e}/deployments/{id}", app, env, id)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void deploysToTheSandboxAndReportsSuccess() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");

        JsonPath done = awaitTerminal(app, "dev", id);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals(2, done.getInt("observedReplicas"));
        assertNotNull(done.getString("applyingAt"));
        assertNotNull(done.getString("progressingAt"));
        assertNotNull(done.getString("finishedAt"));
        assertEquals("3f2c9d1", done.getString("source.commit"));
        assertEquals("alice", done.getString("requestedBy"));

        as(ALICE).get("/api/v1/applications/{a}/environments/dev", app).then().statusCode(200)
                .body("currentDeploymentId", equalTo(id));
        as(BOB).get("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void aFailingImageEndsFailedWithTheClustersReason() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = deploy(app, "dev", "ghcr.io/acme/web:fail");

        JsonPath done = awaitTerminal(app, "dev", id);
        assertEquals("FAILED", done.getString("status"));
        assertTrue(List.of("ImagePullBackOff", "ProgressDeadlineExceeded").contains(done.getString("statusReason")),
                done.getString("statusReason"));
        as(ALICE).queryParam("status", "FAILED").get("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void autoRollbackRedeploysTheLastSucceededSpec() {
        String app = newApp();
        as(ALICE).body(Map.of("name", "dev", "type", "development", "autoRollback", true))
                .post("/api/v1/applications/{a}/environments", app).then().statusCode(201).body("autoRollback", equalTo(true));
        String good = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", good).getString("status"));
        String bad = deploy(app, "dev", "ghcr.io/acme/does-not-exist:2.0.0");
        assertEquals("FAILED", awaitTerminal(app, "dev", bad).getString("status"));

        JsonPath history = as(ALICE).get("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(200)
                .extract().jsonPath();
        String rollbackId = history.getString("items[0].id");
        assertEquals(good, history.getString("items[0].rollbackOf"));
        JsonPath rollback = awaitTerminal(app, "dev", rollbackId);
        assertEquals("SUCCEEDED", rollback.getString("status"));
        assertEquals("ghcr.io/acme/web:1.0.0", rollback.getString("spec.containers[0].image"));
    }

    @Test
    void rollbackStartsANewDeploymentWithTheExactSpec() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String first = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        awaitTerminal(app, "dev", first);
        String second = deploy(app, "dev", "ghcr.io/acme/web:2.0.0");
        awaitTerminal(app, "dev", second);

        String rollback = as(ALICE).body(Map.of("reason", "bad release"))
                .post("/api/v1/applications/{a}/environments/dev/deployments/{id}:rollback", app, first)
                .then().statusCode(202).body("rollbackOf", equalTo(first)).body("previousDeploymentId", equalTo(second))
                .extract().path("id");
        JsonPath done = awaitTerminal(app, "dev", rollback);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals("ghcr.io/acme/web:1.0.0", done.getString("spec.containers[0].image"));
        as(BOB).post("/api/v1/applications/{a}/environments/dev/deployments/{id}:rollback", app, first).then().statusCode(403);
    }

    @Test
    void promotionCopiesTheExactSpecAndIsRefusedForAnUnsucceededDeployment() {
        String app = newApp();
        createEnvironment(ALICE, app, "stage", "staging").statusCode(201);
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        String staged = deploy(app, "stage", "ghcr.io/acme/web:3.1.4");
        assertEquals("SUCCEEDED", awaitTerminal(app, "stage", staged).getString("status"));

        String promoted = as(ALICE).body(Map.of("promoteFrom", Map.of("environment", "stage", "deploymentId", staged)))
                .post("/api/v1/applications/{a}/environments/prod/deployments", app)
                .then().statusCode(202).body("promotedFrom", equalTo(staged)).body("status", equalTo("AWAITING_APPROVAL"))
                .extract().path("id");
        // production requires one approval by someone other than alice: carol, another owner of team-a.
        as(TestTokens.user("carol", "team-a")).body(Map.of("comment", "staging looked fine"))
                .post("/api/v1/applications/{a}/environments/prod/deployments/{id}:approve", app, promoted)
                .then().statusCode(200).body("status", equalTo("PENDING"));
        JsonPath done = awaitTerminal(app, "prod", promoted);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals(as(ALICE).get("/api/v1/applications/{a}/environments/stage/deployments/{id}", app, staged).then().extract()
                .jsonPath().getMap("spec"), done.getMap("spec"));

        String failed = deploy(app, "stage", "ghcr.io/acme/web:fail");
        awaitTerminal(app, "stage", failed);
        as(ALICE).body(Map.of("promoteFrom", Map.of("environment", "stage", "deploymentId", failed)))
                .post("/api/v1/applications/{a}/environments/prod/deployments", app)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("SUCCEEDED"));
    }

    @Test
    void validatesTheSpec() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "Web!", "image", "UPPER/case image",
                "resources", Map.of("requests", Map.of("cpu", "lots")))), "replicas", 500)))
                .post("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("spec.containers[0].image"))
                .body("errors.field", hasItem("spec.containers[0].name"))
                .body("errors.field", hasItem("spec.replicas"));
        as(ALICE).body(Map.of("reason", "neither"))
                .post("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(400).body("errors.field", hasItem("spec"));
        as(BOB).body(Map.of("spec", spec("ghcr.io/acme/web:1")))
                .post("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(403);
        as(ALICE).get("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void idempotencyKeyReplaysTheSameDeployment() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String key = Names.unique("ci-run");
        Map<String, Object> body = Map.of("spec", spec("ghcr.io/acme/web:9.9.9"));
        String first = as(ALICE).header("Idempotency-Key", key).body(body)
                .post("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(202).extract().path("id");
        String again = as(ALICE).header("Idempotency-Key", key).body(body)
                .post("/api/v1/applications/{a}/environments/dev/deployments", app).then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
        awaitTerminal(app, "dev", first);
        as(ALICE).get("/api/v1/applications/{a}/environments/dev/deployments", app).then().body("items.size()", equalTo(1));
    }

    @Test
    void longPollAnswersAtTheTimeoutWhenNothingHappens() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        JsonPath done = awaitTerminal(app, "dev", id);
        // Already terminal: answers at once.
        as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "5s")
                .get("/api/v1/applications/{a}/environments/dev/deployments/{id}", app, id)
                .then().statusCode(200).body("status", equalTo(done.getString("status")));
        as(ALICE).queryParam("waitFor", "forever")
                .get("/api/v1/applications/{a}/environments/dev/deployments/{id}", app, id).then().statusCode(400);
        as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "1h")
                .get("/api/v1/applications/{a}/environments/dev/deployments/{id}", app, id).then().statusCode(400);
        as(ALICE).get("/api/v1/applications/{a}/environments/dev/deployments/{id}", app, "00000000-0000-4000-8000-00000000ffff")
                .then().statusCode(404);
    }

    @Test
    void cancelIsOnlyForPendingDeployments() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        awaitTerminal(app, "dev", id);
        as(ALICE).post("/api/v1/applications/{a}/environments/dev/deployments/{id}:cancel", app, id)
                .then().statusCode(409).body("detail", containsString("only PENDING"));
    }

    @Test
    void environmentsShowNoCurrentDeploymentBeforeTheFirst() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201)
                .body("currentDeploymentId", equalTo(null))
                .body("autoRollback", equalTo(false))
                .body("id", notNullValue());
    }
}
