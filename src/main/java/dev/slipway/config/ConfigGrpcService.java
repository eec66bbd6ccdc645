package dev.slipway.config;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.DiffConfigRequest;
import dev.slipway.grpc.v1.DiffConfigResponse;
import dev.slipway.grpc.v1.GetApplicationConfigRequest;
import dev.slipway.grpc.v1.GetApplicationConfigResponse;
import dev.slipway.grpc.v1.GetConfigRevisionRequest;
import dev.slipway.grpc.v1.GetConfigRevisionResponse;
import dev.slipway.grpc.v1.GetEnvironmentConfigRequest;
import dev.slipway.grpc.v1.GetEnvironmentConfigResponse;
import dev.slipway.grpc.v1.ListConfigRevisionsRequest;
import dev.slipway.grpc.v1.ListConfigRevisionsResponse;
import dev.slipway.grpc.v1.ReencryptSecretsRequest;
import dev.slipway.grpc.v1.ReencryptSecretsResponse;
import dev.slipway.grpc.v1.RestoreApplicationConfigRequest;
import dev.slipway.grpc.v1.RestoreApplicationConfigResponse;
import dev.slipway.grpc.v1.RestoreEnvironmentConfigRequest;
import dev.slipway.grpc.v1.RestoreEnvironmentConfigResponse;
import dev.slipway.grpc.v1.UpdateApplicationConfigRequest;
import dev.slipway.grpc.v1.UpdateApplicationConfigResponse;
import dev.slipway.grpc.v1.UpdateEnvironmentConfigRequest;
import dev.slipway.grpc.v1.UpdateEnvironmentConfigResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter for configuration: translates messages to {@link ConfigService} and
 * {@link SecretKeyService} calls and back, through {@link ConfigProtos}.
 */
@GrpcService
@Authenticated
public class ConfigGrpcService implements dev.slipway.grpc.v1.ConfigService {
    private final ConfigService service;
    private final SecretKeyService keys;

    public ConfigGrpcService(ConfigService service, SecretKeyService keys) {
        this.service = service;
        this.keys = keys;
    }

    @Override
    public Uni<GetApplicationConfigResponse> getApplicationConfig(GetApplicationConfigRequest request) {
        return service.getApplicationConfig(request.getApplication())
                .map(view -> GetApplicationConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<UpdateApplicationConfigResponse> updateApplicationConfig(UpdateApplicationConfigRequest request) {
        return service.updateApplicationConfig(request.getApplication(), ConfigProtos.toRequest(request.getChangesList(), request.getMessage()),
                        Protos.optional(request.getEtag()))
                .map(view -> UpdateApplicationConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<RestoreApplicationConfigResponse> restoreApplicationConfig(RestoreApplicationConfigRequest request) {
        return service.restoreApplicationConfig(request.getApplication(), ConfigProtos.toRestore(request.getRevision(), request.getMessage()),
                        Protos.optional(request.getEtag()))
                .map(view -> RestoreApplicationConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<GetEnvironmentConfigResponse> getEnvironmentConfig(GetEnvironmentConfigRequest request) {
        return service.getEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                        request.hasRevision() ? request.getRevision() : null)
                .map(view -> GetEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<UpdateEnvironmentConfigResponse> updateEnvironmentConfig(UpdateEnvironmentConfigRequest request) {
        return service.updateEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                        ConfigProtos.toRequest(request.getChangesList(), request.getMessage()), Protos.optional(request.getEtag()))
                .map(view -> UpdateEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<RestoreEnvironmentConfigResponse> restoreEnvironmentConfig(RestoreEnvironmentConfigRequest request) {
        return service.restoreEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                        ConfigProtos.toRestore(request.getRevision(), request.getMessage()), Protos.optional(request.getEtag()))
                .map(view -> RestoreEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ListConfigRevisionsResponse> listConfigRevisions(ListConfigRevisionsRequest request) {
        return service.listRevisions(request.getApplication(), Protos.optional(request.getEnvironment()),
                        Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ListConfigRevisionsResponse.newBuilder()
                        .addAllRevisions(page.items().stream().map(ConfigProtos::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<GetConfigRevisionResponse> getConfigRevision(GetConfigRevisionRequest request) {
        return service.getRevision(request.getApplication(), ConfigProtos.revision(request.getRevision()))
                .map(view -> GetConfigRevisionResponse.newBuilder().setRevision(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<DiffConfigResponse> diffConfig(DiffConfigRequest request) {
        return service.diff(request.getApplication(), Protos.optional(request.getFrom()), Protos.optional(request.getTo()))
                .map(view -> DiffConfigResponse.newBuilder().setDiff(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ReencryptSecretsResponse> reencryptSecrets(ReencryptSecretsRequest request) {
        return keys.reencrypt().map(view -> ReencryptSecretsResponse.newBuilder()
                .setActiveKey(view.activeKey())
                .setReencrypted(view.reencrypted())
                .putAllValuesByKey(view.valuesByKey())
                .setUnreadable(view.unreadable())
                .build());
    }
}
