package dev.slipway.deployment;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.deployment.lifecycle.EventSubscribers;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter for deployments, their events and drift: translates messages to
 * {@link Deployments} and {@link DriftReports} calls and back, through {@link DeploymentProtoMapper}.
 */
@GrpcService
@Authenticated
public class DeploymentGrpcService implements DeploymentService {
    private final Deployments service;
    private final DriftReports drift;
    private final DeploymentApprovals approvals;
    private final EventSubscribers subscribers;

    public DeploymentGrpcService(Deployments service, DriftReports drift, DeploymentApprovals approvals, EventSubscribers subscribers) {
        this.service = service;
        this.drift = drift;
        this.approvals = approvals;
        this.subscribers = subscribers;
    }

    @Override
    public Uni<DeploymentProto.CreateDeploymentResponse> createDeployment(DeploymentProto.CreateDeploymentRequest request) {
        return service.create(request.getApplication(), request.getEnvironment(), DeploymentProtoMapper.toCreate(request),
                IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> DeploymentProto.CreateDeploymentResponse.newBuilder()
                        .setDeployment(DeploymentProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<DeploymentProto.GetDeploymentResponse> getDeployment(DeploymentProto.GetDeploymentRequest request) {
        return service.get(request.getApplication(), request.getEnvironment(), request.getId())
                .map(view -> DeploymentProto.GetDeploymentResponse.newBuilder().setDeployment(DeploymentProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<DeploymentProto.ListDeploymentsResponse> listDeployments(DeploymentProto.ListDeploymentsRequest request) {
        return service.list(request.getApplication(), request.getEnvironment(), Protos.pageSize(request.getPageSize()),
                Protos.optional(request.getPageToken()), DeploymentProtoMapper.toStatusFilter(request.getStatus()))
                .map(page -> DeploymentProto.ListDeploymentsResponse.newBuilder()
                        .addAllDeployments(page.items().stream().map(DeploymentProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<DeploymentProto.CancelDeploymentResponse> cancelDeployment(DeploymentProto.CancelDeploymentRequest request) {
        return service.cancel(request.getApplication(), request.getEnvironment(), request.getId())
                .map(view -> DeploymentProto.CancelDeploymentResponse.newBuilder().setDeployment(DeploymentProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<DeploymentProto.RollbackDeploymentResponse> rollbackDeployment(DeploymentProto.RollbackDeploymentRequest request) {
        return service.rollback(request.getApplication(), request.getEnvironment(), request.getId(), Protos.optional(request.getReason()),
                DeploymentProtoMapper.toBreakGlass(request.hasBreakGlass(), request.getBreakGlass()),
                IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> DeploymentProto.RollbackDeploymentResponse.newBuilder()
                        .setDeployment(DeploymentProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<DeploymentProto.WaitDeploymentResponse> waitDeployment(DeploymentProto.WaitDeploymentRequest request) {
        return service
                .awaitTerminal(request.getApplication(), request.getEnvironment(), request.getId(),
                        DeploymentProtoMapper.toTimeout(request))
                .map(view -> DeploymentProto.WaitDeploymentResponse.newBuilder().setDeployment(DeploymentProtoMapper.toProto(view))
                        .build());
    }

    /** The same scopes as the REST streams: all, one application, one environment, or one deployment. */
    @Override
    public Multi<DeploymentProto.WatchDeploymentsResponse> watchDeployments(DeploymentProto.WatchDeploymentsRequest request) {
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
        return service.watch(application, environment, deploymentId, afterEventId, request.getApprovals())
                .onItem().transformToMulti(events -> subscribers.counted(EventSubscribers.Kind.GRPC, events))
                .map(event -> DeploymentProto.WatchDeploymentsResponse.newBuilder().setEvent(DeploymentProtoMapper.toProto(event)).build());
    }

    @Override
    public Uni<DeploymentProto.ApproveDeploymentResponse> approveDeployment(DeploymentProto.ApproveDeploymentRequest request) {
        return approvals.approve(request.getApplication(), request.getEnvironment(), request.getId(), Protos.optional(request.getComment()))
                .map(view -> DeploymentProto.ApproveDeploymentResponse.newBuilder().setDeployment(DeploymentProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<DeploymentProto.RejectDeploymentResponse> rejectDeployment(DeploymentProto.RejectDeploymentRequest request) {
        return approvals.reject(request.getApplication(), request.getEnvironment(), request.getId(), Protos.optional(request.getComment()))
                .map(view -> DeploymentProto.RejectDeploymentResponse.newBuilder().setDeployment(DeploymentProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<DeploymentProto.GetDriftResponse> getDrift(DeploymentProto.GetDriftRequest request) {
        return drift.drift(request.getApplication(), request.getEnvironment())
                .map(report -> DeploymentProto.GetDriftResponse.newBuilder().setDrift(DeploymentProtoMapper.toProto(report)).build());
    }
}
