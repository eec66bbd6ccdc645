package dev.slipway.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.slipway.cluster.driver.DriverPermissions;
import dev.slipway.cluster.driver.DriverPermissions.Grant;
import dev.slipway.cluster.driver.DriverPermissions.Reach;
import dev.slipway.local.sandbox.RequestLog;
import dev.slipway.local.sandbox.SandboxApiServer;
import dev.slipway.local.sandbox.SandboxConfig;
import dev.slipway.local.sandbox.SimulatedController;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.deployment.WorkloadsDeploymentTest.container;
import static dev.slipway.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kubernetes API request Slipway's driver makes while it deploys, re-deploys (pruning),
 * shows the runtime view, reads logs, scales, restarts, reports drift and tears an environment
 * down is one that {@link DriverPermissions} grants: recorded by a sandbox API server of its own
 * (registered as a cluster, as a real one would be), whose simulated controller talks to it under
 * a User-Agent of its own so that its requests are told apart. DeployManifestsTest checks that
 * deploy/'s RBAC grants exactly that list; together they keep the installed rights and the
 * driver's needs the same.
 */
@QuarkusTest
class DriverRequestsTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String CONTROLLER = "slipway-sandbox-controller";
    private static final String ENVIRONMENT = "/api/v1/applications/{a}/environments/{e}";

    /** One request in RBAC's terms; {@code namespace} is null for a request across namespaces or of a cluster-scoped object. */
    record Attributes(String verb, String group, String resource, String namespace) {
        Grant grant() {
            return new Grant(group, resource, verb);
        }
    }

    @Test
    void everyRequestOfTheDriverIsGrantedByDriverPermissions() {
        String cluster = Names.unique("rbac");
        List<RequestLog.Seen> seen;
        try (SandboxApiServer server = SandboxApiServer.start();
                KubernetesClient controllerClient = server.newClient(CONTROLLER);
                SimulatedController controller = SimulatedController.start(server, controllerClient, Duration.ofMillis(100),
                        SandboxConfig.DEFAULT_FAILING_IMAGE_PATTERN);
                RequestLog log = server.recordRequests()) {
            as(ADMIN).body(Map.of("name", cluster, "credentials", Map.of("kubeconfig", TestClusters.kubeconfig(server.url(), "ctx", "t"))))
                    .post("/api/v1/clusters").then().statusCode(201);
            try {
                exerciseTheDriver(cluster);
            } finally {
                as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
            }
            seen = log.requests();
        }

        List<RequestLog.Seen> driver = seen.stream().filter(request -> !CONTROLLER.equals(request.userAgent()))
                .filter(request -> attributes(request) != null).toList();
        List<Attributes> requests = driver.stream().map(DriverRequestsTest::attributes).toList();
        Set<Grant> granted = DriverPermissions.grants();
        Set<String> outside = new TreeSet<>();
        for (RequestLog.Seen request : driver) {
            Grant grant = attributes(request).grant();
            if (!granted.contains(grant)) {
                outside.add(describe(grant) + " (" + request.method() + " " + request.path() + ")");
            }
        }
        assertTrue(outside.isEmpty(), () -> "requests DriverPermissions does not grant: " + outside);

        // Server-side apply of an object that does not exist yet needs create as well as patch on a real server.
        List<String> applied = driver.stream()
                .filter(request -> "PATCH".equals(request.method())
                        && String.valueOf(request.contentType()).startsWith("application/apply-patch"))
                .map(DriverRequestsTest::attributes).map(a -> a.group() + "/" + a.resource())
                .filter(resource -> !granted.contains(new Grant(resource.split("/", 2)[0], resource.split("/", 2)[1], "create")))
                .toList();
        assertTrue(applied.isEmpty(), () -> "server-side applied without create granted: " + applied);

        // Requests without a namespace on namespaced kinds need a cluster-wide grant even in namespaced mode.
        Set<Grant> acrossNamespaces = DriverPermissions.grants(Set.of(Reach.ALL_NAMESPACES, Reach.NAMESPACE_LIFECYCLE));
        Set<String> unexpectedlyWide = requests.stream()
                .filter(request -> request.namespace() == null && !acrossNamespaces.contains(request.grant())
                        && !(request.resource().equals("namespaces") && Set.of("get", "patch").contains(request.verb())))
                .map(request -> describe(request.grant())).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(unexpectedlyWide.isEmpty(), () -> "requests across namespaces not marked ALL_NAMESPACES: " + unexpectedlyWide);

        // The walk above must have reached what the list is about, or the test proves nothing.
        Set<String> made = requests.stream().map(request -> describe(request.grant())).collect(Collectors.toCollection(TreeSet::new));
        for (String expected : List.of("apps/deployments:patch", "apps/deployments:watch", "apps/deployments:delete", "/secrets:delete",
                "/secrets:patch", "/pods/log:get", "/pods:list", "/events:list", "apps/replicasets:list", "batch/jobs:get",
                "batch/cronjobs:delete", "/namespaces:create", "/namespaces:delete", "/configmaps:get")) {
            assertTrue(made.contains(expected), () -> expected + " was not exercised; made: " + made);
        }
    }

    @Test
    void requestsAreReadAsTheAuthorizerReadsThem() {
        assertEquals(new Attributes("create", "", "namespaces", null), attributes(seen("POST", "/api/v1/namespaces", "")));
        assertEquals(new Attributes("patch", "", "namespaces", "team-a"), attributes(seen("PATCH", "/api/v1/namespaces/team-a", "")));
        assertEquals(new Attributes("watch", "apps", "deployments", null),
                attributes(seen("GET", "/apis/apps/v1/deployments", "labelSelector=x&watch=true")));
        assertEquals(new Attributes("list", "apps", "deployments", null), attributes(seen("GET", "/apis/apps/v1/deployments", "")));
        assertEquals(new Attributes("list", "", "secrets", "ns"),
                attributes(seen("GET", "/api/v1/namespaces/ns/secrets", "labelSelector=a")));
        assertEquals(new Attributes("get", "", "pods/log", "ns"),
                attributes(seen("GET", "/api/v1/namespaces/ns/pods/web-1/log", "follow=true")));
        assertEquals(new Attributes("delete", "batch", "cronjobs", "ns"),
                attributes(seen("DELETE", "/apis/batch/v1/namespaces/ns/cronjobs/nightly", "")));
        assertEquals(new Attributes("deletecollection", "", "pods", "ns"), attributes(seen("DELETE", "/api/v1/namespaces/ns/pods", "")));
        assertEquals(new Attributes("update", "apps", "deployments/status", "ns"),
                attributes(seen("PUT", "/apis/apps/v1/namespaces/ns/deployments/web/status", "")));
        assertEquals(null, attributes(seen("GET", "/version", "")));
        assertEquals(null, attributes(seen("GET", "/apis/gateway.networking.k8s.io/v1", "")));
    }

    private static RequestLog.Seen seen(String method, String path, String query) {
        return new RequestLog.Seen(method, path, query, null, null);
    }

    /** Deploy (a service, a worker, a cron job, a release job, a secret), re-deploy less, operate, report drift, tear down. */
    private static void exerciseTheDriver(String cluster) {
        String app = newApp();
        as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", cluster))
                .post("/api/v1/applications/{a}/environments", app).then().statusCode(201);
        as(ALICE).body(Map.of("message", "a secret for the Secret object",
                "changes", List.of(Map.of("name", "DB_PASSWORD", "secret", "rbac-test-password"))))
                .patch("/api/v1/applications/{a}/config", app).then().statusCode(200);

        Map<String, Object> web = Map.of("kind", "service",
                "containers",
                List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1", "ports", List.of(Map.of("containerPort", 8080)))),
                "servicePorts", List.of(Map.of("port", 80, "targetPort", 8080)));
        Map<String, Object> full = new LinkedHashMap<>(Map.of(
                "workloads", Map.of("web", web,
                        "worker", Map.of("kind", "worker", "containers", List.of(container("worker", "ghcr.io/acme/worker:1"))),
                        "nightly", Map.of("kind", "cron", "schedule", "0 3 * * *",
                                "containers", List.of(container("report", "ghcr.io/acme/report:1")))),
                "release", Map.of("containers", List.of(container("migrate", "ghcr.io/acme/migrate:1", "migrate")))));
        deploySucceeded(app, full);
        // Less than before: the worker and the cron job are pruned.
        deploySucceeded(app, Map.of("workloads", Map.of("web", web)));

        as(ALICE).get(ENVIRONMENT + "/runtime", app, "dev").then().statusCode(200);
        as(ALICE).get(ENVIRONMENT + "/logs", app, "dev").then().statusCode(200);
        as(ALICE).body(Map.of("replicas", 2)).post(ENVIRONMENT + ":scale", app, "dev").then().statusCode(200);
        as(ALICE).body(Map.of()).post(ENVIRONMENT + ":restart", app, "dev").then().statusCode(200);
        as(ALICE).get(ENVIRONMENT + "/drift", app, "dev").then().statusCode(200);

        as(ALICE).delete(ENVIRONMENT, app, "dev").then().statusCode(202);
        Polling.await("the environment is torn down", Duration.ofSeconds(30),
                () -> as(ALICE).get(ENVIRONMENT, app, "dev").statusCode() == 404);
    }

    private static void deploySucceeded(String app, Map<String, Object> spec) {
        String id = as(ALICE).body(Map.of("spec", spec, "reason", "rbac test")).post(ENVIRONMENT + "/deployments", app, "dev").then()
                .statusCode(202).extract().path("id");
        var done = awaitTerminal(app, "dev", id);
        assertEquals("SUCCEEDED", done.getString("status"), done::prettify);
    }

    /**
     * A request as the API server's authorizer sees it (verb, API group, resource with its
     * subresource, namespace), or null for discovery and other non-resource paths.
     */
    static Attributes attributes(RequestLog.Seen request) {
        List<String> parts = new ArrayList<>(Arrays.stream(request.path().split("/")).filter(part -> !part.isEmpty()).toList());
        String group;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            rest = parts.subList(3, parts.size());
        } else {
            return null; // /version, /api, /apis, /openapi: discovery, granted to every authenticated client
        }
        if (rest.isEmpty()) {
            return null;
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        if (rest.size() > 2) {
            resource = resource + "/" + rest.get(2);
        }
        if (resource.equals("namespaces") && name != null) {
            namespace = name; // the API server authorizes a request on namespace X as one inside X
        }
        boolean watch = Arrays.asList(request.query().split("&")).contains("watch=true");
        String verb = switch (request.method()) {
            case "GET" -> name != null ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
        return new Attributes(verb, group, resource, namespace);
    }

    private static String describe(Grant grant) {
        return grant.group() + "/" + grant.resource() + ":" + grant.verb();
    }
}
