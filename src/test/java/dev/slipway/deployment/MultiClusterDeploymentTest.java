package dev.slipway.deployment;

import java.util.Map;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestClusters.ExtraSandbox;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.deploy;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployments to more than one cluster: the built-in sandbox and a second sandbox API server
 * registered as an EXTERNAL cluster through a kubeconfig, as a new user would register a real one;
 * then its credentials rotated to a kubeconfig of a third server, which the next deployment reaches.
 */
@QuarkusTest
class MultiClusterDeploymentTest {
    private static final String ADMIN = TestTokens.admin();

    @Inject
    SandboxCluster sandbox;

    @Test
    void deploysToTwoClustersAndFollowsRotatedCredentials() {
        String cluster = Names.unique("edge");
        try (ExtraSandbox second = ExtraSandbox.start(); ExtraSandbox third = ExtraSandbox.start()) {
            as(ADMIN).body(Map.of("name", cluster, "description", "second API server",
                    "credentials", Map.of("kubeconfig", TestClusters.kubeconfig(second.url(), "deployer@edge", "edge-token-1"))))
                    .post("/api/v1/clusters").then().statusCode(201);
            // As curl sends it: the ':' of the custom method not percent-encoded (the other tests send it encoded).
            JsonPath health = as(ALICE).urlEncodingEnabled(false).get("/api/v1/clusters/" + cluster + ":health").then().statusCode(200)
                    .extract().jsonPath();
            assertTrue(health.getBoolean("reachable"), health.prettify());
            assertNotNull(health.getString("serverVersion"));
            assertTrue(health.getLong("roundTripMillis") >= 0);

            String app = newApp();
            createEnvironment(ALICE, app, "dev", "development").statusCode(201).extract();
            as(ALICE).body(Map.of("name", "edge", "type", "development", "cluster", cluster))
                    .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);

            String onSandbox = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
            String onEdge = deploy(app, "edge", "ghcr.io/acme/web:1.0.0");
            assertEquals("SUCCEEDED", awaitTerminal(app, "dev", onSandbox).getString("status"));
            JsonPath edge = awaitTerminal(app, "edge", onEdge);
            assertEquals("SUCCEEDED", edge.getString("status"), edge.prettify());

            // Each landed where its environment points, and only there.
            assertNotNull(workload(sandbox.client(), app + "-dev", app));
            assertNull(workload(sandbox.client(), app + "-edge", app));
            assertNotNull(workload(second.client(), app + "-edge", app));
            assertNull(workload(second.client(), app + "-dev", app));

            // Rotation: credentials for a third server. The next deployment goes there, through a new client.
            JsonPath rotated = as(ADMIN).contentType("application/merge-patch+json")
                    .body(Map.of("credentials",
                            Map.of("kubeconfig", TestClusters.kubeconfig(third.url(), "deployer@edge", "edge-token-2"))))
                    .patch("/api/v1/clusters/{name}", cluster).then().statusCode(200).extract().jsonPath();
            assertEquals(third.url(), rotated.getString("apiUrl"));
            assertEquals(2, rotated.getInt("credentialsInfo.version"));

            String afterRotation = deploy(app, "edge", "ghcr.io/acme/web:2.0.0");
            JsonPath done = awaitTerminal(app, "edge", afterRotation);
            assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
            assertEquals("ghcr.io/acme/web:2.0.0", image(workload(third.client(), app + "-edge", app)));
            assertEquals("ghcr.io/acme/web:1.0.0", image(workload(second.client(), app + "-edge", app)), "the old server is left alone");

            // It has a workload on the edge cluster: torn down (202), then gone, and the cluster is free to delete.
            as(ALICE).delete("/api/v1/applications/{a}/environments/edge", app).then().statusCode(202);
            Polling.await("environment edge torn down", java.time.Duration.ofSeconds(30),
                    () -> as(ALICE).get("/api/v1/applications/{a}/environments/edge", app).statusCode() == 404);
            assertNull(workload(third.client(), app + "-edge", app), "its workload is removed from the cluster it was on");
        } finally {
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    private static Deployment workload(io.fabric8.kubernetes.client.KubernetesClient client, String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
