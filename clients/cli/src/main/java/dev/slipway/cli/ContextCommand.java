package dev.slipway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Named servers (each with its issuer and login), and which one commands use. */
@Command(name = "context", description = "Named servers: add, use, list, delete.",
        subcommands = { ContextCommand.Add.class, ContextCommand.Use.class, ContextCommand.ListContexts.class, ContextCommand.Delete.class })
class ContextCommand {

    @Command(name = "add", description = "Add (or change) a context.")
    static class Add extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--client-id", paramLabel = "ID", description = "OIDC client for slipway login (default slipway-cli).")
        String clientId;

        @Option(names = "--use", description = "Make it the current context.")
        boolean use;

        @Override
        int run() {
            SlipwayCli root = root();
            if (root.server == null) {
                throw new CliFailure(ExitCodes.USAGE, "context add needs --server");
            }
            CliSettings.Contexts contexts = root.settings.contexts();
            contexts.contexts.put(name, new CliSettings.Context(root.server, root.issuer, clientId));
            if (use || contexts.current == null) {
                contexts.current = name;
            }
            root.settings.save(contexts);
            output().message("Context " + name + " -> " + root.server + (name.equals(contexts.current) ? " (current)" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "use", description = "Make a context the current one.")
    static class Use extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run() {
            CliSettings.Contexts contexts = root().settings.contexts();
            if (!contexts.contexts.containsKey(name)) {
                throw new CliFailure(ExitCodes.USAGE, "no context " + name + " (slipway context list)");
            }
            contexts.current = name;
            root().settings.save(contexts);
            output().message("Using context " + name);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the contexts.")
    static class ListContexts extends BaseCommand {
        record Row(String name, boolean current, String server, String issuer, String clientId, boolean loggedIn) {
        }

        @Override
        int run() {
            CliSettings.Contexts contexts = root().settings.contexts();
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, CliSettings.Context> e : contexts.contexts.entrySet()) {
                rows.add(new Row(e.getKey(), e.getKey().equals(contexts.current), e.getValue().server(), e.getValue().issuer(),
                        e.getValue().clientIdOrDefault(), root().settings.tokens(e.getKey()) != null));
            }
            output().list(rows, Output.column("current", r -> r.current() ? "*" : ""), Output.column("name", Row::name),
                    Output.column("server", Row::server), Output.column("issuer", Row::issuer), Output.column("logged in", r -> r.loggedIn() ? "yes" : "no"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a context and its cached login.")
    static class Delete extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run() {
            CliSettings.Contexts contexts = root().settings.contexts();
            if (contexts.contexts.remove(name) == null) {
                throw new CliFailure(ExitCodes.USAGE, "no context " + name);
            }
            if (name.equals(contexts.current)) {
                contexts.current = null;
            }
            root().settings.save(contexts);
            root().settings.saveTokens(name, null);
            output().message("Deleted context " + name);
            return ExitCodes.OK;
        }
    }
}
