package dev.slipway.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.RuntimeProto;
import dev.slipway.grpc.v1.RuntimeService;
import dev.slipway.local.sandbox.SandboxCluster;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.operation.OperationsFixture.DEVELOPER;
import static dev.slipway.operation.OperationsFixture.VIEWER;
import static dev.slipway.operation.OperationsFixture.spec;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RuntimeService over gRPC against the sandbox cluster, through the same use cases as REST. */
@QuarkusTest
class RuntimeGrpcServiceTest {
    private static final Duration CALL = Duration.ofSeconds(15);

    @GrpcClient("slipway")
    RuntimeService client;

    @Inject
    SandboxCluster sandbox;

    @Test
    void getRuntimeScaleAndRestart() throws Exception {
        OperationsFixture f = OperationsFixture.create();
        String deploymentId = f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null)).getString("id");
        RuntimeProto.GetRuntimeRequest get = RuntimeProto.GetRuntimeRequest.newBuilder().setApplication(f.app())
                .setEnvironment(OperationsFixture.ENV).build();

        RuntimeProto.GetRuntimeResponse runtime = as(client, VIEWER).getRuntime(get).await().atMost(CALL);
        assertEquals(deploymentId, runtime.getDeploymentId());
        assertEquals(f.app(), runtime.getWorkloads(0).getName());
        assertEquals(1, runtime.getWorkloads(0).getDesiredReplicas());
        assertEquals("running", runtime.getWorkloads(0).getPods(0).getContainers(0).getState());

        RuntimeProto.ScaleEnvironmentResponse scaled = as(client, DEVELOPER).scaleEnvironment(RuntimeProto.ScaleEnvironmentRequest
                .newBuilder().setApplication(f.app()).setEnvironment(OperationsFixture.ENV).setReplicas(2).build()).await().atMost(CALL);
        assertEquals(1, scaled.getPreviousReplicas());
        assertEquals(2, scaled.getReplicas());
        assertEquals(2, sandbox.client().apps().deployments().inNamespace(f.namespace()).withName(f.app()).get().getSpec().getReplicas());

        Throwable missingReplicas = assertThrows(RuntimeException.class, () -> as(client, DEVELOPER).scaleEnvironment(
                RuntimeProto.ScaleEnvironmentRequest.newBuilder().setApplication(f.app()).setEnvironment(OperationsFixture.ENV).build())
                .await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(missingReplicas));
        assertEquals(List.of("replicas"), violatedFields(missingReplicas));
        Throwable viewer = assertThrows(RuntimeException.class, () -> as(client, VIEWER).restartEnvironment(
                RuntimeProto.RestartEnvironmentRequest.newBuilder().setApplication(f.app()).setEnvironment(OperationsFixture.ENV).build())
                .await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(viewer));

        RuntimeProto.RestartEnvironmentResponse restarted = as(client, DEVELOPER).restartEnvironment(RuntimeProto.RestartEnvironmentRequest
                .newBuilder().setApplication(f.app()).setEnvironment(OperationsFixture.ENV).setWorkload(f.app()).build())
                .await().atMost(CALL);
        assertEquals(f.app(), restarted.getWorkloads(0).getObjectName());
        assertEquals(Protos.instant(restarted.getRestartedAt()).toString(), sandbox.client().apps().deployments()
                .inNamespace(f.namespace()).withName(f.app()).get().getSpec().getTemplate().getMetadata().getAnnotations()
                .get("kubectl.kubernetes.io/restartedAt"));
    }

    @Test
    void streamLogsReadsOrFollowsAndRefusesViewers() {
        OperationsFixture f = OperationsFixture.create();
        f.deploySucceeded(spec("ghcr.io/acme/web:1.0.0", 1, null));
        RuntimeProto.StreamLogsRequest.Builder request = RuntimeProto.StreamLogsRequest.newBuilder().setApplication(f.app())
                .setEnvironment(OperationsFixture.ENV);

        List<RuntimeProto.StreamLogsResponse> lines = as(client, DEVELOPER).streamLogs(request.build()).collect().asList().await()
                .atMost(CALL);
        assertFalse(lines.isEmpty());
        assertEquals("Starting web (image ghcr.io/acme/web:1.0.0)", lines.get(0).getLine().getText());
        assertEquals(1, as(client, DEVELOPER).streamLogs(request.clone().setTailLines(1).build()).collect().asList().await().atMost(CALL)
                .size());

        Instant opened = Instant.now();
        RuntimeProto.LogLine fresh = as(client, DEVELOPER).streamLogs(request.clone().setFollow(true).setTailLines(1).build())
                .map(RuntimeProto.StreamLogsResponse::getLine)
                .filter(line -> Protos.instant(line.getTimestamp()).isAfter(opened))
                .toUni().await().atMost(CALL);
        assertTrue(fresh.getText().startsWith("tick "), fresh.getText());

        Throwable viewer = assertThrows(RuntimeException.class,
                () -> as(client, VIEWER).streamLogs(request.build()).collect().asList().await().atMost(CALL));
        assertEquals(Status.Code.PERMISSION_DENIED, code(viewer));
        Throwable tooMany = assertThrows(RuntimeException.class,
                () -> as(client, DEVELOPER).streamLogs(request.clone().setTailLines(0).build()).collect().asList().await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(tooMany));
    }
}
