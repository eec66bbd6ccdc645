package dev.slipway.deployment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.BOB;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deployments submitted as Score workloads, over REST (the document as the body, or the score field) and gRPC. */
@QuarkusTest
class ScoreDeploymentTest {
    private static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";
    private static final String SCORE_YAML = "application/vnd.score+yaml";
    /** A comment and a non-ASCII value, so that "as submitted" means byte for byte. */
    private static final String WORKLOAD = """
            # checkout's web tier
            apiVersion: score.dev/v1b1
            metadata:
              name: checkout-web
            containers:
              web:
                image: ghcr.io/acme/web:1.0.0
                args: ["--greeting", "Grüße"]
                variables:
                  LOG_LEVEL: info
                  SELF: ${metadata.name}
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
                readinessProbe:
                  httpGet: {path: /ready, port: 8080}
            service:
              ports:
                www: {port: 80, targetPort: 8080}
            """;

    @GrpcClient("slipway")
    DeploymentService grpc;

    /** curl --data-binary: the bytes as they are, with the media type and no charset parameter. */
    private static ValidatableResponse postScore(String token, String app, String env, String document, String idempotencyKey) {
        var request = given().header("Authorization", TestTokens.bearer(token))
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(SCORE_YAML).body(document.getBytes(StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(DEPLOYMENTS, app, env).then();
    }

    private static String newAppWithDev() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        return app;
    }

    @Test
    void aScoreDocumentDeploysToTheSandboxAndKeepsTheDocumentBesideTheSpec() {
        String app = newAppWithDev();
        String id = postScore(ALICE, app, "dev", WORKLOAD, null).statusCode(202)
                .header("Location", containsString("/deployments/")).body("status", equalTo("PENDING"))
                .extract().path("id");

        JsonPath done = awaitTerminal(app, "dev", id);
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals(WORKLOAD, done.getString("scoreDocument"));
        assertEquals(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0", "args", List.of("--greeting", "Grüße"),
                "env", Map.of("LOG_LEVEL", "info", "SELF", "${metadata.name}"),
                "ports", List.of(Map.of("containerPort", 8080)),
                "resources", Map.of("requests", Map.of("cpu", "100m", "memory", "64Mi")),
                "readinessProbe", Map.of("httpGetPath", "/ready", "port", 8080)), done.getMap("spec.containers[0]"));
        assertEquals(List.of(Map.of("name", "www", "port", 80, "targetPort", 8080)), done.getList("spec.servicePorts"));
        as(BOB).get(DEPLOYMENTS + "/{id}", app, "dev", id).then().statusCode(200).body("scoreDocument", equalTo(WORKLOAD));
    }

    @Test
    void theScoreFieldOfAJsonRequestCarriesAReasonAndRollbacksAndPromotionsKeepTheDocument() {
        String app = newApp();
        as(ALICE).body(Map.of("name", "dev", "type", "development", "autoRollback", true))
                .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
        createEnvironment(ALICE, app, "stage", "staging").statusCode(201);
        String first = as(ALICE).body(Map.of("score", WORKLOAD, "reason", "first release", "source", Map.of("commit", "3f2c9d1")))
                .post(DEPLOYMENTS, app, "dev").then().statusCode(202).body("reason", equalTo("first release"))
                .body("scoreDocument", equalTo(WORKLOAD)).extract().path("id");
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", first).getString("status"));

        // A spec deployment has no document; when it fails, the automatic rollback restores the document with the spec.
        String failing = as(ALICE).body(Map.of("spec", DeploymentResourceTest.spec("ghcr.io/acme/web:fail")))
                .post(DEPLOYMENTS, app, "dev").then().statusCode(202).body("$", not(hasKey("scoreDocument")))
                .extract().path("id");
        assertEquals("FAILED", awaitTerminal(app, "dev", failing).getString("status"));
        JsonPath automatic = as(ALICE).get(DEPLOYMENTS, app, "dev").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first, WORKLOAD),
                List.of(automatic.getString("items[0].rollbackOf"), automatic.getString("items[0].scoreDocument")));

        as(ALICE).post(DEPLOYMENTS + "/{id}:rollback", app, "dev", first).then().statusCode(202).body("rollbackOf", equalTo(first))
                .body("scoreDocument", equalTo(WORKLOAD));
        as(ALICE).body(Map.of("promoteFrom", Map.of("environment", "dev", "deploymentId", first)))
                .post(DEPLOYMENTS, app, "stage").then().statusCode(202).body("promotedFrom", equalTo(first))
                .body("scoreDocument", equalTo(WORKLOAD));
    }

    @Test
    void theSameKeyAndDocumentReplayTheSameDeployment() {
        String app = newAppWithDev();
        String key = Names.unique("score-run");
        String first = postScore(ALICE, app, "dev", WORKLOAD, key).statusCode(202).extract().path("id");
        String again = postScore(ALICE, app, "dev", WORKLOAD, key).statusCode(202).header("Idempotent-Replayed", "true")
                .extract().path("id");
        assertEquals(first, again);
        postScore(ALICE, app, "dev", WORKLOAD.replace("info", "debug"), key).statusCode(422);
        awaitTerminal(app, "dev", first);
        as(ALICE).get(DEPLOYMENTS, app, "dev").then().body("items.size()", equalTo(1));
    }

    @Test
    void anInvalidDocumentIsRefusedWithEveryViolationByItsPath() {
        String app = newAppWithDev();
        postScore(ALICE, app, "dev", """
                apiVersion: score.dev/v1b1
                metadata: {name: Checkout}
                containers:
                  web:
                    command: [1]
                    files: [{target: /etc/app.conf, content: x}]
                service:
                  ports:
                    www: {port: 0}
                """, null).statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("5 fields are invalid; see errors"))
                .body("errors.field", hasItems("metadata.name", "containers.web.image", "containers.web.command[0]",
                        "service.ports.www.port", "containers.web.files"));
        postScore(BOB, app, "dev", WORKLOAD, null).statusCode(403);
        as(ALICE).get(DEPLOYMENTS, app, "dev").then().body("items.size()", equalTo(0));
    }

    @Test
    void documentsThatAreNotOneScoreWorkloadAreRefused() {
        String app = newAppWithDev();
        postScore(ALICE, app, "dev", "- web\n- api\n", null).statusCode(400)
                .body("errors[0].field", equalTo("score")).body("errors[0].message", containsString("must be a YAML mapping"));
        postScore(ALICE, app, "dev", WORKLOAD + "---\n" + WORKLOAD, null).statusCode(400)
                .body("errors[0].field", equalTo("documents[1].metadata.name"))
                .body("errors[0].message", containsString("each document is a workload of its own name"));
        postScore(ALICE, app, "dev", WORKLOAD.replace("score.dev/v1b1", "score.dev/v2"), null).statusCode(400)
                .body("errors.field", equalTo(List.of("apiVersion")));
        postScore(ALICE, app, "dev", "containers: [web\n", null).statusCode(400)
                .body("errors[0].message", containsString("is not valid YAML"));
        postScore(ALICE, app, "dev", "", null).statusCode(400).body("errors[0].field", equalTo("score"));
        as(ALICE).body(Map.of("score", WORKLOAD, "spec", DeploymentResourceTest.spec("ghcr.io/acme/web:1")))
                .post(DEPLOYMENTS, app, "dev").then().statusCode(400).body("errors.field", equalTo(List.of("spec")));
        given().header("Authorization", TestTokens.bearer(ALICE)).contentType("text/plain").body(WORKLOAD)
                .post(DEPLOYMENTS, app, "dev").then().statusCode(415);
        as(ALICE).get(DEPLOYMENTS, app, "dev").then().body("items.size()", equalTo(0));
    }

    @Test
    void grpcTakesTheDocumentAsTheScoreOrigin() throws Exception {
        String app = newAppWithDev();
        DeploymentProto.Deployment created = as(grpc, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setScore(WORKLOAD).setReason("from score").build())
                .await().atMost(Duration.ofSeconds(10)).getDeployment();
        assertEquals(WORKLOAD, created.getScoreDocument());
        assertEquals("from score", created.getReason());
        assertEquals(Map.of("LOG_LEVEL", "info", "SELF", "${metadata.name}"), created.getSpec().getContainers(0).getEnvMap());
        assertEquals(8080, created.getSpec().getServicePorts(0).getTargetPort());
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", created.getId()).getString("status"));

        Throwable invalid = assertThrows(Exception.class, () -> as(grpc, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setScore("apiVersion: score.dev/v1b1\nmetadata: {name: Web}\ncontainers:\n  web: {image: 7}\nextra: 1\n").build())
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals(List.of("metadata.name", "containers.web.image", "extra"), violatedFields(invalid));
        Throwable empty = assertThrows(Exception.class, () -> as(grpc, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setScore("").build())
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(List.of("score"), violatedFields(empty));
        assertTrue(as(grpc, ALICE).getDeployment(DeploymentProto.GetDeploymentRequest.newBuilder()
                .setApplication(app).setEnvironment("dev").setId(created.getId()).build()).await().atMost(Duration.ofSeconds(10))
                .getDeployment().getScoreDocument().contains("checkout-web"));
    }
}
