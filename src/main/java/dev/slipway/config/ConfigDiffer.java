package dev.slipway.config;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.SlipwayException;
import dev.slipway.application.Application;
import dev.slipway.environment.Environments;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Diffs between configurations named by reference: the base as of a revision, or an environment's
 * effective configuration now or as of a revision. Secrets are compared by value (opened here, in
 * memory) and reported by state only.
 */
@ApplicationScoped
public class ConfigDiffer {
    private static final Pattern BASE_REF = Pattern.compile("^\\d{1,18}$");
    private static final Pattern ENVIRONMENT_REF = Pattern.compile("^([a-z][a-z0-9-]{1,38}[a-z0-9])(?:@(\\d{1,18}))?$");

    private final ConfigRevisionRepository revisions;
    private final Environments environments;
    private final SecretStore secrets;

    public ConfigDiffer(ConfigRevisionRepository revisions, Environments environments, SecretStore secrets) {
        this.revisions = revisions;
        this.environments = environments;
        this.secrets = secrets;
    }

    /** One side of a diff: a configuration and the revision that made it so. */
    private record Side(ConfigMerge.Effective config, long revision) {
    }

    /** Runs in the caller's session, after the caller has been authorized to read the application. */
    Uni<ConfigDiffView> diff(Application app, String from, String to) {
        return revisions.heads(app.id, null).flatMap(heads -> resolve(app, "from", from, heads.application())
                .flatMap(before -> resolve(app, "to", to, heads.application())
                        .flatMap(after -> compare(app, before, after).map(differences -> new ConfigDiffView(app.name, from, to,
                                before.revision(), after.revision(), differences.stream().map(ConfigMapper::toView).toList(),
                                unchanged(before, after, differences))))));
    }

    private Uni<Side> resolve(Application app, String field, String reference, long head) {
        if (BASE_REF.matcher(reference).matches()) {
            long asOf = revision(field, reference, head);
            return revisions.scopeAt(app.id, null, asOf).map(base -> new Side(
                    ConfigMerge.base(base == null ? ConfigSnapshot.EMPTY : base.entries), base == null ? 0 : base.number));
        }
        Matcher environment = ENVIRONMENT_REF.matcher(reference);
        if (!environment.matches()) {
            throw SlipwayException.Invalid.field(field, "must be <revision> (the base), <environment> or <environment>@<revision>");
        }
        long asOf = environment.group(2) == null ? head : revision(field, environment.group(2), head);
        return environments.require(app, environment.group(1))
                .flatMap(env -> revisions.scopeAt(app.id, null, asOf).flatMap(base -> revisions.scopeAt(app.id, env.id, asOf)
                        .map(overrides -> new Side(
                                ConfigMerge.effective(base == null ? ConfigSnapshot.EMPTY : base.entries,
                                        overrides == null ? ConfigSnapshot.EMPTY : overrides.entries),
                                Math.max(base == null ? 0 : base.number, overrides == null ? 0 : overrides.number)))));
    }

    private static long revision(String field, String number, long head) {
        long revision = Long.parseLong(number);
        if (revision > head) {
            throw SlipwayException.Invalid.field(field,
                    "there is no revision " + revision + (head == 0 ? " yet" : "; the latest is " + head));
        }
        return revision;
    }

    /** Opens the secrets whose values decide a difference (same name on both sides, different stored values), then diffs. */
    private Uni<List<ConfigMerge.Difference>> compare(Application app, Side before, Side after) {
        Set<UUID> toOpen = new HashSet<>();
        before.config().entries().forEach((name, entry) -> {
            ConfigMerge.EffectiveEntry other = after.config().entries().get(name);
            if (other != null && bothSecrets(entry.entry(), other.entry()) && !entry.entry().secretId().equals(other.entry().secretId())) {
                toOpen.add(entry.entry().secretId());
                toOpen.add(other.entry().secretId());
            }
        });
        Uni<Map<UUID, byte[]>> opened = toOpen.isEmpty() ? Uni.createFrom().item(Map.of()) : secrets.open(app.id, toOpen);
        return opened.map(values -> ConfigMerge.diff(before.config(), after.config(), (a, b) -> {
            if (bothSecrets(a, b) && !a.secretId().equals(b.secretId())) {
                byte[] left = values.get(a.secretId());
                byte[] right = values.get(b.secretId());
                return left != null && right != null && MessageDigest.isEqual(left, right);
            }
            return a.sameContent(b);
        }));
    }

    private static boolean bothSecrets(StoredEntry a, StoredEntry b) {
        return a.type() == ConfigEntryType.SECRET && b.type() == ConfigEntryType.SECRET;
    }

    private static int unchanged(Side before, Side after, List<ConfigMerge.Difference> differences) {
        Set<String> names = new HashSet<>(before.config().entries().keySet());
        names.retainAll(after.config().entries().keySet());
        long changed = differences.stream().filter(d -> d.change() == DiffChange.CHANGED).count();
        return (int) (names.size() - changed);
    }
}
