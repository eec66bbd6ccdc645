package dev.slipway.application;

import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.ApplicationService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter for applications: translates messages to {@link Applications} calls and back, through {@link ApplicationProtoMapper}. */
@GrpcService
@Authenticated
public class ApplicationGrpcService implements ApplicationService {
    private final Applications service;

    public ApplicationGrpcService(Applications service) {
        this.service = service;
    }

    @Override
    public Uni<ApplicationProto.CreateApplicationResponse> createApplication(ApplicationProto.CreateApplicationRequest request) {
        return service.create(ApplicationProtoMapper.toCreate(request), IdempotencyKey.ofNullable(request.getRequestId(), "request_id"))
                .map(created -> ApplicationProto.CreateApplicationResponse.newBuilder()
                        .setApplication(ApplicationProtoMapper.toProto(created.resource())).build());
    }

    @Override
    public Uni<ApplicationProto.GetApplicationResponse> getApplication(ApplicationProto.GetApplicationRequest request) {
        return service.get(request.getName())
                .map(view -> ApplicationProto.GetApplicationResponse.newBuilder().setApplication(ApplicationProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<ApplicationProto.ListApplicationsResponse> listApplications(ApplicationProto.ListApplicationsRequest request) {
        return service.list(ApplicationProtoMapper.toQuery(request))
                .map(page -> ApplicationProto.ListApplicationsResponse.newBuilder()
                        .addAllApplications(page.items().stream().map(ApplicationProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    /**
     * Labels named in the mask are replaced whole, which needs the current labels, so the
     * application is read first and the update made conditional on what was read.
     */
    @Override
    public Uni<ApplicationProto.UpdateApplicationResponse> updateApplication(ApplicationProto.UpdateApplicationRequest request) {
        ApplicationProto.Application app = request.getApplication();
        ApplicationProtoMapper.UPDATE_MASK.validate(request.getUpdateMask());
        return service.get(app.getName())
                .flatMap(current -> service.update(app.getName(),
                        ApplicationProtoMapper.UPDATE_MASK.patch(request.getUpdateMask(), app, current),
                        Protos.ifMatch(request.getEtag(), current.etag())))
                .map(view -> ApplicationProto.UpdateApplicationResponse.newBuilder().setApplication(ApplicationProtoMapper.toProto(view))
                        .build());
    }

    @Override
    public Uni<ApplicationProto.DeleteApplicationResponse> deleteApplication(ApplicationProto.DeleteApplicationRequest request) {
        return service.delete(request.getName(), Protos.optional(request.getEtag()))
                .map(ignored -> ApplicationProto.DeleteApplicationResponse.getDefaultInstance());
    }
}
