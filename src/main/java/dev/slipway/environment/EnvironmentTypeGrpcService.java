package dev.slipway.environment;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.CreateEnvironmentTypeRequest;
import dev.slipway.grpc.v1.CreateEnvironmentTypeResponse;
import dev.slipway.grpc.v1.DeleteEnvironmentTypeRequest;
import dev.slipway.grpc.v1.DeleteEnvironmentTypeResponse;
import dev.slipway.grpc.v1.EnvironmentType;
import dev.slipway.grpc.v1.GetEnvironmentTypeRequest;
import dev.slipway.grpc.v1.GetEnvironmentTypeResponse;
import dev.slipway.grpc.v1.ListEnvironmentTypesRequest;
import dev.slipway.grpc.v1.ListEnvironmentTypesResponse;
import dev.slipway.grpc.v1.UpdateEnvironmentTypeRequest;
import dev.slipway.grpc.v1.UpdateEnvironmentTypeResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for environment types: translates messages to {@link EnvironmentTypeService} calls and back. */
@GrpcService
@Authenticated
public class EnvironmentTypeGrpcService implements dev.slipway.grpc.v1.EnvironmentTypeService {
    /** Fields UpdateEnvironmentType may name in its mask. */
    private static final List<String> MUTABLE = List.of("description", "protected", "order", "default_cluster");

    private final EnvironmentTypeService service;
    private final ObjectMapper mapper;

    public EnvironmentTypeGrpcService(EnvironmentTypeService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Uni<CreateEnvironmentTypeResponse> createEnvironmentType(CreateEnvironmentTypeRequest request) {
        EnvironmentType type = request.getEnvironmentType();
        var spec = new EnvironmentTypeSpec(Protos.optional(type.getName()), Protos.optional(type.getDescription()), type.getProtected(),
                type.getOrder(), Protos.optional(type.getDefaultCluster()));
        return service.create(spec, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> CreateEnvironmentTypeResponse.newBuilder().setEnvironmentType(toProto(created.resource())).build());
    }

    @Override
    public Uni<GetEnvironmentTypeResponse> getEnvironmentType(GetEnvironmentTypeRequest request) {
        return service.get(request.getName()).map(view -> GetEnvironmentTypeResponse.newBuilder().setEnvironmentType(toProto(view)).build());
    }

    @Override
    public Uni<ListEnvironmentTypesResponse> listEnvironmentTypes(ListEnvironmentTypesRequest request) {
        return service.list(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ListEnvironmentTypesResponse.newBuilder()
                        .addAllEnvironmentTypes(page.items().stream().map(EnvironmentTypeGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /** A field mask becomes the equivalent JSON merge patch, so both APIs run the same update. */
    @Override
    public Uni<UpdateEnvironmentTypeResponse> updateEnvironmentType(UpdateEnvironmentTypeRequest request) {
        EnvironmentType type = request.getEnvironmentType();
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
                .map(view -> UpdateEnvironmentTypeResponse.newBuilder().setEnvironmentType(toProto(view)).build());
    }

    @Override
    public Uni<DeleteEnvironmentTypeResponse> deleteEnvironmentType(DeleteEnvironmentTypeRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> DeleteEnvironmentTypeResponse.getDefaultInstance());
    }

    static EnvironmentType toProto(EnvironmentTypeView view) {
        return EnvironmentType.newBuilder()
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
