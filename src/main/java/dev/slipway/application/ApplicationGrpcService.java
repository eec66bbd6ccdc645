package dev.slipway.application;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.ApplicationProto;

/** gRPC adapter for applications: translates messages to {@link Applications} calls and back. */
@GrpcService
@Authenticated
public class ApplicationGrpcService implements dev.slipway.grpc.v1.ApplicationService {
    /** Fields UpdateApplication may name in its mask, with their JSON names in the merge patch. */
    private static final List<String> MUTABLE = List.of("display_name", "description", "owner_group", "repository_url", "labels");

    private final Applications service;
    private final ObjectMapper mapper;

    public ApplicationGrpcService(Applications service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Uni<ApplicationProto.CreateApplicationResponse> createApplication(ApplicationProto.CreateApplicationRequest request) {
        ApplicationProto.Application app = request.getApplication();
        var create = new CreateApplicationRequest(Protos.optional(app.getName()), Protos.optional(app.getDisplayName()),
                Protos.optional(app.getDescription()), Protos.optional(app.getOwnerGroup()), Protos.optional(app.getRepositoryUrl()),
                app.getLabelsMap().isEmpty() ? null : app.getLabelsMap());
        return service.create(create, IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> ApplicationProto.CreateApplicationResponse.newBuilder().setApplication(toProto(created.resource())).build());
    }

    @Override
    public Uni<ApplicationProto.GetApplicationResponse> getApplication(ApplicationProto.GetApplicationRequest request) {
        return service.get(request.getName()).map(view -> ApplicationProto.GetApplicationResponse.newBuilder().setApplication(toProto(view)).build());
    }

    @Override
    public Uni<ApplicationProto.ListApplicationsResponse> listApplications(ApplicationProto.ListApplicationsRequest request) {
        return service.list(new ApplicationQuery(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                        Protos.optional(request.getLabelSelector()), Protos.optional(request.getOwnerGroup())))
                .map(page -> ApplicationProto.ListApplicationsResponse.newBuilder()
                        .addAllApplications(page.items().stream().map(ApplicationGrpcService::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /**
     * A field mask becomes the equivalent JSON merge patch, so both APIs run the same update.
     * Labels named in the mask are replaced as a whole (AIP-161), so the current labels are read
     * first and the update is made conditional on what was read.
     */
    @Override
    public Uni<ApplicationProto.UpdateApplicationResponse> updateApplication(ApplicationProto.UpdateApplicationRequest request) {
        ApplicationProto.Application app = request.getApplication();
        List<String> paths = Protos.maskPaths(request.getUpdateMask(), MUTABLE);
        return service.get(app.getName()).flatMap(current -> {
            ObjectNode patch = mapper.createObjectNode();
            if (paths.contains("display_name")) {
                patch.put("displayName", Protos.optional(app.getDisplayName()));
            }
            if (paths.contains("description")) {
                patch.put("description", Protos.optional(app.getDescription()));
            }
            if (paths.contains("owner_group")) {
                patch.put("ownerGroup", Protos.optional(app.getOwnerGroup()));
            }
            if (paths.contains("repository_url")) {
                patch.put("repositoryUrl", Protos.optional(app.getRepositoryUrl()));
            }
            if (paths.contains("labels")) {
                ObjectNode labels = patch.putObject("labels");
                current.labels().keySet().forEach(labels::putNull);
                app.getLabelsMap().forEach(labels::put);
            }
            String etag = request.getEtag().isEmpty() ? current.etag() : request.getEtag();
            return service.update(app.getName(), patch, etag);
        }).map(view -> ApplicationProto.UpdateApplicationResponse.newBuilder().setApplication(toProto(view)).build());
    }

    @Override
    public Uni<ApplicationProto.DeleteApplicationResponse> deleteApplication(ApplicationProto.DeleteApplicationRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> ApplicationProto.DeleteApplicationResponse.getDefaultInstance());
    }

    static ApplicationProto.Application toProto(ApplicationView view) {
        return ApplicationProto.Application.newBuilder()
                .setId(view.id().toString())
                .setName(view.name())
                .setDisplayName(Protos.text(view.displayName()))
                .setDescription(Protos.text(view.description()))
                .setOwnerGroup(Protos.text(view.ownerGroup()))
                .setRepositoryUrl(Protos.text(view.repositoryUrl()))
                .putAllLabels(view.labels())
                .setCreateTime(Protos.timestamp(view.createdAt()))
                .setCreatedBy(Protos.text(view.createdBy()))
                .setUpdateTime(Protos.timestamp(view.updatedAt()))
                .setEtag(view.etag())
                .build();
    }
}
