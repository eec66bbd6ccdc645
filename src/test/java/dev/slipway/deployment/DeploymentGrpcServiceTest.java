package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;

import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
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
import static dev.slipway.testing.GrpcAuth.status;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeploymentService over gRPC onto the sandbox cluster, through the same service layer as REST. */
@QuarkusTest
class DeploymentGrpcServiceTest {
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final Duration TERMINAL = Duration.ofSeconds(40);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");

    @GrpcClient("slipway")
    DeploymentService client;

    /** A new application of team-a with the given environments (name = type), over REST. */
    private static String newApp(String... environments) {
        String app = Names.unique("gdep");
        createApplication(ALICE, app, "team-a").statusCode(201);
        // bob (team-b) may read it: the tests use him for reads and refused writes.
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        for (String environment : environments) {
            createEnvironment(ALICE, app, environment, switch (environment) {
                case "stage" -> "staging";
                case "prod" -> "production";
                default -> "development";
            }).statusCode(201);
        }
        return app;
    }

    private static DeploymentProto.WorkloadSpec spec(String image) {
        return DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage(image)
                        .addPorts(DeploymentProto.ContainerPort.newBuilder().setName("http").setContainerPort(8080)))
                .setReplicas(2)
                .addServicePorts(DeploymentProto.ServicePort.newBuilder().setName("http").setPort(80).setTargetPort(8080))
                .build();
    }

    private DeploymentProto.Deployment deploy(String token, String app, String env, DeploymentProto.WorkloadSpec spec, String requestId) {
        return as(client, token).createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder()
                .setApplication(app).setEnvironment(env).setSpec(spec).setReason("test")
                .setSource(DeploymentProto.DeploymentSource.newBuilder().setCommit("3f2c9d1"))
                .setRequestId(requestId).build())
                .await().atMost(CALL).getDeployment();
    }

    private DeploymentProto.Deployment deploy(String app, String env, String image) {
        return deploy(ALICE, app, env, spec(image), "");
    }

    private DeploymentProto.Deployment awaitTerminal(String app, String env, String id) {
        return as(client, ALICE)
                .waitDeployment(DeploymentProto.WaitDeploymentRequest.newBuilder().setApplication(app).setEnvironment(env).setId(id)
                        .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(30)).build())
                .await().atMost(TERMINAL).getDeployment();
    }

    private List<DeploymentProto.DeploymentEvent> watch(DeploymentProto.WatchDeploymentsRequest request, int count) {
        return as(client, ALICE).watchDeployments(request)
                .select().first(count)
                .map(DeploymentProto.WatchDeploymentsResponse::getEvent)
                .collect().asList()
                .await().atMost(TERMINAL);
    }

    @Test
    void severalWorkloadsAReleaseJobAndRoutesRoundTrip() throws Exception {
        String app = newApp("dev");
        DeploymentProto.ContainerSpec web = DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("ghcr.io/acme/web:1")
                .addPorts(DeploymentProto.ContainerPort.newBuilder().setContainerPort(8080)).build();
        DeploymentProto.WorkloadSpec spec = DeploymentProto.WorkloadSpec.newBuilder()
                .putWorkloads("web", DeploymentProto.Workload.newBuilder().setKind("service").addContainers(web)
                        .addServicePorts(DeploymentProto.ServicePort.newBuilder().setPort(80).setTargetPort(8080))
                        .setAutoscaling(DeploymentProto.Autoscaling.newBuilder().setMinReplicas(1).setMaxReplicas(3)).build())
                .putWorkloads("jobs", DeploymentProto.Workload.newBuilder().setKind("cron").setSchedule("@hourly")
                        .setConcurrencyPolicy("Replace")
                        .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("jobs").setImage("ghcr.io/acme/jobs:1")).build())
                .setRelease(DeploymentProto.Release.newBuilder().setBackoffLimit(1)
                        .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("migrate").setImage("ghcr.io/acme/migrate:1")))
                .addRoutes(DeploymentProto.Route.newBuilder().setHost(app + ".example.com").setPath("/api").setPort(80))
                .build();
        DeploymentProto.Deployment created = deploy(ALICE, app, "dev", spec, "");
        assertEquals(spec, created.getSpec(), "the spec reads back as it was sent");
        DeploymentProto.Deployment done = awaitTerminal(app, "dev", created.getId());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus(), done.getStatusMessage());

        // A cron workload with replicas and a route to it are refused with the fields named.
        DeploymentProto.WorkloadSpec invalid = spec.toBuilder()
                .putWorkloads("jobs", spec.getWorkloadsOrThrow("jobs").toBuilder().setReplicas(2).build())
                .setRoutes(0, DeploymentProto.Route.newBuilder().setHost("x.example.com").setWorkload("jobs").setPort(80)).build();
        var failure = assertThrows(Exception.class, () -> deploy(ALICE, app, "dev", invalid, ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(failure));
        assertTrue(violatedFields(failure).containsAll(List.of("spec.workloads.jobs", "spec.routes[0].workload")),
                violatedFields(failure).toString());
    }

    private List<String> ids(String token, DeploymentProto.ListDeploymentsRequest.Builder request) {
        return as(client, token).listDeployments(request.build()).await().atMost(CALL)
                .getDeploymentsList().stream().map(DeploymentProto.Deployment::getId).toList();
    }

    @Test
    void deploysWaitsWatchesAndReportsNoDrift() {
        String app = newApp("dev");
        DeploymentProto.WorkloadSpec sent = spec("ghcr.io/acme/web:1.0.0").toBuilder()
                .setContainers(0, spec("ghcr.io/acme/web:1.0.0").getContainers(0).toBuilder()
                        .putEnv("MODE", "production")
                        .setResources(DeploymentProto.Resources.newBuilder().putRequests("cpu", "100m").putLimits("memory", "256Mi"))
                        .setReadinessProbe(DeploymentProto.Probe.newBuilder().setHttpGetPath("/health").setPort(8080).setPeriodSeconds(5)))
                .build();
        DeploymentProto.Deployment created = deploy(ALICE, app, "dev", sent, "");
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PENDING, created.getStatus());
        assertEquals(sent, created.getSpec(), "the spec reads back as sent, unset optionals included");
        assertFalse(created.getSpec().getContainers(0).getReadinessProbe().hasInitialDelaySeconds());
        assertFalse(created.hasFinishTime(), "timestamps not yet reached stay unset");

        DeploymentProto.Deployment done = awaitTerminal(app, "dev", created.getId());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus());
        assertEquals(2, done.getObservedReplicas());
        assertTrue(done.hasApplyingTime() && done.hasProgressingTime() && done.hasFinishTime());
        assertEquals("3f2c9d1", done.getSource().getCommit());
        assertEquals("alice", done.getRequestedBy());
        assertEquals(done,
                as(client, BOB).getDeployment(DeploymentProto.GetDeploymentRequest.newBuilder().setApplication(app).setEnvironment("dev")
                        .setId(created.getId()).build()).await().atMost(CALL).getDeployment());
        assertEquals(List.of(created.getId()),
                ids(BOB, DeploymentProto.ListDeploymentsRequest.newBuilder().setApplication(app).setEnvironment("dev")));

        // Replayed from the start, the stream carries every status change in order.
        DeploymentProto.WatchDeploymentsRequest.Builder scope = DeploymentProto.WatchDeploymentsRequest.newBuilder()
                .setApplication(app).setEnvironment("dev").setDeploymentId(created.getId());
        List<DeploymentProto.DeploymentEvent> events = watch(scope.setAfterEventId(0).build(), 4);
        assertEquals(
                List.of(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PENDING,
                        DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_APPLYING,
                        DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PROGRESSING,
                        DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED),
                events.stream().map(DeploymentProto.DeploymentEvent::getStatus).toList());
        assertTrue(
                events.stream().allMatch(event -> event.getDeploymentId().equals(created.getId()) && event.getApplication().equals(app)));
        // Resuming after the second event replays only what came after it.
        List<DeploymentProto.DeploymentEvent> resumed = watch(scope.setAfterEventId(events.get(1).getId()).build(), 2);
        assertEquals(List.of(events.get(2), events.get(3)), resumed);

        DeploymentProto.DriftReport drift = as(client, BOB)
                .getDrift(DeploymentProto.GetDriftRequest.newBuilder().setApplication(app).setEnvironment("dev").build())
                .await().atMost(CALL).getDrift();
        assertTrue(drift.getInSync(), drift.toString());
        assertEquals(created.getId(), drift.getAppliedDeploymentId());
        assertTrue(drift.hasApplyTime());
        assertEquals(0, drift.getDifferencesCount());
    }

    @Test
    void aFailingImageEndsFailedWithTheClustersReason() {
        String app = newApp("dev");
        DeploymentProto.Deployment created = deploy(app, "dev", "ghcr.io/acme/web:fail");
        DeploymentProto.Deployment done = awaitTerminal(app, "dev", created.getId());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_FAILED, done.getStatus());
        assertTrue(List.of("ImagePullBackOff", "ProgressDeadlineExceeded").contains(done.getStatusReason()), done.getStatusReason());
        DeploymentProto.ListDeploymentsRequest.Builder list = DeploymentProto.ListDeploymentsRequest.newBuilder().setApplication(app)
                .setEnvironment("dev");
        assertEquals(List.of(created.getId()), ids(ALICE, list.setStatus(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_FAILED)));
        assertEquals(List.of(), ids(ALICE, list.setStatus(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED)));
    }

    @Test
    void rollbackStartsANewDeploymentWithTheExactSpec() {
        String app = newApp("dev");
        DeploymentProto.Deployment first = awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.0").getId());
        DeploymentProto.Deployment second = awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:2.0.0").getId());

        DeploymentProto.RollbackDeploymentRequest rollback = DeploymentProto.RollbackDeploymentRequest.newBuilder().setApplication(app)
                .setEnvironment("dev")
                .setId(first.getId()).setReason("bad release").setRequestId(Names.unique("rb")).build();
        DeploymentProto.Deployment started = as(client, ALICE).rollbackDeployment(rollback).await().atMost(CALL).getDeployment();
        assertEquals(first.getId(), started.getRollbackOf());
        assertEquals(second.getId(), started.getPreviousDeploymentId());
        assertEquals("bad release", started.getReason());
        assertEquals(started.getId(), as(client, ALICE).rollbackDeployment(rollback).await().atMost(CALL).getDeployment().getId(),
                "a repeated request_id replays the first rollback");

        DeploymentProto.Deployment done = awaitTerminal(app, "dev", started.getId());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus());
        assertEquals(first.getSpec(), done.getSpec());

        Throwable denied = assertThrows(RuntimeException.class, () -> as(client, BOB).rollbackDeployment(rollback.toBuilder()
                .setRequestId("").build()).await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(denied));
    }

    @Test
    void promotionCopiesTheExactSpecAndIsRefusedForAnUnsucceededDeployment() {
        String app = newApp("stage", "prod");
        DeploymentProto.Deployment staged = awaitTerminal(app, "stage", deploy(app, "stage", "ghcr.io/acme/web:3.1.4").getId());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, staged.getStatus());

        DeploymentProto.CreateDeploymentRequest.Builder promote = DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(app)
                .setEnvironment("prod")
                .setPromoteFrom(DeploymentProto.PromotionSource.newBuilder().setEnvironment("stage").setDeploymentId(staged.getId()));
        DeploymentProto.Deployment promoted = as(client, ALICE).createDeployment(promote.build()).await().atMost(CALL).getDeployment();
        assertEquals(staged.getId(), promoted.getPromotedFrom());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_AWAITING_APPROVAL, promoted.getStatus());
        // production requires one approval by someone other than alice: carol, another owner of team-a.
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_PENDING, as(client, TestTokens.user("carol", "team-a"))
                .approveDeployment(DeploymentProto.ApproveDeploymentRequest.newBuilder().setApplication(app).setEnvironment("prod")
                        .setId(promoted.getId()).setComment("staging looked fine").build())
                .await().atMost(CALL).getDeployment().getStatus());
        DeploymentProto.Deployment done = awaitTerminal(app, "prod", promoted.getId());
        assertEquals(DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_SUCCEEDED, done.getStatus());
        assertEquals(staged.getSpec(), done.getSpec());

        DeploymentProto.Deployment failed = awaitTerminal(app, "stage", deploy(app, "stage", "ghcr.io/acme/web:fail").getId());
        Throwable refused = assertThrows(RuntimeException.class, () -> as(client, ALICE).createDeployment(promote
                .setPromoteFrom(DeploymentProto.PromotionSource.newBuilder().setEnvironment("stage").setDeploymentId(failed.getId()))
                .build())
                .await().atMost(CALL));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(refused));
        assertTrue(description(refused).contains("SUCCEEDED"), description(refused));

        Throwable notAnId = assertThrows(RuntimeException.class, () -> as(client, ALICE).createDeployment(promote
                .setPromoteFrom(DeploymentProto.PromotionSource.newBuilder().setEnvironment("stage").setDeploymentId("nope")).build())
                .await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(notAnId));
    }

    @Test
    void cancelIsOnlyForPendingDeployments() {
        String app = newApp("dev");
        DeploymentProto.Deployment done = awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:1.0.0").getId());
        Throwable refused = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).cancelDeployment(DeploymentProto.CancelDeploymentRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setId(done.getId()).build()).await().atMost(CALL));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(refused));
        assertTrue(description(refused).contains("only PENDING"), description(refused));
    }

    @Test
    void validatesAndChecksAccess() throws Exception {
        String app = newApp("dev");
        DeploymentProto.WorkloadSpec bad = DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("Web!").setImage("UPPER/case image")
                        .setResources(DeploymentProto.Resources.newBuilder().putRequests("cpu", "lots")))
                .setReplicas(500)
                .build();
        Throwable invalid = assertThrows(RuntimeException.class, () -> deploy(ALICE, app, "dev", bad, ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertTrue(violatedFields(invalid).containsAll(List.of("spec.containers[0].image", "spec.containers[0].name", "spec.replicas")),
                violatedFields(invalid).toString());

        Throwable neither = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setReason("neither").build()).await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(neither));
        assertTrue(violatedFields(neither).contains("spec"), violatedFields(neither).toString());

        Throwable denied = assertThrows(RuntimeException.class, () -> deploy(BOB, app, "dev", spec("ghcr.io/acme/web:1"), ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(denied));

        Throwable anonymous = assertThrows(RuntimeException.class,
                () -> client.getDeployment(DeploymentProto.GetDeploymentRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setId("00000000-0000-4000-8000-00000000ffff").build()).await()
                        .atMost(CALL));
        assertEquals(Status.Code.UNAUTHENTICATED, code(anonymous));
        Throwable anonymousWatch = assertThrows(RuntimeException.class,
                () -> client.watchDeployments(DeploymentProto.WatchDeploymentsRequest.newBuilder()
                        .setApplication(app).build()).collect().first().await().atMost(CALL));
        assertEquals(Status.Code.UNAUTHENTICATED, code(anonymousWatch));

        Throwable unscoped = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).watchDeployments(DeploymentProto.WatchDeploymentsRequest.newBuilder()
                        .setEnvironment("dev").build()).collect().first().await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(unscoped));
        assertEquals(List.of("environment"), violatedFields(unscoped));

        Throwable missing = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).getDeployment(DeploymentProto.GetDeploymentRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setId("00000000-0000-4000-8000-00000000ffff").build()).await()
                        .atMost(CALL));
        assertEquals(Status.Code.NOT_FOUND, code(missing));
        Throwable tooLong = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).waitDeployment(DeploymentProto.WaitDeploymentRequest.newBuilder()
                        .setApplication(app).setEnvironment("dev").setId("00000000-0000-4000-8000-00000000ffff")
                        .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(3600)).build()).await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(tooLong));

        assertEquals(List.of(), ids(ALICE, DeploymentProto.ListDeploymentsRequest.newBuilder().setApplication(app).setEnvironment("dev")));
    }

    @Test
    void requestIdReplaysTheSameDeployment() {
        String app = newApp("dev");
        String requestId = Names.unique("ci-run");
        DeploymentProto.Deployment first = deploy(ALICE, app, "dev", spec("ghcr.io/acme/web:9.9.9"), requestId);
        DeploymentProto.Deployment again = deploy(ALICE, app, "dev", spec("ghcr.io/acme/web:9.9.9"), requestId);
        assertEquals(first.getId(), again.getId());
        awaitTerminal(app, "dev", first.getId());
        assertEquals(List.of(first.getId()),
                ids(ALICE, DeploymentProto.ListDeploymentsRequest.newBuilder().setApplication(app).setEnvironment("dev")));
    }

    /** The description of a failed call's status. */
    private static String description(Throwable failure) {
        return String.valueOf(status(failure).getStatus().getDescription());
    }
}
