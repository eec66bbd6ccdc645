package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.ActiveFreeze;
import dev.slipway.client.model.Freeze;
import dev.slipway.client.model.FreezePage;
import dev.slipway.client.model.FreezeScope;
import dev.slipway.client.model.FreezeScopeKind;
import dev.slipway.client.model.FreezeSpec;
import dev.slipway.client.sdk.Pages;
import dev.slipway.client.sdk.Slipway;
import java.time.OffsetDateTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Deployment freezes: create, list, active, delete. */
@Command(name = "freeze", description = "Deployment freezes: create, list, active, delete.",
        subcommands = { FreezeCommand.Create.class, FreezeCommand.ListFreezes.class, FreezeCommand.Active.class, FreezeCommand.Delete.class })
class FreezeCommand {

    static String scope(Freeze f) {
        FreezeScope s = f.getScope();
        if (s == null) {
            return "";
        }
        return s.getKind() + (s.getApplication() == null ? "" : " " + s.getApplication())
                + (s.getEnvironment() == null ? "" : "/" + s.getEnvironment())
                + (s.getEnvironmentType() == null ? "" : " type " + s.getEnvironmentType());
    }

    @Command(name = "create", description = "Freeze deployments of an environment, an environment type, or the platform.")
    static class Create extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Option(names = { "-a", "--app" }, paramLabel = "APP")
        String app;

        @Option(names = { "-e", "--env" }, paramLabel = "ENV", description = "With --app: freeze this environment.")
        String env;

        @Option(names = "--env-type", paramLabel = "TYPE", description = "Freeze every environment of this type.")
        String envType;

        @Option(names = "--start", paramLabel = "TIME", description = "ISO-8601 start (default now).")
        OffsetDateTime start;

        @Option(names = "--end", paramLabel = "TIME", description = "ISO-8601 end (default: until deleted).")
        OffsetDateTime end;

        @Override
        int run() throws ApiException {
            FreezeScope scope;
            if (envType != null) {
                scope = new FreezeScope().kind(FreezeScopeKind.ENVIRONMENT_TYPE).environmentType(envType).application(app);
            } else if (app != null && env != null) {
                scope = new FreezeScope().kind(FreezeScopeKind.ENVIRONMENT).application(app).environment(env);
            } else if (app == null && env == null) {
                scope = new FreezeScope().kind(FreezeScopeKind.PLATFORM);
            } else {
                throw new CliFailure(ExitCodes.USAGE, "give --app and --env, or --env-type, or neither (the whole platform)");
            }
            Freeze freeze = slipway().freezes().createFreeze(new FreezeSpec().name(name).reason(reason).scope(scope).start(start).end(end), null);
            output().one(freeze, column("name", Freeze::getName), column("scope", FreezeCommand::scope), column("active", Freeze::getActive),
                    column("start", Freeze::getStart), column("end", Freeze::getEnd), column("reason", Freeze::getReason));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List freezes.")
    static class ListFreezes extends BaseCommand {
        @Option(names = { "-a", "--app" }, paramLabel = "APP")
        String app;

        @Override
        int run() {
            var api = slipway().freezes();
            var items = Pages.stream(token -> api.listFreezes(app, 100, token), FreezePage::getItems, FreezePage::getNextPageToken).toList();
            output().list(items, column("name", Freeze::getName), column("scope", FreezeCommand::scope), column("active", Freeze::getActive),
                    column("start", Freeze::getStart), column("end", Freeze::getEnd), column("reason", Freeze::getReason));
            return ExitCodes.OK;
        }
    }

    @Command(name = "active", description = "The freezes in force on an environment now.")
    static class Active extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
        String env;

        @Override
        int run() throws ApiException {
            var check = slipway().freezes().getActiveFreezes(app, env);
            if (output().format() != Output.Format.table) {
                output().document(check);
                return ExitCodes.OK;
            }
            output().message(Boolean.TRUE.equals(check.getBlocked()) ? "Deployments to " + app + "/" + env + " are frozen:"
                    : "No freeze in force on " + app + "/" + env);
            if (check.getFreezes() != null && !check.getFreezes().isEmpty()) {
                output().list(check.getFreezes(), column("name", ActiveFreeze::getName), column("scope", ActiveFreeze::getScope),
                        column("ends", ActiveFreeze::getEndsAt), column("reason", ActiveFreeze::getReason));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a freeze.")
    static class Delete extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run() throws ApiException {
            Slipway slipway = slipway();
            slipway.freezes().deleteFreeze(name, Slipway.ifMatch(slipway.freezes().getFreeze(name)));
            output().message("Deleted freeze " + name);
            return ExitCodes.OK;
        }
    }
}
