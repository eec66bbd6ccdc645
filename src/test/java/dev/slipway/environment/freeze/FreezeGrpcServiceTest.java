package dev.slipway.environment.freeze;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.google.protobuf.Timestamp;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.FreezeProto;
import dev.slipway.grpc.v1.FreezeService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.status;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FreezeService over gRPC, and freezes met by DeploymentService, through the same service layer as REST. */
@QuarkusTest
class FreezeGrpcServiceTest {
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final String ALICE = FreezeResourceTest.ALICE;
    private static final String DAVE = FreezeResourceTest.DAVE;
    private static final String ADMIN = TestTokens.admin();

    @GrpcClient("slipway")
    FreezeService freezes;
    @GrpcClient("slipway")
    DeploymentService deployments;

    private static FreezeProto.FreezeScope.Builder environment(String app, String env) {
        return FreezeProto.FreezeScope.newBuilder().setKind(FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_ENVIRONMENT)
                .setApplication(app).setEnvironment(env);
    }

    private FreezeProto.Freeze create(String token, FreezeProto.Freeze.Builder freeze) {
        return as(freezes, token).createFreeze(FreezeProto.CreateFreezeRequest.newBuilder().setFreeze(freeze).build())
                .await().atMost(CALL).getFreeze();
    }

    private FreezeProto.GetActiveFreezesResponse active(String app, String env) {
        return as(freezes, ALICE).getActiveFreezes(FreezeProto.GetActiveFreezesRequest.newBuilder().setApplication(app)
                .setEnvironment(env).build()).await().atMost(CALL);
    }

    private DeploymentProto.Deployment deploy(String token, String app, String env, String breakGlass) {
        var request = DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app).setEnvironment(env)
                .setSpec(DeploymentProto.WorkloadSpec.newBuilder()
                        .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1.0.0")));
        if (breakGlass != null) {
            request.setBreakGlass(DeploymentProto.BreakGlass.newBuilder().setReason(breakGlass));
        }
        return as(deployments, token).createDeployment(request.build()).await().atMost(CALL).getDeployment();
    }

    @Test
    void createsGetsListsChecksAndDeletesAFreeze() throws Exception {
        String app = FreezeResourceTest.newApp();
        String name = Names.unique("gfrz");
        Instant end = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        FreezeProto.Freeze created = create(ALICE, FreezeProto.Freeze.newBuilder().setName(name).setScope(environment(app, "dev"))
                .setReason("release").setEndTime(Timestamp.newBuilder().setSeconds(end.getEpochSecond())));
        assertTrue(created.getActive());
        assertEquals(end.getEpochSecond(), created.getActiveUntil().getSeconds());
        assertEquals("alice", created.getCreatedBy());
        assertEquals(FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_ENVIRONMENT, created.getScope().getKind());

        FreezeProto.Freeze read = as(freezes, FreezeResourceTest.BOB).getFreeze(FreezeProto.GetFreezeRequest.newBuilder().setName(name)
                .build()).await().atMost(CALL).getFreeze();
        assertEquals(created.getId(), read.getId());
        List<String> listed = as(freezes, ALICE).listFreezes(FreezeProto.ListFreezesRequest.newBuilder().setApplication(app).build())
                .await().atMost(CALL).getFreezesList().stream().map(FreezeProto.Freeze::getName).toList();
        assertEquals(List.of(name), listed);

        FreezeProto.GetActiveFreezesResponse blocked = active(app, "dev");
        assertTrue(blocked.getBlocked());
        assertEquals(name, blocked.getFreezes(0).getName());
        assertEquals("release", blocked.getFreezes(0).getReason());
        assertEquals(end.getEpochSecond(), blocked.getFreezes(0).getEndTime().getSeconds());

        Throwable denied = assertThrows(RuntimeException.class, () -> as(freezes, DAVE)
                .deleteFreeze(FreezeProto.DeleteFreezeRequest.newBuilder().setName(name).build()).await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(denied));
        as(freezes, ALICE).deleteFreeze(FreezeProto.DeleteFreezeRequest.newBuilder().setName(name).build()).await().atMost(CALL);
        assertFalse(active(app, "dev").getBlocked());
        Throwable gone = assertThrows(RuntimeException.class, () -> as(freezes, ALICE)
                .getFreeze(FreezeProto.GetFreezeRequest.newBuilder().setName(name).build()).await().atMost(CALL));
        assertEquals(Status.Code.NOT_FOUND, code(gone));
    }

    @Test
    void invalidFreezesNameTheirFieldsAndOnlyAdminsFreezeThePlatform() throws Exception {
        String app = FreezeResourceTest.newApp();
        Throwable invalid = assertThrows(RuntimeException.class, () -> create(ALICE, FreezeProto.Freeze.newBuilder()
                .setName(Names.unique("gfrz")).setScope(environment(app, "dev")).setReason("x")
                .setRecurring(FreezeProto.RecurringWindow.newBuilder().setCron("every friday").setDuration("2h").setTimeZone("UTC"))));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals(List.of("recurring.cron"), violatedFields(invalid));
        Throwable noScope = assertThrows(RuntimeException.class, () -> create(ALICE, FreezeProto.Freeze.newBuilder()
                .setName(Names.unique("gfrz")).setReason("x").setScope(FreezeProto.FreezeScope.getDefaultInstance())));
        assertEquals(List.of("scope.kind"), violatedFields(noScope));
        Throwable platform = assertThrows(RuntimeException.class, () -> create(ALICE, FreezeProto.Freeze.newBuilder()
                .setName(Names.unique("gfrz")).setReason("x")
                .setScope(FreezeProto.FreezeScope.newBuilder().setKind(FreezeProto.FreezeScopeKind.FREEZE_SCOPE_KIND_PLATFORM))));
        assertEquals(Status.Code.PERMISSION_DENIED, code(platform));
    }

    @Test
    void aRecurringFreezeRefusesDeploymentsUnlessAnOwnerBreaksTheGlass() throws Exception {
        String app = FreezeResourceTest.newApp();
        String name = Names.unique("gfrz");
        FreezeProto.Freeze created = create(ALICE, FreezeProto.Freeze.newBuilder().setName(name).setScope(environment(app, "dev"))
                .setReason("always on").setRecurring(FreezeProto.RecurringWindow.newBuilder().setCron("* * * * *").setDuration("30m")
                        .setTimeZone("America/New_York")));
        assertTrue(created.getActive());

        Throwable frozen = assertThrows(RuntimeException.class, () -> deploy(ALICE, app, "dev", null));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(frozen));
        assertTrue(status(frozen).getStatus().getDescription().contains(name), status(frozen).getStatus().getDescription());
        Throwable developer = assertThrows(RuntimeException.class, () -> deploy(DAVE, app, "dev", "trust me"));
        assertEquals(Status.Code.PERMISSION_DENIED, code(developer));

        DeploymentProto.Deployment broken = deploy(ALICE, app, "dev", "hotfix");
        assertEquals("alice", broken.getBreakGlass().getBy());
        assertEquals("hotfix", broken.getBreakGlass().getReason());
        // Its first event says so, for whoever watches the environment.
        DeploymentProto.DeploymentEvent accepted = as(deployments, ALICE).watchDeployments(DeploymentProto.WatchDeploymentsRequest
                .newBuilder().setApplication(app).setEnvironment("dev").setDeploymentId(broken.getId()).setAfterEventId(0).build())
                .select().first().collect().asList().await().atMost(CALL).get(0).getEvent();
        assertEquals("BreakGlass", accepted.getReason());
        assertTrue(accepted.getMessage().contains("alice") && accepted.getMessage().contains(name)
                && accepted.getMessage().contains("hotfix"), accepted.getMessage());

        // Rollback obeys the freeze too, and may break the glass the same way.
        var rollback = DeploymentProto.RollbackDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                .setId(broken.getId());
        Throwable refused = assertThrows(RuntimeException.class,
                () -> as(deployments, ALICE).rollbackDeployment(rollback.build()).await().atMost(CALL));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(refused));
        DeploymentProto.Deployment rolledBack = as(deployments, ALICE)
                .rollbackDeployment(rollback.setBreakGlass(DeploymentProto.BreakGlass.newBuilder().setReason("undo hotfix")).build())
                .await().atMost(CALL).getDeployment();
        assertEquals(broken.getId(), rolledBack.getRollbackOf());
        assertEquals("undo hotfix", rolledBack.getBreakGlass().getReason());
    }
}
