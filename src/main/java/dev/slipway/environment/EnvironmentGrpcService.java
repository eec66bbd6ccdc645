package dev.slipway.environment;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.EnvironmentProto;

/** gRPC adapter for environments: translates messages to {@link Environments} calls and back. */
@GrpcService
@Authenticated
public class EnvironmentGrpcService implements dev.slipway.grpc.v1.EnvironmentService {
    /** Fields UpdateEnvironment may name in its mask. */
    private static final List<String> MUTABLE = List.of("type", "labels", "auto_rollback");

    private final Environments service;
    private final ObjectMapper mapper;

    public EnvironmentGrpcService(Environments service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Uni<EnvironmentProto.CreateEnvironmentResponse> createEnvironment(EnvironmentProto.CreateEnvironmentRequest request) {
        EnvironmentProto.Environment environment = request.getEnvironment();
        // false and "no labels" travel as absent, as a REST body that leaves them out would.
        var create = new CreateEnvironmentRequest(Protos.optional(environment.getName()),
                Protos.optional(environment.getType()), Protos.optional(environment.getCluster()), Protos.optional(environment.getNamespace()),
                environment.getLabelsMap().isEmpty() ? null : environment.getLabelsMap(),
                environment.getAutoRollback() ? Boolean.TRUE : null);
        return service.create(request.getApplication(), create, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> EnvironmentProto.CreateEnvironmentResponse.newBuilder().setEnvironment(toProto(created.resource())).build());
    }

    @Override
    public Uni<EnvironmentProto.GetEnvironmentResponse> getEnvironment(EnvironmentProto.GetEnvironmentRequest request) {
        return service.get(request.getApplication(), request.getName())
                .map(view -> EnvironmentProto.GetEnvironmentResponse.newBuilder().setEnvironment(toProto(view)).build());
    }

    @Override
    public Uni<EnvironmentProto.ListEnvironmentsResponse> listEnvironments(EnvironmentProto.ListEnvironmentsRequest request) {
        return service.list(request.getApplication(), Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                        Protos.optional(request.getLabelSelector()))
                .map(page -> EnvironmentProto.ListEnvironmentsResponse.newBuilder()
                        .addAllEnvironments(page.items().stream().map(EnvironmentGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /**
     * A field mask becomes the equivalent JSON merge patch, so both APIs run the same update.
     * Labels named in the mask are replaced as a whole (AIP-161), so the current labels are read
     * first and the update is made conditional on what was read.
     */
    @Override
    public Uni<EnvironmentProto.UpdateEnvironmentResponse> updateEnvironment(EnvironmentProto.UpdateEnvironmentRequest request) {
        EnvironmentProto.Environment environment = request.getEnvironment();
        List<String> paths = Protos.maskPaths(request.getUpdateMask(), MUTABLE);
        String application = environment.getApplication();
        return service.get(application, environment.getName()).flatMap(current -> {
            ObjectNode patch = mapper.createObjectNode();
            if (paths.contains("type")) {
                patch.put("type", Protos.optional(environment.getType()));
            }
            if (paths.contains("labels")) {
                ObjectNode labels = patch.putObject("labels");
                current.labels().keySet().forEach(labels::putNull);
                environment.getLabelsMap().forEach(labels::put);
            }
            if (paths.contains("auto_rollback")) {
                patch.put("autoRollback", environment.getAutoRollback());
            }
            String etag = request.getEtag().isEmpty() ? current.etag() : request.getEtag();
            return service.update(application, environment.getName(), patch, etag);
        }).map(view -> EnvironmentProto.UpdateEnvironmentResponse.newBuilder().setEnvironment(toProto(view)).build());
    }

    @Override
    public Uni<EnvironmentProto.DeleteEnvironmentResponse> deleteEnvironment(EnvironmentProto.DeleteEnvironmentRequest request) {
        return service.delete(request.getApplication(), request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> EnvironmentProto.DeleteEnvironmentResponse.getDefaultInstance());
    }

    static EnvironmentProto.Environment toProto(EnvironmentView view) {
        return EnvironmentProto.Environment.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setApplication(Protos.text(view.application()))
                .setType(Protos.text(view.type()))
                .setCluster(Protos.text(view.cluster()))
                .setNamespace(Protos.text(view.namespace()))
                .putAllLabels(view.labels())
                .setStatus(toProto(view.status()))
                .setAutoRollback(view.autoRollback())
                .setCurrentDeploymentId(view.currentDeploymentId() == null ? "" : view.currentDeploymentId().toString())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag())
                .build();
    }

    static EnvironmentProto.EnvironmentStatus toProto(EnvironmentStatus status) {
        if (status == null) {
            return EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_UNSPECIFIED;
        }
        return switch (status) {
            case ACTIVE -> EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_ACTIVE;
        };
    }
}
