package dev.slipway.deployment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
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
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An environment type's workload defaults over REST and gRPC, and what they make of the
 * Deployment and Namespace applied to the sandbox.
 */
@QuarkusTest
class WorkloadDefaultsTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String TYPES = "/api/v1/environment-types";
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final Duration TERMINAL = Duration.ofSeconds(40);

    @Inject
    SandboxCluster sandbox;
    @GrpcClient("slipway")
    EnvironmentTypeService types;
    @GrpcClient("slipway")
    DeploymentService deployments;

    private static Map<String, Object> resourceDefaults() {
        return Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"), "limits", Map.of("memory", "256Mi"));
    }

    private static String typeWith(Map<String, Object> workloadDefaults) {
        String name = Names.unique("hardened");
        as(ADMIN).body(Map.of("name", name, "order", 160, "workloadDefaults", workloadDefaults)).post(TYPES).then().statusCode(201)
                .body("workloadDefaults.resources.requests.cpu", equalTo("50m"));
        return name;
    }

    private Deployment applied(String app, String env) {
        return sandbox.client().apps().deployments().inNamespace(app + "-" + env).withName(app).get();
    }

    private Map<String, String> namespaceLabels(String app, String env) {
        Namespace namespace = sandbox.client().namespaces().withName(app + "-" + env).get();
        return namespace.getMetadata().getLabels();
    }

    private static Map<String, String> amounts(Map<String, Quantity> quantities) {
        Map<String, String> amounts = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, quantity) -> amounts.put(name, quantity.toString()));
        }
        return amounts;
    }

    private static JsonPath deployAndAwait(String app, String env, Map<String, Object> spec) {
        String id = as(ALICE).body(Map.of("spec", spec, "reason", "workload defaults"))
                .post("/api/v1/applications/{a}/environments/{e}/deployments", app, env).then().statusCode(202).extract().path("id");
        return awaitTerminal(app, env, id);
    }

    @Test
    void aTypesDefaultsReachTheDeploymentAndNamespaceAppliedToTheSandbox() {
        String type = typeWith(Map.of("resources", resourceDefaults(), "startupProbe", Map.of("tcpPort", 8080, "failureThreshold", 30)));
        String app = newApp();
        createEnvironment(ALICE, app, "web", type).statusCode(201);
        Map<String, Object> spec = new LinkedHashMap<>(spec("ghcr.io/acme/web:1.0.0"));
        spec.put("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0",
                "ports", List.of(Map.of("name", "http", "containerPort", 8080)), "resources", Map.of("requests", Map.of("cpu", "200m")))));
        assertEquals("SUCCEEDED", deployAndAwait(app, "web", spec).getString("status"));

        PodSpec pod = applied(app, "web").getSpec().getTemplate().getSpec();
        assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        Container web = pod.getContainers().get(0);
        assertEquals(false, web.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), web.getSecurityContext().getCapabilities().getDrop());
        assertEquals(true, web.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Map.of("cpu", "200m", "memory", "64Mi"), amounts(web.getResources().getRequests()), "the container's cpu wins");
        assertEquals(Map.of("memory", "256Mi"), amounts(web.getResources().getLimits()));
        assertEquals(8080, web.getStartupProbe().getTcpSocket().getPort().getIntVal());
        assertEquals(30, web.getStartupProbe().getFailureThreshold());
        Map<String, String> labels = namespaceLabels(app, "web");
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("latest", labels.get("pod-security.kubernetes.io/enforce-version"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/warn"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/audit"));

        // A merge patch loosens the type; the next deployment relabels the namespace and drops the restricted fields.
        as(ADMIN).contentType("application/merge-patch+json")
                .body("{\"workloadDefaults\": {\"securityContext\": \"baseline\", \"startupProbe\": null}}")
                .patch(TYPES + "/{n}", type).then().statusCode(200)
                .body("workloadDefaults", not(hasKey("startupProbe")))
                .body("workloadDefaults.securityContext", equalTo("baseline"))
                .body("workloadDefaults.resources.limits.memory", equalTo("256Mi"))
                .body("workloadDefaults", not(hasKey("podSecurity")));
        assertEquals("SUCCEEDED", deployAndAwait(app, "web", spec).getString("status"));
        pod = applied(app, "web").getSpec().getTemplate().getSpec();
        assertNull(pod.getSecurityContext().getRunAsNonRoot());
        assertNull(pod.getContainers().get(0).getSecurityContext().getCapabilities());
        assertEquals("baseline", namespaceLabels(app, "web").get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void anEnvironmentOfATypeWithoutDefaultsIsRestrictedAndAContainerMayAskForAWritableRootFileSystem() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Map<String, Object> spec = new LinkedHashMap<>(spec("ghcr.io/acme/web:1.0.0"));
        spec.put("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0",
                "ports", List.of(Map.of("name", "http", "containerPort", 8080)), "readOnlyRootFilesystem", false,
                "startupProbe", Map.of("httpGetPath", "/started", "port", 8080))));
        assertEquals("SUCCEEDED", deployAndAwait(app, "dev", spec).getString("status"));

        Container web = applied(app, "dev").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(false, web.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(false, web.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals("/started", web.getStartupProbe().getHttpGet().getPath());
        assertNull(web.getResources(), "no resource defaults unless the type sets some");
        assertEquals("restricted", namespaceLabels(app, "dev").get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void aTemplateResourceAppliedBeforeTheWorkloadsKeepsTheNamespacesPodSecurityLabels() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Map<String, Object> spec = new LinkedHashMap<>(spec("ghcr.io/acme/web:1.0.0"));
        spec.put("resources", Map.of("db", Map.of("type", "postgres")));
        assertEquals("SUCCEEDED", deployAndAwait(app, "dev", spec).getString("status"));
        // New params provision the resource again, which applies its namespace again; the cluster driver then skips the
        // namespace it applied unchanged before, so the labels must have survived the resource's apply.
        spec.put("resources", Map.of("db", Map.of("type", "postgres", "params", Map.of("database", "orders"))));
        assertEquals("SUCCEEDED", deployAndAwait(app, "dev", spec).getString("status"));
        assertEquals("restricted", namespaceLabels(app, "dev").get("pod-security.kubernetes.io/enforce"));
        assertEquals("slipway", namespaceLabels(app, "dev").get("app.kubernetes.io/managed-by"));
    }

    @Test
    void badDefaultsAreRefusedNamingTheField() {
        as(ADMIN).body(Map.of("name", Names.unique("bad"), "order", 160,
                "workloadDefaults", Map.of("resources", Map.of("requests", Map.of("cpu", "lots")))))
                .post(TYPES).then().statusCode(400).body("errors.field", hasItem("workloadDefaults.resources.requests.cpu"));
        as(ADMIN).body(Map.of("name", Names.unique("bad"), "order", 160, "workloadDefaults", Map.of("securityContext", "strict")))
                .post(TYPES).then().statusCode(400).body("errors.field", hasItem("workloadDefaults.securityContext"));
        String type = typeWith(Map.of("resources", resourceDefaults()));
        as(ADMIN).contentType("application/merge-patch+json")
                .body(Map.of("workloadDefaults", Map.of("securityContext", "none", "podSecurity", "restricted")))
                .patch(TYPES + "/{n}", type).then().statusCode(400).body("errors.field", hasItem("workloadDefaults.podSecurity"));
        as(ADMIN).contentType("application/merge-patch+json")
                .body(Map.of("workloadDefaults", Map.of("resources", Map.of("limits", Map.of("memory", "12 GB")))))
                .patch(TYPES + "/{n}", type).then().statusCode(400)
                .body("errors.field", hasItem("workloadDefaults.resources.limits.memory"));
    }

    // ---- gRPC ----

    private EnvironmentTypeProto.EnvironmentType updateDefaults(EnvironmentTypeProto.EnvironmentType type,
            EnvironmentTypeProto.WorkloadDefaults defaults) {
        return dev.slipway.testing.GrpcAuth.as(types, ADMIN).updateEnvironmentType(EnvironmentTypeProto.UpdateEnvironmentTypeRequest
                .newBuilder().setEnvironmentType(type.toBuilder().setWorkloadDefaults(defaults))
                .setUpdateMask(FieldMask.newBuilder().addPaths("workload_defaults")).build()).await().atMost(CALL).getEnvironmentType();
    }

    private static DeploymentProto.Resources requests(Map<String, String> requests) {
        return DeploymentProto.Resources.newBuilder().putAllRequests(requests).build();
    }

    @Test
    void overGrpcTheDefaultsAreReplacedWholeByTheUpdateMaskAndReachTheSandbox() throws Exception {
        EnvironmentTypeProto.WorkloadDefaults initial = EnvironmentTypeProto.WorkloadDefaults.newBuilder()
                .setResources(requests(Map.of("cpu", "100m", "memory", "128Mi"))).setPodSecurity("restricted").build();
        EnvironmentTypeProto.EnvironmentType created = dev.slipway.testing.GrpcAuth.as(types, ADMIN).createEnvironmentType(
                EnvironmentTypeProto.CreateEnvironmentTypeRequest.newBuilder().setEnvironmentType(EnvironmentTypeProto.EnvironmentType
                        .newBuilder().setName(Names.unique("grpc-hardened")).setOrder(160).setWorkloadDefaults(initial)).build())
                .await().atMost(CALL).getEnvironmentType();
        assertEquals(initial, created.getWorkloadDefaults());

        EnvironmentTypeProto.WorkloadDefaults memoryOnly = EnvironmentTypeProto.WorkloadDefaults.newBuilder()
                .setResources(requests(Map.of("memory", "96Mi")))
                .setStartupProbe(DeploymentProto.Probe.newBuilder().setTcpPort(8080)).build();
        EnvironmentTypeProto.EnvironmentType replaced = updateDefaults(created, memoryOnly);
        assertEquals(memoryOnly, replaced.getWorkloadDefaults(), "replaced whole: the cpu request and the level are gone");

        Throwable bad = assertThrows(RuntimeException.class, () -> updateDefaults(replaced, EnvironmentTypeProto.WorkloadDefaults
                .newBuilder().setResources(requests(Map.of("cpu", "-1"))).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(bad));
        assertEquals(List.of("workloadDefaults.resources.requests.cpu"), violatedFields(bad));

        String app = newApp();
        createEnvironment(ALICE, app, "web", replaced.getName()).statusCode(201);
        DeploymentProto.WorkloadSpec spec = DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1.0.0")
                        .addPorts(DeploymentProto.ContainerPort.newBuilder().setName("http").setContainerPort(8080))
                        .setReadOnlyRootFilesystem(false)
                        .setStartupProbe(DeploymentProto.Probe.newBuilder().setHttpGetPath("/started").setPort(8080)))
                .addServicePorts(DeploymentProto.ServicePort.newBuilder().setName("http").setPort(80).setTargetPort(8080)).build();
        DeploymentProto.Deployment accepted = dev.slipway.testing.GrpcAuth.as(deployments, ALICE).createDeployment(
                DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment("web").setSpec(spec)
                        .setReason("workload defaults").build())
                .await().atMost(CALL).getDeployment();
        assertEquals(spec.getContainers(0), accepted.getSpec().getContainers(0), "the new container fields round-trip");
        DeploymentProto.Deployment done = dev.slipway.testing.GrpcAuth.as(deployments, ALICE).waitDeployment(
                DeploymentProto.WaitDeploymentRequest.newBuilder().setApplication(app).setEnvironment("web").setId(accepted.getId())
                        .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(30)).build())
                .await().atMost(TERMINAL).getDeployment();
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus(), done.toString());

        Container web = applied(app, "web").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(Map.of("memory", "96Mi"), amounts(web.getResources().getRequests()));
        assertEquals("/started", web.getStartupProbe().getHttpGet().getPath(), "the container's own probe wins over the type's");
        assertEquals(false, web.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), web.getSecurityContext().getCapabilities().getDrop());

        EnvironmentTypeProto.EnvironmentType cleared = updateDefaults(replaced, EnvironmentTypeProto.WorkloadDefaults.getDefaultInstance());
        assertFalse(cleared.hasWorkloadDefaults());
    }
}
