package dev.slipway.environment;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.EnvironmentTypeProto;

/** gRPC adapter for environment types: translates messages to {@link EnvironmentTypes} calls and back. */
@GrpcService
@Authenticated
public class EnvironmentTypeGrpcService implements dev.slipway.grpc.v1.EnvironmentTypeService {
    /** Fields UpdateEnvironmentType may name in its mask. */
    private static final List<String> MUTABLE = List.of("description", "protected", "order", "default_cluster");

    private final EnvironmentTypes service;
    private final ObjectMapper mapper;

    public EnvironmentTypeGrpcService(EnvironmentTypes service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Uni<EnvironmentTypeProto.CreateEnvironmentTypeResponse> createEnvironmentType(EnvironmentTypeProto.CreateEnvironmentTypeRequest request) {
        EnvironmentTypeProto.EnvironmentType type = request.getEnvironmentType();
        var spec = new EnvironmentTypeSpec(Protos.optional(type.getName()), Protos.optional(type.getDescription()), type.getProtected(),
                type.getOrder(), Protos.optional(type.getDefaultCluster()));
        return service.create(spec, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> EnvironmentTypeProto.CreateEnvironmentTypeResponse.newBuilder().setEnvironmentType(toProto(created.resource())).build());
    }

    @Override
    public Uni<EnvironmentTypeProto.GetEnvironmentTypeResponse> getEnvironmentType(EnvironmentTypeProto.GetEnvironmentTypeRequest request) {
        return service.get(request.getName()).map(view -> EnvironmentTypeProto.GetEnvironmentTypeResponse.newBuilder().setEnvironmentType(toProto(view)).build());
    }

    @Override
    public Uni<EnvironmentTypeProto.ListEnvironmentTypesResponse> listEnvironmentTypes(EnvironmentTypeProto.ListEnvironmentTypesRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> EnvironmentTypeProto.ListEnvironmentTypesResponse.newBuilder()
                        .addAllEnvironmentTypes(page.items().stream().map(EnvironmentTypeGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /** A field mask becomes the equivalent JSON merge patch, so both APIs run the same update. */
    @Override
    public Uni<EnvironmentTypeProto.UpdateEnvironmentTypeResponse> updateEnvironmentType(EnvironmentTypeProto.UpdateEnvironmentTypeRequest request) {
        EnvironmentTypeProto.EnvironmentType type = request.getEnvironmentType();
        List<String> paths = Protos.maskPaths(request.getUpdateMask(), MUTABLE);
        ObjectNode patch = mapper.createObjectNode();
        if (paths.contains("description")) {
            patch.put("description", Protos.optional(type.getDescription()));
        }
        if (paths.contains("protected")) {
            patch.put("protected", type.getProtected());
        }
        if (paths.contains("order")) {
            patch.put("order", type.getOrder());
        }
        if (paths.contains("default_cluster")) {
            patch.put("defaultCluster", Protos.optional(type.getDefaultCluster()));
        }
        return service.update(type.getName(), patch, Protos.optional(request.getEtag()))
                .map(view -> EnvironmentTypeProto.UpdateEnvironmentTypeResponse.newBuilder().setEnvironmentType(toProto(view)).build());
    }

    @Override
    public Uni<EnvironmentTypeProto.DeleteEnvironmentTypeResponse> deleteEnvironmentType(EnvironmentTypeProto.DeleteEnvironmentTypeRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> EnvironmentTypeProto.DeleteEnvironmentTypeResponse.getDefaultInstance());
    }

    static EnvironmentTypeProto.EnvironmentType toProto(EnvironmentTypeView view) {
        return EnvironmentTypeProto.EnvironmentType.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setDescription(Protos.text(view.description()))
                .setProtected(view.isProtected())
                .setOrder(view.order())
                .setDefaultCluster(Protos.text(view.defaultCluster()))
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag())
                .build();
    }
}
