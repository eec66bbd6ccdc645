package dev.slipway.deployment;

import java.time.Duration;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.CancelDeploymentRequest;
import dev.slipway.grpc.v1.CancelDeploymentResponse;
import dev.slipway.grpc.v1.CreateDeploymentResponse;
import dev.slipway.grpc.v1.GetDeploymentRequest;
import dev.slipway.grpc.v1.GetDeploymentResponse;
import dev.slipway.grpc.v1.GetDriftRequest;
import dev.slipway.grpc.v1.GetDriftResponse;
import dev.slipway.grpc.v1.ListDeploymentsRequest;
import dev.slipway.grpc.v1.ListDeploymentsResponse;
import dev.slipway.grpc.v1.RollbackDeploymentRequest;
import dev.slipway.grpc.v1.RollbackDeploymentResponse;
import dev.slipway.grpc.v1.WaitDeploymentRequest;
import dev.slipway.grpc.v1.WaitDeploymentResponse;
import dev.slipway.grpc.v1.WatchDeploymentsRequest;
import dev.slipway.grpc.v1.WatchDeploymentsResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter for deployments, their events and drift: translates messages to
 * {@link DeploymentService} and {@link DriftService} calls and back, through {@link DeploymentProtos}.
 */
@GrpcService
@Authenticated
public class DeploymentGrpcService implements dev.slipway.grpc.v1.DeploymentService {
    /** Same default as the REST long-poll. */
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final DeploymentService service;
    private final DriftService drift;

    public DeploymentGrpcService(DeploymentService service, DriftService drift) {
        this.service = service;
        this.drift = drift;
    }

    @Override
    public Uni<CreateDeploymentResponse> createDeployment(dev.slipway.grpc.v1.CreateDeploymentRequest request) {
        return service.create(request.getApplication(), request.getEnvironment(), DeploymentProtos.toCreate(request),
                        IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> CreateDeploymentResponse.newBuilder().setDeployment(DeploymentProtos.toProto(created.resource())).build());
    }

    @Override
    public Uni<GetDeploymentResponse> getDeployment(GetDeploymentRequest request) {
        return service.get(request.getApplication(), request.getEnvironment(), request.getId())
                .map(view -> GetDeploymentResponse.newBuilder().setDeployment(DeploymentProtos.toProto(view)).build());
    }

    @Override
    public Uni<ListDeploymentsResponse> listDeployments(ListDeploymentsRequest request) {
        return service.list(request.getApplication(), request.getEnvironment(), Protos.pageSize(request.getPageSize()),
                        Protos.optional(request.getPageToken()), DeploymentProtos.statusFilter(request.getStatus()))
                .map(page -> ListDeploymentsResponse.newBuilder()
                        .addAllDeployments(page.items().stream().map(DeploymentProtos::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<CancelDeploymentResponse> cancelDeployment(CancelDeploymentRequest request) {
        return service.cancel(request.getApplication(), request.getEnvironment(), request.getId())
                .map(view -> CancelDeploymentResponse.newBuilder().setDeployment(DeploymentProtos.toProto(view)).build());
    }

    @Override
    public Uni<RollbackDeploymentResponse> rollbackDeployment(RollbackDeploymentRequest request) {
        return service.rollback(request.getApplication(), request.getEnvironment(), request.getId(), Protos.optional(request.getReason()),
                        IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> RollbackDeploymentResponse.newBuilder().setDeployment(DeploymentProtos.toProto(created.resource())).build());
    }

    @Override
    public Uni<WaitDeploymentResponse> waitDeployment(WaitDeploymentRequest request) {
        Duration timeout = DeploymentProtos.timeout(request.hasTimeout(), request.getTimeout(), DEFAULT_WAIT);
        return service.awaitTerminal(request.getApplication(), request.getEnvironment(), request.getId(), timeout)
                .map(view -> WaitDeploymentResponse.newBuilder().setDeployment(DeploymentProtos.toProto(view)).build());
    }

    /** The same scopes as the REST streams: all, one application, one environment, or one deployment. */
    @Override
    public Multi<WatchDeploymentsResponse> watchDeployments(WatchDeploymentsRequest request) {
        String application = Protos.optional(request.getApplication());
        String environment = Protos.optional(request.getEnvironment());
        String deploymentId = Protos.optional(request.getDeploymentId());
        if (environment != null && application == null) {
            throw SlipwayException.Invalid.field("environment", "needs application");
        }
        if (deploymentId != null && environment == null) {
            throw SlipwayException.Invalid.field("deployment_id", "needs application and environment");
        }
        Long afterEventId = request.hasAfterEventId() ? request.getAfterEventId() : null;
        return service.watch(application, environment, deploymentId, afterEventId)
                .onItem().transformToMulti(events -> events)
                .map(event -> WatchDeploymentsResponse.newBuilder().setEvent(DeploymentProtos.toProto(event)).build());
    }

    @Override
    public Uni<GetDriftResponse> getDrift(GetDriftRequest request) {
        return drift.drift(request.getApplication(), request.getEnvironment())
                .map(report -> GetDriftResponse.newBuilder().setDrift(DeploymentProtos.toProto(report)).build());
    }
}
