package dev.slipway.config;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ConfigProto;
import dev.slipway.grpc.v1.ConfigService;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * gRPC adapter for configuration: translates messages to {@link Configurations} and
 * {@link SecretKeys} calls and back, through {@link ConfigProtoMapper}.
 */
@GrpcService
@Authenticated
public class ConfigGrpcService implements ConfigService {
    private final Configurations service;
    private final SecretKeys keys;

    public ConfigGrpcService(Configurations service, SecretKeys keys) {
        this.service = service;
        this.keys = keys;
    }

    @Override
    public Uni<ConfigProto.GetApplicationConfigResponse> getApplicationConfig(ConfigProto.GetApplicationConfigRequest request) {
        return service.getApplicationConfig(request.getApplication())
                .map(view -> ConfigProto.GetApplicationConfigResponse.newBuilder().setConfig(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.UpdateApplicationConfigResponse> updateApplicationConfig(ConfigProto.UpdateApplicationConfigRequest request) {
        return service
                .updateApplicationConfig(request.getApplication(),
                        ConfigProtoMapper.toRequest(request.getChangesList(), request.getMessage()),
                        Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.UpdateApplicationConfigResponse.newBuilder().setConfig(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.RestoreApplicationConfigResponse> restoreApplicationConfig(ConfigProto.RestoreApplicationConfigRequest request) {
        return service
                .restoreApplicationConfig(request.getApplication(),
                        ConfigProtoMapper.toRestore(request.getRevision(), request.getMessage()),
                        Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.RestoreApplicationConfigResponse.newBuilder().setConfig(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.GetEnvironmentConfigResponse> getEnvironmentConfig(ConfigProto.GetEnvironmentConfigRequest request) {
        return service.getEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                request.hasRevision() ? request.getRevision() : null)
                .map(view -> ConfigProto.GetEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.UpdateEnvironmentConfigResponse> updateEnvironmentConfig(ConfigProto.UpdateEnvironmentConfigRequest request) {
        return service.updateEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                ConfigProtoMapper.toRequest(request.getChangesList(), request.getMessage()), Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.UpdateEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.RestoreEnvironmentConfigResponse> restoreEnvironmentConfig(ConfigProto.RestoreEnvironmentConfigRequest request) {
        return service.restoreEnvironmentConfig(request.getApplication(), request.getEnvironment(),
                ConfigProtoMapper.toRestore(request.getRevision(), request.getMessage()), Protos.optional(request.getEtag()))
                .map(view -> ConfigProto.RestoreEnvironmentConfigResponse.newBuilder().setConfig(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.ListConfigRevisionsResponse> listConfigRevisions(ConfigProto.ListConfigRevisionsRequest request) {
        return service.listRevisions(request.getApplication(), Protos.optional(request.getEnvironment()),
                Protos.pageSize(request.getPageSize()), Protos.optional(request.getPageToken()))
                .map(page -> ConfigProto.ListConfigRevisionsResponse.newBuilder()
                        .addAllRevisions(page.items().stream().map(ConfigProtoMapper::toProto).toList())
                        .setNextPageToken(Protos.text(page.nextPageToken()))
                        .build());
    }

    @Override
    public Uni<ConfigProto.GetConfigRevisionResponse> getConfigRevision(ConfigProto.GetConfigRevisionRequest request) {
        return service.getRevision(request.getApplication(), ConfigProtoMapper.toRevision(request.getRevision()))
                .map(view -> ConfigProto.GetConfigRevisionResponse.newBuilder().setRevision(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.DiffConfigResponse> diffConfig(ConfigProto.DiffConfigRequest request) {
        return service.diff(request.getApplication(), Protos.optional(request.getFrom()), Protos.optional(request.getTo()))
                .map(view -> ConfigProto.DiffConfigResponse.newBuilder().setDiff(ConfigProtoMapper.toProto(view)).build());
    }

    @Override
    public Uni<ConfigProto.ReencryptSecretsResponse> reencryptSecrets(ConfigProto.ReencryptSecretsRequest request) {
        return keys.reencrypt().map(ConfigProtoMapper::toProto);
    }
}
