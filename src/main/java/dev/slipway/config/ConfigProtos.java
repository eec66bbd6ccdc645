package dev.slipway.config;

import java.util.List;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.ApplicationConfig;
import dev.slipway.grpc.v1.ConfigChangeAction;
import dev.slipway.grpc.v1.ConfigDiff;
import dev.slipway.grpc.v1.ConfigDiffChange;
import dev.slipway.grpc.v1.ConfigEntry;
import dev.slipway.grpc.v1.ConfigRevisionChange;
import dev.slipway.grpc.v1.EnvironmentConfig;
import dev.slipway.grpc.v1.SecretState;

/**
 * The one place configuration messages meet the service layer's records. Proto types whose
 * simple names collide with the domain's (ConfigChange, ConfigRevision, SecretKeyRef, ...) are
 * written qualified; unqualified names are the domain's. Absence follows the REST model: an
 * empty string or an unset message becomes null.
 */
final class ConfigProtos {
    private ConfigProtos() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static ConfigChangeRequest toRequest(List<dev.slipway.grpc.v1.ConfigChange> changes, String message) {
        return new ConfigChangeRequest(changes.stream().map(ConfigProtos::toChange).toList(), Protos.optional(message));
    }

    /** Each change's oneof becomes the matching field; an empty oneof reaches the validator as "no action". */
    private static ConfigChange toChange(dev.slipway.grpc.v1.ConfigChange change) {
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

    // --- Results: records -> proto ----------------------------------------------------------------

    static ApplicationConfig toProto(ApplicationConfigView view) {
        return ApplicationConfig.newBuilder()
                .setApplication(view.application())
                .setRevision(view.revision())
                .addAllEntries(view.entries().stream().map(ConfigProtos::toProto).toList())
                .setEtag(view.etag())
                .build();
    }

    static EnvironmentConfig toProto(EnvironmentConfigView view) {
        return EnvironmentConfig.newBuilder()
                .setApplication(view.application())
                .setEnvironment(view.environment())
                .setRevision(view.revision())
                .setBaseRevision(view.baseRevision())
                .setEnvironmentRevision(view.environmentRevision())
                .addAllEntries(view.entries().stream().map(ConfigProtos::toProto).toList())
                .addAllRemoved(view.removed())
                .setEtag(view.etag())
                .build();
    }

    static ConfigEntry toProto(ConfigEntryView view) {
        ConfigEntry.Builder entry = ConfigEntry.newBuilder()
                .setName(view.name())
                .setType(dev.slipway.grpc.v1.ConfigEntryType.valueOf("CONFIG_ENTRY_TYPE_" + view.type().name()))
                .setValue(Protos.text(view.value()))
                .setRevision(view.revision())
                .setOverridesBase(Boolean.TRUE.equals(view.overridesBase()));
        if (view.secret() != null) {
            entry.setSecret(SecretState.newBuilder().setSet(view.secret().set()).setVersion(view.secret().version())
                    .setFingerprint(Protos.text(view.secret().fingerprint())));
        }
        if (view.secretRef() != null) {
            entry.setSecretRef(dev.slipway.grpc.v1.SecretKeyRef.newBuilder().setName(view.secretRef().name()).setKey(view.secretRef().key()));
        }
        if (view.source() != null) {
            entry.setSource(dev.slipway.grpc.v1.ConfigSource.valueOf("CONFIG_SOURCE_" + view.source().name()));
        }
        return entry.build();
    }

    static dev.slipway.grpc.v1.ConfigRevision toProto(ConfigRevisionView view) {
        dev.slipway.grpc.v1.ConfigRevision.Builder revision = dev.slipway.grpc.v1.ConfigRevision.newBuilder()
                .setApplication(view.application())
                .setRevision(view.revision())
                .setEnvironment(Protos.text(view.environment()))
                .setMessage(Protos.text(view.message()))
                .addAllChanges(view.changes().stream().map(ConfigProtos::toProto).toList())
                .setCreatedBy(Protos.text(view.createdBy()))
                .setCreateTime(Protos.timestamp(view.createdAt()));
        if (view.restoredFrom() != null) {
            revision.setRestoredFrom(view.restoredFrom());
        }
        if (view.entries() != null) {
            revision.addAllEntries(view.entries().stream().map(ConfigProtos::toProto).toList());
        }
        return revision.build();
    }

    private static ConfigRevisionChange toProto(RevisionChange change) {
        ConfigRevisionChange.Builder proto = ConfigRevisionChange.newBuilder()
                .setName(change.name())
                .setAction(ConfigChangeAction.valueOf("CONFIG_CHANGE_ACTION_" + change.action().name()));
        if (change.type() != null) {
            proto.setType(dev.slipway.grpc.v1.ConfigEntryType.valueOf("CONFIG_ENTRY_TYPE_" + change.type().name()));
        }
        return proto.build();
    }

    static ConfigDiff toProto(ConfigDiffView view) {
        return ConfigDiff.newBuilder()
                .setApplication(view.application())
                .setFrom(view.from())
                .setTo(view.to())
                .setFromRevision(view.fromRevision())
                .setToRevision(view.toRevision())
                .addAllDifferences(view.differences().stream().map(ConfigProtos::toProto).toList())
                .setUnchanged(view.unchanged())
                .build();
    }

    private static dev.slipway.grpc.v1.ConfigDifference toProto(ConfigDifference difference) {
        dev.slipway.grpc.v1.ConfigDifference.Builder proto = dev.slipway.grpc.v1.ConfigDifference.newBuilder()
                .setName(difference.name())
                .setChange(ConfigDiffChange.valueOf("CONFIG_DIFF_CHANGE_" + difference.change().name()));
        if (difference.from() != null) {
            proto.setFrom(toProto(difference.from()));
        }
        if (difference.to() != null) {
            proto.setTo(toProto(difference.to()));
        }
        return proto.build();
    }

    /** A revision number from a request; 0 is proto3's "unset", which names no revision. */
    static String revision(long revision) {
        if (revision < 0) {
            throw SlipwayException.Invalid.field("revision", "must be 1 or more");
        }
        return Long.toString(revision);
    }
}
