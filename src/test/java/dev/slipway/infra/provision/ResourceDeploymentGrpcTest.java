package dev.slipway.infra.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.EnvironmentResourceProto;
import dev.slipway.grpc.v1.EnvironmentResourceService;
import dev.slipway.local.sandbox.SandboxCluster;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.infra.provision.ResourceDeploymentTest.ALICE;
import static dev.slipway.infra.provision.ResourceDeploymentTest.BOB;
import static dev.slipway.infra.provision.ResourceDeploymentTest.CAROL;
import static dev.slipway.infra.provision.ResourceDeploymentTest.assertFromContainerSecret;
import static dev.slipway.infra.provision.ResourceDeploymentTest.createDefinition;
import static dev.slipway.infra.provision.ResourceDeploymentTest.decode;
import static dev.slipway.infra.provision.ResourceDeploymentTest.envOf;
import static dev.slipway.infra.provision.ResourceDeploymentTest.newAppWithDev;
import static dev.slipway.infra.provision.ResourceDeploymentTest.staticOutputs;
import static dev.slipway.infra.provision.ResourceDeploymentTest.staticPostgres;
import static dev.slipway.infra.provision.ResourceDeploymentTest.widgetDefinition;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC twin of {@link ResourceDeploymentTest}'s main flows: DeploymentService with resources, EnvironmentResourceService. */
@QuarkusTest
class ResourceDeploymentGrpcTest {
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final Duration TERMINAL = Duration.ofSeconds(60);

    @GrpcClient("slipway")
    DeploymentService deployments;
    @GrpcClient("slipway")
    EnvironmentResourceService resources;
    @Inject
    SandboxCluster sandbox;

    /** Every answer of a test as text, for asserting that a secret output is in none of them. */
    private final List<String> answers = new ArrayList<>();

    private static DeploymentProto.ResourceRequest postgres(Map<String, String> params) {
        Struct.Builder struct = Struct.newBuilder();
        params.forEach((name, value) -> struct.putFields(name, Value.newBuilder().setStringValue(value).build()));
        return DeploymentProto.ResourceRequest.newBuilder().setType("postgres").setParams(struct).build();
    }

    private static DeploymentProto.WorkloadSpec spec(Map<String, String> env, List<String> args,
            Map<String, DeploymentProto.ResourceRequest> requests) {
        return DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1.0.0")
                        .putAllEnv(env).addAllArgs(args)
                        .addPorts(DeploymentProto.ContainerPort.newBuilder().setName("http").setContainerPort(8080)))
                .setReplicas(1)
                .addServicePorts(DeploymentProto.ServicePort.newBuilder().setName("http").setPort(80).setTargetPort(8080))
                .putAllResources(requests)
                .build();
    }

    private DeploymentProto.Deployment create(String app, DeploymentProto.WorkloadSpec spec) {
        DeploymentProto.Deployment created = as(deployments, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setSpec(spec).setReason("resources over gRPC").build())
                .await().atMost(CALL).getDeployment();
        answers.add(created.toString());
        return created;
    }

    private DeploymentProto.Deployment awaitTerminal(String app, String id) {
        DeploymentProto.Deployment done = as(deployments, ALICE)
                .waitDeployment(DeploymentProto.WaitDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev").setId(id)
                        .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(50)).build())
                .await().atMost(TERMINAL).getDeployment();
        answers.add(done.toString());
        return done;
    }

    private EnvironmentResourceProto.EnvironmentResource get(String token, String app, String name) {
        EnvironmentResourceProto.EnvironmentResource resource = as(resources, token)
                .getEnvironmentResource(EnvironmentResourceProto.GetEnvironmentResourceRequest.newBuilder().setApplication(app)
                        .setEnvironment("dev").setName(name).build())
                .await().atMost(CALL).getResource();
        answers.add(resource.toString());
        return resource;
    }

    @Test
    void aStaticResourceIsProvisionedInjectedAndListedWithoutItsSecret() {
        String app = newAppWithDev();
        String password = "pw-" + UUID.randomUUID();
        String definition = createDefinition(staticPostgres(app, password, false));
        DeploymentProto.WorkloadSpec sent = spec(
                Map.of("DB_HOST", "${resources.db.host}", "DB_PASSWORD", "${resources.db.password}", "LITERAL", "$${resources.db.host}"),
                List.of("--db-port=${resources.db.port}"), Map.of("db", postgres(Map.of("size", "small"))));

        DeploymentProto.Deployment created = create(app, sent);
        assertEquals(sent, created.getSpec(), "the spec, resources included, reads back as sent");
        DeploymentProto.Deployment done = awaitTerminal(app, created.getId());

        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus(), done.toString());
        assertTrue(done.hasProvisioningTime() && done.hasApplyingTime() && done.hasProgressingTime());
        // The watch replays every status change: PROVISIONING comes between PENDING and APPLYING.
        List<DeploymentProto.DeploymentStatus> statuses = as(deployments, ALICE)
                .watchDeployments(DeploymentProto.WatchDeploymentsRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setDeploymentId(created.getId()).setAfterEventId(0).build())
                .select().first(5).map(response -> response.getEvent().getStatus()).collect().asList().await().atMost(TERMINAL);
        assertEquals(List.of(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PENDING,
                DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PROVISIONING,
                DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_APPLYING,
                DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PROGRESSING,
                DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED), statuses);

        var web = sandbox.client().apps().deployments().inNamespace(app + "-dev").withName(app).get().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        Map<String, EnvVar> env = envOf(web);
        assertEquals("db." + app + ".example.com", env.get("DB_HOST").getValue());
        assertEquals("${resources.db.host}", env.get("LITERAL").getValue());
        assertEquals(List.of("--db-port=5432"), web.getArgs());
        assertFromContainerSecret(app, env.get("DB_PASSWORD"), "web");
        assertEquals(password,
                decode(sandbox.client().secrets().inNamespace(app + "-dev").withName(app + "-container-secrets").get(), "web.DB_PASSWORD"));

        EnvironmentResourceProto.EnvironmentResource db = get(BOB, app, "db");
        assertEquals("db", db.getName());
        assertEquals("postgres", db.getType());
        assertEquals("default", db.getClass_());
        assertEquals(definition, db.getDefinition());
        assertEquals("static", db.getDriver());
        assertEquals(EnvironmentResourceProto.EnvironmentResourceStatus.ENVIRONMENT_RESOURCE_STATUS_READY, db.getStatus());
        assertEquals(staticOutputs(app), db.getOutputsMap());
        assertEquals(List.of("password", "url"), db.getSecretOutputsList());
        assertEquals("small", db.getParams().getFieldsOrThrow("size").getStringValue());
        assertEquals(created.getId(), db.getDeploymentId());
        assertTrue(db.hasCreateTime() && db.hasUpdateTime());
        EnvironmentResourceProto.ListEnvironmentResourcesResponse list = as(resources, BOB)
                .listEnvironmentResources(EnvironmentResourceProto.ListEnvironmentResourcesRequest.newBuilder().setApplication(app)
                        .setEnvironment("dev").build())
                .await().atMost(CALL);
        answers.add(list.toString());
        assertEquals(List.of(db), list.getResourcesList());

        Throwable missing = assertThrows(Exception.class, () -> get(ALICE, app, "cache"));
        assertEquals(Status.Code.NOT_FOUND, code(missing));
        Throwable hidden = assertThrows(Exception.class, () -> get(CAROL, app, "db"));
        assertEquals(Status.Code.NOT_FOUND, code(hidden), "not hers to see: looks missing");
        for (String answer : answers) {
            assertFalse(answer.contains(password), "a gRPC answer holds a secret output: " + answer);
        }
    }

    @Test
    void placeholdersNamingNothingAreInvalidArgumentsWithTheirFields() throws Exception {
        String app = newAppWithDev();
        DeploymentProto.WorkloadSpec bad = spec(Map.of("CACHE_HOST", "${resources.cache.host}", "DB_SIZE", "${resources.db.size}"),
                List.of("--password=${resources.db.password}"), Map.of("db", postgres(Map.of())));

        Throwable refused = assertThrows(Exception.class, () -> create(app, bad));

        assertEquals(Status.Code.INVALID_ARGUMENT, code(refused));
        assertEquals(List.of("spec.containers[0].args[0]", "spec.containers[0].env.CACHE_HOST", "spec.containers[0].env.DB_SIZE"),
                violatedFields(refused).stream().sorted().toList());
        Throwable score = assertThrows(Exception.class, () -> as(deployments, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setScore("""
                                apiVersion: score.dev/v1b1
                                metadata: {name: orders-api}
                                containers:
                                  api:
                                    image: ghcr.io/acme/orders:1.0.0
                                    variables: {CACHE: "${resources.cache.host}"}
                                resources:
                                  db: {type: postgres}
                                """).build())
                .await().atMost(CALL));
        assertEquals(List.of("containers.api.variables.CACHE"), violatedFields(score));
        assertEquals(0, as(deployments, ALICE).listDeployments(DeploymentProto.ListDeploymentsRequest.newBuilder().setApplication(app)
                .setEnvironment("dev").build()).await().atMost(CALL).getDeploymentsCount());
    }

    @Test
    void aFailingResourceFailsTheDeploymentWithItsReason() {
        String app = newAppWithDev();
        createDefinition(widgetDefinition(app, "False: no capacity left", "1m"));

        DeploymentProto.Deployment created = create(app, spec(Map.of("DB_HOST", "${resources.db.host}"), List.of(),
                Map.of("db", postgres(Map.of()))));
        DeploymentProto.Deployment done = awaitTerminal(app, created.getId());

        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_FAILED, done.getStatus());
        assertEquals("ResourceProvisioningFailed", done.getStatusReason());
        assertEquals("resource 'db' (template driver): Widget/db: Ready=False (ReconciliationFailed): no capacity left",
                done.getStatusMessage());
        assertFalse(done.hasApplyingTime(), "the workload was never applied");
        EnvironmentResourceProto.EnvironmentResource db = get(ALICE, app, "db");
        assertEquals(EnvironmentResourceProto.EnvironmentResourceStatus.ENVIRONMENT_RESOURCE_STATUS_FAILED, db.getStatus());
        assertEquals("ReconciliationFailed", db.getStatusReason());
        assertTrue(db.getStatusMessage().contains("no capacity left"), db.getStatusMessage());
    }
}
