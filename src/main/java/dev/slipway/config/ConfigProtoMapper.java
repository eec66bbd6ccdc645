package dev.slipway.config;

import java.util.List;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ConfigProto;

/**
 * The one place configuration messages meet the service layer's records. Configuration changes
 * travel as change messages rather than an update mask, so there is no mask table here.
 * Absence follows the REST model: an empty string or an unset message becomes null.
 */
final class ConfigProtoMapper {
    private ConfigProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static ConfigChangeRequest toRequest(List<ConfigProto.ConfigChange> changes, String message) {
        return new ConfigChangeRequest(changes.stream().map(ConfigProtoMapper::toChange).toList(), Protos.optional(message));
    }

    /** Each change's oneof becomes the matching field; an empty oneof reaches the validator as "no action". */
    private static ConfigChange toChange(ConfigProto.ConfigChange change) {
        String name = Protos.optional(change.getName());
        return switch (change.getChangeCase()) {
            case VALUE -> new ConfigChange(name, change.getValue(), null, null, null, null);
            case SECRET -> new ConfigChange(name, null, change.getSecret(), null, null, null);
            case SECRET_REF -> new ConfigChange(name, null, null, new SecretKeyRef(Protos.optional(change.getSecretRef().getName()),
                    Protos.optional(change.getSecretRef().getKey())), null, null);
            case UNSET -> new ConfigChange(name, null, null, null, change.getUnset() ? Boolean.TRUE : null, null);
            case REMOVE -> new ConfigChange(name, null, null, null, null, change.getRemove() ? Boolean.TRUE : null);
            case CHANGE_NOT_SET -> new ConfigChange(name, null, null, null, null, null);
        };
    }

    static RestoreConfigRequest toRestore(long revision, String message) {
        return new RestoreConfigRequest(revision == 0 ? null : revision, Protos.optional(message));
    }

    /** A revision number from a request; 0 is proto3's "unset", which names no revision. */
    static String toRevision(long revision) {
        if (revision < 0) {
            throw SlipwayException.Invalid.field("revision", "must be 1 or more");
        }
        return Long.toString(revision);
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static ConfigProto.ApplicationConfig toProto(ApplicationConfigView view) {
        return ConfigProto.ApplicationConfig.newBuilder()
                .setApplication(view.application())
                .setRevision(view.revision())
                .addAllEntries(view.entries().stream().map(ConfigProtoMapper::toProto).toList())
                .setEtag(view.etag())
                .build();
    }

    static ConfigProto.EnvironmentConfig toProto(EnvironmentConfigView view) {
        return ConfigProto.EnvironmentConfig.newBuilder()
                .setApplication(view.application())
                .setEnvironment(view.environment())
                .setRevision(view.revision())
                .setBaseRevision(view.baseRevision())
                .setEnvironmentRevision(view.environmentRevision())
                .addAllEntries(view.entries().stream().map(ConfigProtoMapper::toProto).toList())
                .addAllRemoved(view.removed())
                .setEtag(view.etag())
                .build();
    }

    static ConfigProto.ConfigEntry toProto(ConfigEntryView view) {
        ConfigProto.ConfigEntry.Builder entry = ConfigProto.ConfigEntry.newBuilder()
                .setName(view.name())
                .setType(ConfigProto.ConfigEntryType.valueOf("CONFIG_ENTRY_TYPE_" + view.type().name()))
                .setValue(Protos.text(view.value()))
                .setRevision(view.revision())
                .setOverridesBase(Boolean.TRUE.equals(view.overridesBase()));
        if (view.secret() != null) {
            entry.setSecret(ConfigProto.SecretState.newBuilder().setSet(view.secret().set()).setVersion(view.secret().version())
                    .setFingerprint(Protos.text(view.secret().fingerprint())));
        }
        if (view.secretRef() != null) {
            entry.setSecretRef(ConfigProto.SecretKeyRef.newBuilder().setName(view.secretRef().name()).setKey(view.secretRef().key()));
        }
        if (view.source() != null) {
            entry.setSource(ConfigProto.ConfigSource.valueOf("CONFIG_SOURCE_" + view.source().name()));
        }
        return entry.build();
    }

    static ConfigProto.ConfigRevision toProto(ConfigRevisionView view) {
        ConfigProto.ConfigRevision.Builder revision = ConfigProto.ConfigRevision.newBuilder()
                .setApplication(view.application())
                .setRevision(view.revision())
                .setEnvironment(Protos.text(view.environment()))
                .setMessage(Protos.text(view.message()))
                .addAllChanges(view.changes().stream().map(ConfigProtoMapper::toProto).toList())
                .setCreatedBy(Protos.text(view.createdBy()))
                .setCreateTime(Protos.timestamp(view.createdAt()));
        if (view.restoredFrom() != null) {
            revision.setRestoredFrom(view.restoredFrom());
        }
        if (view.entries() != null) {
            revision.addAllEntries(view.entries().stream().map(ConfigProtoMapper::toProto).toList());
        }
        return revision.build();
    }

    private static ConfigProto.ConfigRevisionChange toProto(RevisionChange change) {
        ConfigProto.ConfigRevisionChange.Builder proto = ConfigProto.ConfigRevisionChange.newBuilder()
                .setName(change.name())
                .setAction(ConfigProto.ConfigChangeAction.valueOf("CONFIG_CHANGE_ACTION_" + change.action().name()));
        if (change.type() != null) {
            proto.setType(ConfigProto.ConfigEntryType.valueOf("CONFIG_ENTRY_TYPE_" + change.type().name()));
        }
        return proto.build();
    }

    static ConfigProto.ConfigDiff toProto(ConfigDiffView view) {
        return ConfigProto.ConfigDiff.newBuilder()
                .setApplication(view.application())
                .setFrom(view.from())
                .setTo(view.to())
                .setFromRevision(view.fromRevision())
                .setToRevision(view.toRevision())
                .addAllDifferences(view.differences().stream().map(ConfigProtoMapper::toProto).toList())
                .setUnchanged(view.unchanged())
                .build();
    }

    private static ConfigProto.ConfigDifference toProto(ConfigDifference difference) {
        ConfigProto.ConfigDifference.Builder proto = ConfigProto.ConfigDifference.newBuilder()
                .setName(difference.name())
                .setChange(ConfigProto.ConfigDiffChange.valueOf("CONFIG_DIFF_CHANGE_" + difference.change().name()));
        if (difference.from() != null) {
            proto.setFrom(toProto(difference.from()));
        }
        if (difference.to() != null) {
            proto.setTo(toProto(difference.to()));
        }
        return proto.build();
    }

    static ConfigProto.ReencryptSecretsResponse toProto(SecretReencryptionView view) {
        return ConfigProto.ReencryptSecretsResponse.newBuilder()
                .setActiveKey(view.activeKey())
                .setReencrypted(view.reencrypted())
                .putAllValuesByKey(view.valuesByKey())
                .setUnreadable(view.unreadable())
                .build();
    }
}
