package dev.slipway.environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentService;
import dev.slipway.testing.Api;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestClusters.ExtraSandbox;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deleting an environment that has something in its cluster: 202 and DELETING, then the workload
 * removed, its resources deprovisioned, the namespace Slipway created deleted, the records last.
 * Each test gets a sandbox API server of its own, so what is left in the cluster can be checked
 * exactly (and that cluster can be stopped).
 */
@QuarkusTest
class EnvironmentTeardownTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ENVIRONMENT = "/api/v1/applications/{a}/environments/{e}";
    private static final String DEPLOYMENTS = ENVIRONMENT + "/deployments";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @GrpcClient("slipway")
    EnvironmentService environments;

    @Test
    void deletingADeployedEnvironmentRemovesItsWorkloadResourcesAndNamespaceThenTheRecords() {
        try (ExtraSandbox cluster = ExtraSandbox.start()) {
            String clusterName = register(cluster);
            String app = newApp();
            createOn(app, "pr-1", clusterName);
            // A postgres from the shipped dev-postgres definition (type development): a StatefulSet in the namespace.
            String id = as(ALICE).body(Map.of("spec", Map.of(
                    "containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0",
                            "env", Map.of("DATABASE_HOST", "${resources.db.host}"))),
                    "resources", Map.of("db", Map.of("type", "postgres")))))
                    .post(DEPLOYMENTS, app, "pr-1").then().statusCode(202).extract().path("id");
            assertEquals("SUCCEEDED", awaitTerminal(app, "pr-1", id).getString("status"));
            String namespace = app + "-pr-1";
            KubernetesClient client = cluster.client();
            assertNotNull(client.namespaces().withName(namespace).get(), "Slipway created the namespace");
            assertNotNull(client.apps().deployments().inNamespace(namespace).withName(app).get());
            assertFalse(client.apps().statefulSets().inNamespace(namespace).list().getItems().isEmpty(), "the database runs");

            JsonPath deleting = as(ALICE).delete(ENVIRONMENT, app, "pr-1").then().statusCode(202).extract().jsonPath();
            assertEquals("DELETING", deleting.getString("status"));
            assertEquals("pr-1", deleting.getString("name"));

            await("the environment disappears", () -> as(ALICE).get(ENVIRONMENT, app, "pr-1").statusCode() == 404);
            assertNull(client.apps().deployments().inNamespace(namespace).withName(app).get(), "the workload is removed");
            assertTrue(client.apps().statefulSets().inNamespace(namespace).list().getItems().isEmpty(), "the database is deprovisioned");
            assertTrue(client.services().inNamespace(namespace).list().getItems().isEmpty(), "its services too");
            assertNull(client.namespaces().withName(namespace).get(), "the namespace Slipway created is deleted");
            as(ALICE).get(ENVIRONMENT + "/resources", app, "pr-1").then().statusCode(404);
            // The audit log keeps the caller's delete and the platform's tear-down.
            JsonPath audit = as(ADMIN).queryParam("application", app).get("/api/v1/audit-events").then().statusCode(200).extract()
                    .jsonPath();
            assertTrue(audit.getList("items.action").contains("environment.delete"), audit.prettify());
            assertTrue(audit.getList("items.subjectType").contains("PLATFORM"), audit.prettify());
            // Nothing uses the application any more.
            as(ALICE).delete("/api/v1/applications/{a}", app).then().statusCode(204);
        }
    }

    @Test
    void aNamespaceSlipwayDidNotCreateStays() {
        try (ExtraSandbox cluster = ExtraSandbox.start()) {
            String clusterName = register(cluster);
            String app = newApp();
            String namespace = "shared-" + app;
            cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(namespace).endMetadata().build()).create();
            as(ALICE).body(Map.of("name", "qa-1", "type", "development", "cluster", clusterName, "namespace", namespace))
                    .post("/api/v1/applications/{a}/environments", app).then().log().ifValidationFails().statusCode(201);
            String id = deploy(app, "qa-1");
            assertEquals("SUCCEEDED", awaitTerminal(app, "qa-1", id).getString("status"));

            as(ALICE).delete(ENVIRONMENT, app, "qa-1").then().statusCode(202);
            await("the environment disappears", () -> as(ALICE).get(ENVIRONMENT, app, "qa-1").statusCode() == 404);
            assertNull(cluster.client().apps().deployments().inNamespace(namespace).withName(app).get());
            assertNotNull(cluster.client().namespaces().withName(namespace).get(), "someone else's namespace is left alone");
        }
    }

    @Test
    void whileItsClusterIsDownTheEnvironmentStaysDeletingAcceptsNothingAndIsTornDownOnceTheClusterIsBack() {
        String clusterName;
        String app = newApp();
        try (ExtraSandbox cluster = ExtraSandbox.start()) {
            clusterName = register(cluster);
            createOn(app, "review", clusterName);
            assertEquals("SUCCEEDED", awaitTerminal(app, "review", deploy(app, "review")).getString("status"));
        }
        // The cluster is gone: the tear-down fails and is retried; the environment waits in DELETING.
        as(ALICE).delete(ENVIRONMENT, app, "review").then().statusCode(202).body("status", equalTo("DELETING"));
        as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:2.0.0")))))
                .post(DEPLOYMENTS, app, "review").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("being deleted"));
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("labels", Map.of("team", "a")))
                .patch(ENVIRONMENT, app, "review").then().statusCode(409);
        as(ALICE).delete("/api/v1/applications/{a}", app).then().statusCode(409);
        as(ALICE).delete(ENVIRONMENT, app, "review").then().statusCode(202).body("status", equalTo("DELETING"));
        as(ALICE).get(ENVIRONMENT, app, "review").then().statusCode(200).body("status", equalTo("DELETING"));

        // The cluster's credentials now point at a server that answers: the next attempt finishes the job.
        try (ExtraSandbox replacement = ExtraSandbox.start()) {
            as(ADMIN).contentType("application/merge-patch+json")
                    .body(Map.of("credentials", Map.of("kubeconfig", TestClusters.kubeconfig(replacement.url(), "ctx", "token-2"))))
                    .patch("/api/v1/clusters/{name}", clusterName).then().statusCode(200);
            await("the environment disappears", () -> as(ALICE).get(ENVIRONMENT, app, "review").statusCode() == 404);
        } finally {
            as(ADMIN).delete("/api/v1/clusters/{name}", clusterName);
        }
    }

    /**
     * The runner marks the environment's footprint when the first deployment starts; that mark
     * must not make a caller's change at the same moment fail as a concurrent edit (412), as a
     * clone followed at once by :extend did in the README.
     */
    @Test
    void changesWhileTheFirstDeploymentStartsAreNotRefusedAndTheDeleteStillTearsDown() {
        String app = newApp();
        createEnvironment(ALICE, app, "busy", "development").statusCode(201);
        String id = deploy(app, "busy");
        for (int i = 0; i < 20; i++) {
            as(ALICE).contentType("application/merge-patch+json").body(Map.of("labels", Map.of("try", "t" + i)))
                    .patch(ENVIRONMENT, app, "busy").then().statusCode(200);
        }
        assertEquals("SUCCEEDED", awaitTerminal(app, "busy", id).getString("status"));
        // The deployment reached the cluster, so the delete is a tear-down, whatever the environment looked like when read.
        as(ALICE).delete(ENVIRONMENT, app, "busy").then().statusCode(202);
        await("the environment disappears", () -> as(ALICE).get(ENVIRONMENT, app, "busy").statusCode() == 404);
    }

    @Test
    void overGrpcTheDeleteAnswersTheEnvironmentBeingTornDown() {
        String app = newApp();
        createEnvironment(ALICE, app, "preview", "development").statusCode(201);
        assertEquals("SUCCEEDED", awaitTerminal(app, "preview", deploy(app, "preview")).getString("status"));

        EnvironmentProto.DeleteEnvironmentResponse response = GrpcAuth.as(environments, ALICE)
                .deleteEnvironment(EnvironmentProto.DeleteEnvironmentRequest.newBuilder().setApplication(app).setName("preview").build())
                .await().atMost(DEADLINE);
        assertTrue(response.hasEnvironment());
        assertEquals(EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_DELETING, response.getEnvironment().getStatus());

        await("the environment disappears", () -> {
            try {
                GrpcAuth.as(environments, ALICE).getEnvironment(EnvironmentProto.GetEnvironmentRequest.newBuilder().setApplication(app)
                        .setName("preview").build()).await().atMost(DEADLINE);
                return false;
            } catch (RuntimeException e) {
                assertEquals(Status.Code.NOT_FOUND, GrpcAuth.code(e));
                return true;
            }
        });
        // An environment never deployed to has nothing to tear down: gone at once, no environment in the answer.
        createEnvironment(ALICE, app, "empty", "development").statusCode(201);
        assertFalse(GrpcAuth.as(environments, ALICE)
                .deleteEnvironment(EnvironmentProto.DeleteEnvironmentRequest.newBuilder().setApplication(app).setName("empty").build())
                .await().atMost(DEADLINE).hasEnvironment());
        assertThrows(RuntimeException.class, () -> GrpcAuth.as(environments, ALICE)
                .getEnvironment(EnvironmentProto.GetEnvironmentRequest.newBuilder().setApplication(app).setName("empty").build())
                .await().atMost(DEADLINE));
    }

    private static String newApp() {
        String app = Names.unique("td");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        return app;
    }

    private static String register(ExtraSandbox cluster) {
        String name = Names.unique("td-cluster");
        as(ADMIN).body(Map.of("name", name, "credentials", Map.of("kubeconfig", TestClusters.kubeconfig(cluster.url(), "ctx", "token-1"))))
                .post("/api/v1/clusters").then().statusCode(201);
        return name;
    }

    private static void createOn(String app, String environment, String cluster) {
        as(ALICE).body(Map.of("name", environment, "type", "development", "cluster", cluster))
                .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
    }

    private static String deploy(String app, String environment) {
        return as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0")))))
                .post(DEPLOYMENTS, app, environment).then().statusCode(202).extract().path("id");
    }

    private static JsonPath awaitTerminal(String app, String environment, String id) {
        return as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s").get(DEPLOYMENTS + "/{id}", app, environment, id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void await(String what, BooleanSupplier condition) {
        Polling.await(what, DEADLINE, condition);
    }
}
