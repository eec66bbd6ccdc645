package dev.slipway.config;

import java.util.List;

import dev.slipway.api.ETags;

/** The one place stored configuration becomes its API model; secrets leave as their state only. */
final class ConfigMapper {
    private ConfigMapper() {
    }

    static ConfigEntryView toView(StoredEntry entry) {
        return toView(entry, null, null);
    }

    static ConfigEntryView toView(ConfigMerge.EffectiveEntry effective) {
        return toView(effective.entry(), effective.source(), effective.overridesBase());
    }

    private static ConfigEntryView toView(StoredEntry entry, ConfigOrigin source, Boolean overridesBase) {
        return new ConfigEntryView(entry.name(), entry.type(),
                entry.type() == ConfigEntryType.VARIABLE ? entry.value() : null,
                entry.type() == ConfigEntryType.SECRET ? new SecretState(true, entry.secretVersion(), entry.fingerprint()) : null,
                entry.type() == ConfigEntryType.SECRET_REF ? new SecretKeyRef(entry.refName(), entry.refKey()) : null,
                entry.revision(), source, overridesBase);
    }

    static ApplicationConfigView toApplicationView(String application, long revision, ConfigSnapshot base) {
        return new ApplicationConfigView(application, revision, base.entries().stream().map(ConfigMapper::toView).toList(),
                ETags.of(revision));
    }

    static EnvironmentConfigView toEnvironmentView(String application, String environment, long baseRevision, long environmentRevision,
            ConfigMerge.Effective effective) {
        long revision = Math.max(baseRevision, environmentRevision);
        return new EnvironmentConfigView(application, environment, revision, baseRevision, environmentRevision,
                effective.entries().values().stream().map(ConfigMapper::toView).toList(), effective.removed(), ETags.of(revision));
    }

    static ConfigRevisionView toRevisionView(String application, ConfigRevision revision, boolean withEntries) {
        List<ConfigEntryView> entries = withEntries ? revision.entries.entries().stream().map(ConfigMapper::toView).toList() : null;
        return new ConfigRevisionView(application, revision.number, revision.environment, revision.message, revision.restoredFrom,
                revision.changes.changes(), entries, revision.createdBy, revision.createdAt);
    }

    static ConfigDifference toView(ConfigMerge.Difference difference) {
        return new ConfigDifference(difference.name(), difference.change(),
                difference.from() == null ? null : toView(difference.from()),
                difference.to() == null ? null : toView(difference.to()));
    }
}
