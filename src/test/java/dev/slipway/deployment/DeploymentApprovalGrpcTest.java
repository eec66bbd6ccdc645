package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;

import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four eyes over gRPC: ApproveDeployment and RejectDeployment, the events they leave, and forced promotion. */
@QuarkusTest
class DeploymentApprovalGrpcTest {
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();
    private static final DeploymentProto.DeploymentStatus AWAITING = DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_AWAITING_APPROVAL;

    @GrpcClient("slipway")
    DeploymentService client;
    @GrpcClient("slipway")
    EnvironmentTypeService types;

    private static String newApp() {
        String app = Names.unique("gapr");
        createApplication(ALICE, app, "team-a").statusCode(201);
        Api.bind(ALICE, "user:dave-" + app, "deployer", "application:" + app);
        Api.bind(ALICE, "user:erin-" + app, "deployer", "application:" + app);
        return app;
    }

    private DeploymentProto.Deployment deploy(String app, String env) {
        return as(client, ALICE).createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app)
                .setEnvironment(env).setReason("release")
                .setSpec(DeploymentProto.WorkloadSpec.newBuilder()
                        .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1.0.0")))
                .build()).await().atMost(CALL).getDeployment();
    }

    private DeploymentProto.Deployment approve(String token, String app, String env, String id, String comment) {
        return as(client, token).approveDeployment(DeploymentProto.ApproveDeploymentRequest.newBuilder().setApplication(app)
                .setEnvironment(env).setId(id).setComment(comment).build()).await().atMost(CALL).getDeployment();
    }

    private DeploymentProto.Deployment awaitTerminal(String app, String env, String id) {
        return as(client, ALICE).waitDeployment(DeploymentProto.WaitDeploymentRequest.newBuilder().setApplication(app).setEnvironment(env)
                .setId(id).setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(30)).build())
                .await().atMost(Duration.ofSeconds(40)).getDeployment();
    }

    @Test
    void twoDifferentDeployersApproveAndTheWatchShowsEachApproval() {
        String app = newApp();
        String type = Names.unique("g-six-eyes");
        as(types, ADMIN).createEnvironmentType(EnvironmentTypeProto.CreateEnvironmentTypeRequest.newBuilder()
                .setEnvironmentType(EnvironmentTypeProto.EnvironmentType.newBuilder().setName(type).setOrder(950).setProtected(true)
                        .setRequiredApprovals(2))
                .build()).await().atMost(CALL);
        createEnvironment(ALICE, app, "vault", type).statusCode(201);
        DeploymentProto.Deployment waiting = deploy(app, "vault");
        assertEquals(AWAITING, waiting.getStatus());
        assertEquals(2, waiting.getRequiredApprovals());
        assertTrue(waiting.hasApprovalExpireTime());

        Throwable self = assertThrows(RuntimeException.class, () -> approve(ALICE, app, "vault", waiting.getId(), "mine"));
        assertEquals(Status.Code.PERMISSION_DENIED, code(self));
        DeploymentProto.Deployment once = approve(TestTokens.user("dave-" + app), app, "vault", waiting.getId(), "one");
        assertEquals(AWAITING, once.getStatus());
        assertEquals(List.of("dave-" + app), once.getApprovalsList().stream().map(DeploymentProto.Approval::getApprover).toList());
        Throwable twice = assertThrows(RuntimeException.class,
                () -> approve(TestTokens.user("dave-" + app), app, "vault", waiting.getId(), "one again"));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(twice));
        DeploymentProto.Deployment released = approve(TestTokens.user("erin-" + app), app, "vault", waiting.getId(), "two");
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PENDING, released.getStatus());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED,
                awaitTerminal(app, "vault", waiting.getId()).getStatus());

        // The stream replays the approval that changed no status, then the one that released the deployment.
        List<DeploymentProto.DeploymentEvent> events = as(client, ALICE).watchDeployments(DeploymentProto.WatchDeploymentsRequest
                .newBuilder().setApplication(app).setEnvironment("vault").setDeploymentId(waiting.getId()).setAfterEventId(0).build())
                .map(DeploymentProto.WatchDeploymentsResponse::getEvent)
                .select().first(event -> event.getStatus() != DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED)
                .collect().asList().await().atMost(CALL);
        List<String> reasons = events.stream().map(DeploymentProto.DeploymentEvent::getReason).toList();
        assertTrue(reasons.indexOf("ApprovalGranted") >= 0 && reasons.indexOf("ApprovalGranted") < reasons.indexOf("Approved"),
                reasons.toString());
        assertTrue(events.get(reasons.indexOf("ApprovalGranted")).getMessage().contains("dave-" + app), events.toString());

        // The approvals filter (for a chat bot): the request, the approval that changed nothing, the release; not the rollout.
        List<DeploymentProto.DeploymentEvent> approvals = as(client, ALICE).watchDeployments(DeploymentProto.WatchDeploymentsRequest
                .newBuilder().setApplication(app).setApprovals(true).setAfterEventId(0).build())
                .map(DeploymentProto.WatchDeploymentsResponse::getEvent)
                .select().first(3).collect().asList().await().atMost(CALL);
        assertEquals(List.of("AwaitingApproval", "ApprovalGranted", "Approved"),
                approvals.stream().map(DeploymentProto.DeploymentEvent::getReason).toList(), approvals.toString());
    }

    @Test
    void aRejectionCancelsAndAForcedPromotionNeedsAnAdmin() {
        String app = newApp();
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        DeploymentProto.Deployment waiting = deploy(app, "prod");
        DeploymentProto.Deployment rejected = as(client, TestTokens.user("dave-" + app)).rejectDeployment(
                DeploymentProto.RejectDeploymentRequest.newBuilder().setApplication(app).setEnvironment("prod").setId(waiting.getId())
                        .setComment("freeze week").build())
                .await().atMost(CALL).getDeployment();
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_CANCELLED, rejected.getStatus());
        assertEquals("ApprovalRejected", rejected.getStatusReason());
        assertEquals("REJECTED", rejected.getApprovals(0).getDecision());

        // Something that ran in prod, promoted back to dev: against the order.
        DeploymentProto.Deployment ran = deploy(app, "prod");
        approve(TestTokens.user("erin-" + app), app, "prod", ran.getId(), "ok");
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, awaitTerminal(app, "prod", ran.getId()).getStatus());
        DeploymentProto.CreateDeploymentRequest.Builder backwards = DeploymentProto.CreateDeploymentRequest.newBuilder()
                .setApplication(app).setEnvironment("dev")
                .setPromoteFrom(DeploymentProto.PromotionSource.newBuilder().setEnvironment("prod").setDeploymentId(ran.getId()));
        Throwable refused = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).createDeployment(backwards.build()).await().atMost(CALL));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(refused));
        backwards.getPromoteFromBuilder().setForce(true);
        Throwable notAdmin = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).createDeployment(backwards.build()).await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(notAdmin));
        DeploymentProto.Deployment forced = as(client, ADMIN).createDeployment(backwards.build()).await().atMost(CALL).getDeployment();
        assertEquals(ran.getId(), forced.getPromotedFrom());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, awaitTerminal(app, "dev", forced.getId()).getStatus());
    }
}
