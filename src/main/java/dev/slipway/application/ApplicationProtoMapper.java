package dev.slipway.application;

import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.UpdateMask;
import dev.slipway.grpc.v1.ApplicationProto;

/** The one place application messages meet the service layer's records, update mask included. */
final class ApplicationProtoMapper {
    /** Fields UpdateApplication may name in its mask, with their names in the merge patch. */
    static final UpdateMask<ApplicationProto.Application, ApplicationView> UPDATE_MASK = UpdateMask
            .builder(ApplicationProto.Application.class, ApplicationView.class)
            .text("display_name", "displayName", ApplicationProto.Application::getDisplayName)
            .text("description", "description", ApplicationProto.Application::getDescription)
            .text("owner_group", "ownerGroup", ApplicationProto.Application::getOwnerGroup)
            .text("repository_url", "repositoryUrl", ApplicationProto.Application::getRepositoryUrl)
            .map("labels", "labels", ApplicationProto.Application::getLabelsMap, ApplicationView::labels)
            .build();

    private ApplicationProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static CreateApplicationRequest toCreate(ApplicationProto.CreateApplicationRequest request) {
        ApplicationProto.Application app = request.getApplication();
        return new CreateApplicationRequest(Protos.optional(app.getName()), Protos.optional(app.getDisplayName()),
                Protos.optional(app.getDescription()), Protos.optional(app.getOwnerGroup()), Protos.optional(app.getRepositoryUrl()),
                app.getLabelsMap().isEmpty() ? null : app.getLabelsMap());
    }

    static ApplicationQuery toQuery(ApplicationProto.ListApplicationsRequest request) {
        return new ApplicationQuery(Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()),
                Protos.optional(request.getLabelSelector()), Protos.optional(request.getOwnerGroup()));
    }

    // --- Results: records -> proto ----------------------------------------------------------------

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
