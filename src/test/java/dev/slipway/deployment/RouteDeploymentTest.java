package dev.slipway.deployment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestClusters.ExtraSandbox;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.deployment.DeploymentResourceTest.spec;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes deployed for real into the sandbox: an Ingress (TLS from the environment type's Secret or
 * cert-manager), HTTPRoutes where the cluster names a Gateway, hosts that belong to one
 * environment, and the URLs the environment then lists.
 */
@QuarkusTest
class RouteDeploymentTest {
    static final String ADMIN = TestTokens.admin();
    static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";

    @Inject
    SandboxCluster sandbox;

    /** An environment type with this routing; its name. */
    static String typeWithRouting(Map<String, Object> routing) {
        String name = Names.unique("routed");
        as(ADMIN).body(Map.of("name", name, "order", 150, "routing", routing)).post("/api/v1/environment-types").then().statusCode(201);
        return name;
    }

    static Map<String, Object> specWithRoutes(List<Map<String, Object>> routes) {
        Map<String, Object> spec = new LinkedHashMap<>(spec("ghcr.io/acme/web:1.0.0"));
        spec.put("routes", routes);
        return spec;
    }

    static io.restassured.response.ValidatableResponse deploy(String app, String env, Map<String, Object> spec) {
        return as(ALICE).body(Map.of("spec", spec, "reason", "routes")).post(DEPLOYMENTS, app, env).then();
    }

    static JsonPath deployAndAwait(String app, String env, Map<String, Object> spec) {
        String id = deploy(app, env, spec).statusCode(202).extract().path("id");
        return awaitTerminal(app, env, id);
    }

    private static Ingress ingress(KubernetesClient client, String namespace, String name) {
        return client.network().v1().ingresses().inNamespace(namespace).withName(name).get();
    }

    @Test
    void routesBecomeAnIngressWithTheTypesTlsSecretAndTheEnvironmentListsTheirUrls() {
        String type = typeWithRouting(Map.of("ingressClassName", "nginx", "tls", Map.of("secretName", "wildcard-tls")));
        String app = newApp();
        createEnvironment(ALICE, app, "web", type).statusCode(201);
        String host = app + ".shop.example.com";
        JsonPath done = deployAndAwait(app, "web", specWithRoutes(List.of(Map.of("host", host, "port", 80),
                Map.of("host", host, "path", "/api", "port", 80))));
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());

        Ingress ingress = ingress(sandbox.client(), app + "-web", app);
        assertNotNull(ingress, "an Ingress named after the application");
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(1, ingress.getSpec().getRules().size());
        assertEquals(host, ingress.getSpec().getRules().get(0).getHost());
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertEquals(List.of("/", "/api"), paths.stream().map(HTTPIngressPath::getPath).toList());
        paths.forEach(path -> {
            assertEquals(app, path.getBackend().getService().getName());
            assertEquals(80, path.getBackend().getService().getPort().getNumber());
        });
        assertEquals("wildcard-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(List.of(host), ingress.getSpec().getTls().get(0).getHosts());

        JsonPath environment = as(ALICE).get("/api/v1/applications/{a}/environments/web", app).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("https://" + host + "/", "https://" + host + "/api"), environment.getList("routes.url"));
        assertEquals(List.of(app, app), environment.getList("routes.workload"));
        assertEquals(List.of(80, 80), environment.getList("routes.port"));
    }

    @Test
    void aClusterIssuerAsksCertManagerForTheApplicationsCertificate() {
        String type = typeWithRouting(Map.of("tls", Map.of("clusterIssuer", "letsencrypt")));
        String app = newApp();
        createEnvironment(ALICE, app, "web", type).statusCode(201);
        String host = app + ".issued.example.com";
        assertEquals("SUCCEEDED", deployAndAwait(app, "web", specWithRoutes(List.of(Map.of("host", host, "port", 80))))
                .getString("status"));

        Ingress ingress = ingress(sandbox.client(), app + "-web", app);
        assertEquals("letsencrypt", ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
        assertEquals(app + "-tls", ingress.getSpec().getTls().get(0).getSecretName());
    }

    @Test
    void aHostBelongsToOneEnvironmentUntilItsDeploymentsStopRoutingIt() {
        String app = newApp();
        String other = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        createEnvironment(ALICE, app, "test", "development").statusCode(201);
        createEnvironment(ALICE, other, "dev", "development").statusCode(201);
        String host = Names.unique("claimed") + ".example.com"; // not named after the application: the message must not show it
        Map<String, Object> routed = specWithRoutes(List.of(Map.of("host", host, "port", 80)));
        assertEquals("SUCCEEDED", deployAndAwait(app, "dev", routed).getString("status"));

        // Another application is told the host is taken, never by whom.
        deploy(other, "dev", routed).statusCode(409)
                .body("detail", containsString("host " + host + " is already routed by another environment"))
                .body("detail", not(containsString(app)));
        // The same application is told which of its environments has it.
        deploy(app, "test", routed).statusCode(409).body("detail", containsString("environment 'dev' of this application"));
        // The holder itself redeploys it freely.
        assertEquals("SUCCEEDED", deployAndAwait(app, "dev", routed).getString("status"));

        // A success without the route releases the host.
        assertEquals("SUCCEEDED", deployAndAwait(app, "dev", spec("ghcr.io/acme/web:1.0.1")).getString("status"));
        assertEquals(List.of(), as(ALICE).get("/api/v1/applications/{a}/environments/dev", app).then().statusCode(200)
                .extract().jsonPath().getList("routes"));
        assertEquals("SUCCEEDED", deployAndAwait(other, "dev", routed).getString("status"));

        // Deleting the environment drops its claims.
        as(ALICE).delete("/api/v1/applications/{a}/environments/dev", other).then().statusCode(202);
        dev.slipway.testing.Polling.await("environment torn down", Duration.ofSeconds(30),
                () -> as(ALICE).get("/api/v1/applications/{a}/environments/dev", other).statusCode() == 404);
        deploy(app, "test", routed).statusCode(202);
    }

    @Test
    void aHostFromAPlaceholderIsClaimedWhenTheDeploymentRuns() {
        String app = newApp();
        String other = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        createEnvironment(ALICE, other, "dev", "development").statusCode(201);
        String host = app + ".dyn.example.com";
        staticDns(app, host);
        Map<String, Object> spec = specWithRoutes(List.of(Map.of("host", "${resources.dns.host}", "port", 80)));
        spec.put("resources", Map.of("dns", Map.of("type", "dns")));
        JsonPath done = deployAndAwait(app, "dev", spec);
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals(host, ingress(sandbox.client(), app + "-dev", app).getSpec().getRules().get(0).getHost());
        assertEquals(List.of("http://" + host + "/"), as(ALICE).get("/api/v1/applications/{a}/environments/dev", app).then()
                .statusCode(200).extract().jsonPath().getList("routes.url"));

        // Claimed by the runner: a literal claim of it is refused when accepted...
        deploy(other, "dev", specWithRoutes(List.of(Map.of("host", host, "port", 80)))).statusCode(409);
        // ...and another placeholder resolving to it fails the deployment that resolves it.
        staticDns(other, host);
        JsonPath conflicting = deployAndAwait(other, "dev", spec);
        assertEquals("FAILED", conflicting.getString("status"));
        assertEquals("HostConflict", conflicting.getString("statusReason"), conflicting.prettify());
        assertTrue(conflicting.getString("statusMessage").contains("already routed by another environment"));
    }

    @Test
    void routingIsValidatedAndMergePatchedOnTypesAndClusters() {
        String type = typeWithRouting(Map.of("ingressClassName", "nginx", "tls", Map.of("secretName", "wildcard-tls")));
        // A merge patch changes what it names: the class stays, the Secret gives way to an issuer.
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("secretName", null);
        issuer.put("clusterIssuer", "letsencrypt");
        JsonPath patched = as(ADMIN).contentType("application/merge-patch+json").body(Map.of("routing", Map.of("tls", issuer)))
                .patch("/api/v1/environment-types/{name}", type).then().statusCode(200).extract().jsonPath();
        assertEquals("nginx", patched.getString("routing.ingressClassName"));
        assertEquals("letsencrypt", patched.getString("routing.tls.clusterIssuer"));
        assertNull(patched.get("routing.tls.secretName"));
        // Two ways to a certificate at once, and names Kubernetes would refuse.
        as(ADMIN).contentType("application/merge-patch+json").body(Map.of("routing", Map.of("tls", Map.of("issuer", "local-ca"))))
                .patch("/api/v1/environment-types/{name}", type).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("routing.tls"));
        as(ADMIN).body(Map.of("name", Names.unique("routed"), "order", 150, "routing", Map.of("ingressClassName", "Not_A_Name",
                "gateway", Map.of("namespace", "gateways")))).post("/api/v1/environment-types").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("routing.ingressClassName", "routing.gateway.name"));

        String cluster = Names.unique("routed");
        try {
            as(ADMIN).body(Map.of("name", cluster, "apiUrl", "https://k8s.example.com:6443", "credentialsRef",
                    "secret:slipway/" + cluster + "-token#token", "routing", Map.of("gateway", Map.of("name", "public"))))
                    .post("/api/v1/clusters").then().statusCode(201);
            JsonPath removed = as(ADMIN).contentType("application/merge-patch+json").body("{\"routing\": null}")
                    .patch("/api/v1/clusters/{name}", cluster).then().statusCode(200).extract().jsonPath();
            assertNull(removed.get("routing"));
        } finally {
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    /** A static definition of the built-in dns type serving only {@code app}. */
    private static void staticDns(String app, String host) {
        as(ADMIN).body(Map.of("name", Names.unique("static-dns"), "type", "dns", "driver", "static",
                "driverInputs", Map.of("values", Map.of("host", host)), "criteria", List.of(Map.of("application", app))))
                .post("/api/v1/resource-definitions").then().statusCode(201);
    }

    @Test
    void aClusterWithAGatewayGetsHttpRoutes() {
        String cluster = Names.unique("gw");
        try (ExtraSandbox edge = ExtraSandbox.start()) {
            as(ADMIN).body(Map.of("name", cluster, "routing", Map.of("gateway", Map.of("name", "public", "namespace", "gateways")),
                    "credentials", Map.of("kubeconfig", TestClusters.kubeconfig(edge.url(), "deployer@gw", "gw-token"))))
                    .post("/api/v1/clusters").then().statusCode(201);
            String app = newApp();
            as(ALICE).body(Map.of("name", "edge", "type", "development", "cluster", cluster))
                    .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
            String host = app + ".gw.example.com";
            JsonPath done = deployAndAwait(app, "edge", specWithRoutes(List.of(Map.of("host", host, "port", 80))));
            assertEquals("SUCCEEDED", done.getString("status"), done.prettify());

            List<GenericKubernetesResource> routes = edge.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                    .inNamespace(app + "-edge").list().getItems();
            assertEquals(1, routes.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> routeSpec = (Map<String, Object>) routes.get(0).getAdditionalProperties().get("spec");
            assertEquals(List.of(host), routeSpec.get("hostnames"));
            assertEquals(List.of(Map.of("name", "public", "namespace", "gateways")), routeSpec.get("parentRefs"));
            assertNull(ingress(edge.client(), app + "-edge", app), "no Ingress next to the HTTPRoutes");
            assertEquals(List.of("http://" + host + "/"), as(ALICE).get("/api/v1/applications/{a}/environments/edge", app).then()
                    .statusCode(200).extract().jsonPath().getList("routes.url"));

            as(ALICE).delete("/api/v1/applications/{a}/environments/edge", app).then().statusCode(202);
            dev.slipway.testing.Polling.await("environment edge torn down", Duration.ofSeconds(30),
                    () -> as(ALICE).get("/api/v1/applications/{a}/environments/edge", app).statusCode() == 404);
        } finally {
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }
}
