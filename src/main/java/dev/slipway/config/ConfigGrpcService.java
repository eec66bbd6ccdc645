package dev.slipway.config;

import dev.slipway.api.grpc.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import dev.slipway.grpc.v1.ConfigProto;

/**
 * gRPC adapter for configuration: translates messages to {@link Configurations} and
 * {@link SecretKeys} calls and back, through {@link ConfigProtos}.
 */
@GrpcService
@Authenticated
public class ConfigGrpcService implements dev.slipway.grpc.v1.ConfigService {
    private final Configurations service;
    private final SecretKeys keys;

    public ConfigGrpcService(Configurations service, SecretKeys keys) {
        this.service = service;
        this.keys = keys;
    }

    @Override
    public Uni<ConfigProto.GetApplicationConfigResponse> getApplicationConfig(ConfigProto.GetApplicationConfigRequest request) {
        return service.getApplicationConfig(request.getApplication())
                .map(view -> ConfigProto.GetApplicationConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.UpdateApplicationConfigResponse> updateApplicationConfig(ConfigProto.UpdateApplicationConfigRequest request) {
        return service.updateApplicationConfig(request.getApplication(), ConfigProtos.toRequest(request.getChangesList(), request.getMessage()),
                        Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.UpdateApplicationConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.RestoreApplicationConfigResponse> restoreApplicationConfig(ConfigProto.RestoreApplicationConfigRequest request) {
        return service.restoreApplicationConfig(request.getApplication(), ConfigProtos.toRestore(request.getRevision(), request.getMessage()),
                        Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.RestoreApplicationConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.GetEnvironmentConfigResponse> getEnvironmentConfig(ConfigProto.GetEnvironmentConfigRequest request) {
        return service.getEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                        request.hasRevision() ? request.getRevision() : null)
                .map(view -> ConfigProto.GetEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.UpdateEnvironmentConfigResponse> updateEnvironmentConfig(ConfigProto.UpdateEnvironmentConfigRequest request) {
        return service.updateEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                        ConfigProtos.toRequest(request.getChangesList(), request.getMessage()), Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.UpdateEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.RestoreEnvironmentConfigResponse> restoreEnvironmentConfig(ConfigProto.RestoreEnvironmentConfigRequest request) {
        return service.restoreEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                        ConfigProtos.toRestore(request.getRevision(), request.getMessage()), Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.RestoreEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.ListConfigRevisionsResponse> listConfigRevisions(ConfigProto.ListConfigRevisionsRequest request) {
        return service.listRevisions(request.getApplication(), Protos.optional(request.getEnvironment()),
                        Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ConfigProto.ListConfigRevisionsResponse.newBuilder()
                        .addAllRevisions(page.items().stream().map(ConfigProtos::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<ConfigProto.GetConfigRevisionResponse> getConfigRevision(ConfigProto.GetConfigRevisionRequest request) {
        return service.getRevision(request.getApplication(), ConfigProtos.revision(request.getRevision()))
                .map(view -> ConfigProto.GetConfigRevisionResponse.newBuilder().setRevision(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.DiffConfigResponse> diffConfig(ConfigProto.DiffConfigRequest request) {
        return service.diff(request.getApplication(), Protos.optional(request.getFrom()), Protos.optional(request.getTo()))
                .map(view -> ConfigProto.DiffConfigResponse.newBuilder().setDiff(ConfigProtos.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.ReencryptSecretsResponse> reencryptSecrets(ConfigProto.ReencryptSecretsRequest request) {
        return keys.reencrypt().map(view -> ConfigProto.ReencryptSecretsResponse.newBuilder()
                .setActiveKey(view.activeKey())
                .setReencrypted(view.reencrypted())
                .putAllValuesByKey(view.valuesByKey())
                .setUnreadable(view.unreadable())
                .build());
    }
}
