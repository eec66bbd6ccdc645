package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.ConfigChange;
import dev.slipway.client.model.ConfigChangeRequest;
import dev.slipway.client.model.ConfigDiff;
import dev.slipway.client.model.ConfigDifference;
import dev.slipway.client.model.ConfigEntry;
import dev.slipway.client.model.ConfigRevision;
import dev.slipway.client.model.ConfigRevisionPage;
import dev.slipway.client.model.RestoreConfigRequest;
import dev.slipway.client.sdk.Pages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Configuration: the application's base and each environment's overrides. Without --env a
 * command works on the base; with it, on that environment.
 */
@Command(name = "config", description = "Configuration: get, set, unset, remove, secret, history, diff, restore.",
        subcommands = { ConfigCommand.Get.class, ConfigCommand.Set.class, ConfigCommand.Unset.class, ConfigCommand.Remove.class,
                ConfigCommand.Secret.class, ConfigCommand.History.class, ConfigCommand.Diff.class, ConfigCommand.Restore.class })
class ConfigCommand {

    /** The application, and optionally the environment, a config command works on. */
    abstract static class Scoped extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Option(names = { "-e", "--env" }, paramLabel = "ENV", description = "The environment's overrides (default: the application's base).")
        String env;

        @Option(names = { "-m", "--message" }, paramLabel = "TEXT", description = "Why (kept in the revision).")
        String message;

        /** Sends the changes as one new revision and prints the resulting configuration. */
        int change(List<ConfigChange> changes) throws ApiException {
            ConfigChangeRequest request = new ConfigChangeRequest().changes(changes).message(message);
            if (env == null) {
                var config = slipway().configuration().updateApplicationConfig(app, request, null);
                printEntries(output(), config, config.getEntries(), config.getRevision());
            } else {
                var config = slipway().configuration().updateEnvironmentConfig(app, env, request, null);
                printEntries(output(), config, config.getEntries(), config.getRevision());
            }
            return ExitCodes.OK;
        }
    }

    static void printEntries(Output output, Object document, List<ConfigEntry> entries, Long revision) {
        if (output.format() != Output.Format.table) {
            output.document(document);
            return;
        }
        output.list(entries == null ? List.of() : entries, column("name", ConfigEntry::getName), column("type", ConfigEntry::getType),
                column("value", ConfigCommand::shown), column("source", ConfigEntry::getSource), column("revision", ConfigEntry::getRevision));
        output.message("(revision " + revision + ")");
    }

    /** Secrets are never returned: show their state only. */
    static String shown(ConfigEntry entry) {
        if (entry.getSecret() != null) {
            return Boolean.TRUE.equals(entry.getSecret().getSet()) ? "(secret, version " + entry.getSecret().getVersion() + ")" : "(secret, unset)";
        }
        if (entry.getSecretRef() != null) {
            return "(secret ref " + entry.getSecretRef() + ")";
        }
        return entry.getValue();
    }

    @Command(name = "get", description = "Show the configuration (an environment's: effective, with where each entry comes from).")
    static class Get extends Scoped {
        @Option(names = "--revision", paramLabel = "N", description = "As of this revision (environments only).")
        Integer revision;

        @Override
        int run() throws ApiException {
            if (env == null) {
                var config = slipway().configuration().getApplicationConfig(app);
                printEntries(output(), config, config.getEntries(), config.getRevision());
            } else {
                var config = slipway().configuration().getEnvironmentConfig(app, env, revision);
                printEntries(output(), config, config.getEntries(), config.getRevision());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", description = "Set variables: NAME=VALUE ... (one revision).")
    static class Set extends Scoped {
        @Parameters(paramLabel = "NAME=VALUE", arity = "1..*")
        List<String> assignments;

        @Override
        int run() throws ApiException {
            List<ConfigChange> changes = new ArrayList<>();
            for (String assignment : assignments) {
                int equals = assignment.indexOf('=');
                if (equals <= 0) {
                    throw new CliFailure(ExitCodes.USAGE, "expected NAME=VALUE, got " + assignment);
                }
                changes.add(new ConfigChange().name(assignment.substring(0, equals)).value(assignment.substring(equals + 1)));
            }
            return change(changes);
        }
    }

    @Command(name = "unset", description = "Drop entries of this scope (in an environment, the base entry applies again).")
    static class Unset extends Scoped {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        @Override
        int run() throws ApiException {
            return change(names.stream().map(n -> new ConfigChange().name(n).unset(true)).collect(Collectors.toList()));
        }
    }

    @Command(name = "remove", description = "Hide base entries in an environment (needs --env).")
    static class Remove extends Scoped {
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        @Override
        int run() throws ApiException {
            if (env == null) {
                throw new CliFailure(ExitCodes.USAGE, "config remove needs --env (the base has nothing to hide)");
            }
            return change(names.stream().map(n -> new ConfigChange().name(n).remove(true)).collect(Collectors.toList()));
        }
    }

    @Command(name = "secret", description = "Set a secret, its value read from standard input (never from the command line).")
    static class Secret extends Scoped {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run() throws ApiException {
            String value;
            try {
                value = new String(root().in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.ERROR, "cannot read the secret from standard input: " + e.getMessage());
            }
            // A value piped by echo ends with a newline that is not part of the secret.
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                throw new CliFailure(ExitCodes.USAGE, "the secret on standard input is empty");
            }
            return change(List.of(new ConfigChange().name(name).secret(value)));
        }
    }

    @Command(name = "history", description = "The configuration's revisions, newest first.")
    static class History extends Scoped {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50")
        int limit;

        @Override
        int run() {
            var api = slipway().configuration();
            var revisions = Pages.stream(token -> api.listConfigRevisions(app, env, Math.min(limit, 100), token), ConfigRevisionPage::getItems,
                    ConfigRevisionPage::getNextPageToken).limit(limit).toList();
            output().list(revisions, column("revision", ConfigRevision::getRevision), column("environment", ConfigRevision::getEnvironment),
                    column("changes", r -> r.getChanges() == null ? "" : r.getChanges().stream()
                            .map(c -> c.getAction() + " " + c.getName()).collect(Collectors.joining(", "))),
                    column("by", ConfigRevision::getCreatedBy), column("at", ConfigRevision::getCreatedAt), column("message", ConfigRevision::getMessage));
            return ExitCodes.OK;
        }
    }

    @Command(name = "diff", description = "What changes from one configuration to another: <n>, <env> or <env>@<n> each.")
    static class Diff extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Option(names = "--from", required = true, paramLabel = "FROM")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TO")
        String to;

        @Override
        int run() throws ApiException {
            ConfigDiff diff = slipway().configuration().diffConfig(app, from, to);
            if (output().format() != Output.Format.table) {
                output().document(diff);
                return ExitCodes.OK;
            }
            output().list(diff.getDifferences(), column("name", ConfigDifference::getName),
                    column("change", d -> d.getChange() == null ? "" : d.getChange().getValue()),
                    column("from", d -> d.getFrom() == null ? "" : shown(d.getFrom())), column("to", d -> d.getTo() == null ? "" : shown(d.getTo())));
            output().message("(" + diff.getUnchanged() + " unchanged)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Make a new revision with the entries of an earlier one.")
    static class Restore extends Scoped {
        @Option(names = "--revision", required = true, paramLabel = "N")
        long revision;

        @Override
        int run() throws ApiException {
            RestoreConfigRequest request = new RestoreConfigRequest().revision(revision).message(message);
            if (env == null) {
                var config = slipway().configuration().restoreApplicationConfig(app, request, null);
                printEntries(output(), config, config.getEntries(), config.getRevision());
            } else {
                var config = slipway().configuration().restoreEnvironmentConfig(app, env, request, null);
                printEntries(output(), config, config.getEntries(), config.getRevision());
            }
            return ExitCodes.OK;
        }
    }
}
