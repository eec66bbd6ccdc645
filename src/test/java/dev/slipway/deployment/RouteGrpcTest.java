package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.ClusterProto;
import dev.slipway.grpc.v1.ClusterService;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentService;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing settings, routes and host claims over gRPC, through the same service layer as REST. */
@QuarkusTest
class RouteGrpcTest {
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final Duration TERMINAL = Duration.ofSeconds(40);
    private static final String ADMIN = TestTokens.admin();

    @GrpcClient("slipway")
    EnvironmentTypeService types;
    @GrpcClient("slipway")
    ClusterService clusters;
    @GrpcClient("slipway")
    DeploymentService deployments;
    @GrpcClient("slipway")
    EnvironmentService environments;

    private static ClusterProto.Routing clusterIssuer(String issuer) {
        return ClusterProto.Routing.newBuilder().setIngressClassName("nginx")
                .setTls(ClusterProto.RoutingTls.newBuilder().setClusterIssuer(issuer)).build();
    }

    private EnvironmentTypeProto.EnvironmentType updateType(EnvironmentTypeProto.EnvironmentType type, ClusterProto.Routing routing) {
        return as(types, ADMIN).updateEnvironmentType(EnvironmentTypeProto.UpdateEnvironmentTypeRequest.newBuilder()
                .setEnvironmentType(type.toBuilder().setRouting(routing)).setUpdateMask(FieldMask.newBuilder().addPaths("routing"))
                .build()).await().atMost(CALL).getEnvironmentType();
    }

    @Test
    void environmentTypesCarryRoutingReplacedWholeByTheUpdateMask() {
        String name = Names.unique("grpc-routed");
        EnvironmentTypeProto.EnvironmentType created = as(types, ADMIN)
                .createEnvironmentType(EnvironmentTypeProto.CreateEnvironmentTypeRequest
                        .newBuilder().setEnvironmentType(EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(150)
                                .setRouting(clusterIssuer("letsencrypt")))
                        .build())
                .await().atMost(CALL).getEnvironmentType();
        assertEquals(clusterIssuer("letsencrypt"), created.getRouting());

        ClusterProto.Routing gateway = ClusterProto.Routing.newBuilder()
                .setGateway(ClusterProto.RoutingGateway.newBuilder().setName("public")).build();
        EnvironmentTypeProto.EnvironmentType replaced = updateType(created, gateway);
        assertEquals(gateway, replaced.getRouting(), "the mask replaces the routing whole: tls and the class are gone");

        EnvironmentTypeProto.EnvironmentType cleared = updateType(replaced, ClusterProto.Routing.getDefaultInstance());
        assertFalse(cleared.hasRouting());

        Throwable twoWays = assertThrows(RuntimeException.class, () -> updateType(cleared, ClusterProto.Routing.newBuilder()
                .setTls(ClusterProto.RoutingTls.newBuilder().setSecretName("wildcard-tls").setIssuer("local-ca")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(twoWays));
        Throwable noGatewayName = assertThrows(RuntimeException.class, () -> updateType(cleared, ClusterProto.Routing.newBuilder()
                .setGateway(ClusterProto.RoutingGateway.newBuilder().setNamespace("gateways")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(noGatewayName));
        try {
            assertTrue(violatedFields(twoWays).contains("routing.tls"), twoWays.toString());
            assertTrue(violatedFields(noGatewayName).contains("routing.gateway.name"), noGatewayName.toString());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void clustersCarryRouting() {
        String name = Names.unique("grpc-routed");
        try {
            ClusterProto.Cluster created = as(clusters, ADMIN).createCluster(ClusterProto.CreateClusterRequest.newBuilder()
                    .setCluster(ClusterProto.Cluster.newBuilder().setName(name).setApiUrl("https://k8s.example.com:6443")
                            .setCredentialsRef("secret:slipway/" + name + "-token#token").setRouting(clusterIssuer("letsencrypt")))
                    .build()).await().atMost(CALL).getCluster();
            assertEquals(clusterIssuer("letsencrypt"), created.getRouting());
            ClusterProto.Cluster updated = as(clusters, ADMIN).updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                    .setCluster(created.toBuilder().setRouting(clusterIssuer("staging-issuer")))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("routing")).build()).await().atMost(CALL).getCluster();
            assertEquals(clusterIssuer("staging-issuer"), updated.getRouting());
        } finally {
            as(clusters, ADMIN).deleteCluster(ClusterProto.DeleteClusterRequest.newBuilder().setName(name).build()).await().atMost(CALL);
        }
    }

    private DeploymentProto.Deployment deploy(String app, String env, String host) {
        DeploymentProto.WorkloadSpec spec = DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1.0.0")
                        .addPorts(DeploymentProto.ContainerPort.newBuilder().setName("http").setContainerPort(8080)))
                .addServicePorts(DeploymentProto.ServicePort.newBuilder().setName("http").setPort(80).setTargetPort(8080))
                .addRoutes(DeploymentProto.Route.newBuilder().setHost(host).setPath("/shop").setPort(80))
                .build();
        return as(deployments, ALICE).createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder()
                .setApplication(app).setEnvironment(env).setSpec(spec).setReason("routes").build()).await().atMost(CALL).getDeployment();
    }

    @Test
    void aTakenHostIsAFailedPreconditionAndTheEnvironmentListsItsRoutes() {
        String app = newApp();
        String other = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        createEnvironment(ALICE, other, "dev", "development").statusCode(201);
        String host = dev.slipway.testing.Names.unique("taken") + ".example.com";
        DeploymentProto.Deployment accepted = deploy(app, "dev", host);
        DeploymentProto.Deployment done = as(deployments, ALICE).waitDeployment(DeploymentProto.WaitDeploymentRequest.newBuilder()
                .setApplication(app).setEnvironment("dev").setId(accepted.getId())
                .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(30)).build()).await().atMost(TERMINAL).getDeployment();
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus(), done.toString());

        Throwable taken = assertThrows(RuntimeException.class, () -> deploy(other, "dev", host));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(taken));
        assertTrue(taken.getMessage().contains("already routed by another environment"), taken.getMessage());
        assertFalse(taken.getMessage().contains(app), "another application's name is not told");

        EnvironmentProto.Environment environment = as(environments, ALICE).getEnvironment(EnvironmentProto.GetEnvironmentRequest
                .newBuilder().setApplication(app).setName("dev").build()).await().atMost(CALL).getEnvironment();
        assertEquals(List.of(EnvironmentProto.EnvironmentRoute.newBuilder().setUrl("http://" + host + "/shop").setHost(host)
                .setPath("/shop").setWorkload(app).setPort(80).build()), environment.getRoutesList());
    }
}
