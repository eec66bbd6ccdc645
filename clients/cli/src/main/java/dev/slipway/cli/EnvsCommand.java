package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.CreateEnvironmentRequest;
import dev.slipway.client.model.Environment;
import dev.slipway.client.model.EnvironmentPage;
import dev.slipway.client.model.ExtendEnvironmentRequest;
import dev.slipway.client.sdk.Pages;
import dev.slipway.client.sdk.Slipway;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Environments of an application: list, get, create (with a lifetime), clone, extend, delete. */
@Command(name = "envs", description = "Environments: list, get, create, clone, extend, delete.",
        subcommands = { EnvsCommand.ListEnvs.class, EnvsCommand.Get.class, EnvsCommand.Create.class, EnvsCommand.Clone.class,
                EnvsCommand.Extend.class, EnvsCommand.Delete.class })
class EnvsCommand {

    static void print(Output output, Environment env) {
        output.one(env, column("name", Environment::getName), column("application", Environment::getApplication),
                column("type", Environment::getType), column("status", Environment::getStatus), column("cluster", Environment::getCluster),
                column("namespace", Environment::getNamespace), column("current deployment", Environment::getCurrentDeploymentId),
                column("expires", Environment::getExpiresAt), column("cloned from", Environment::getClonedFrom),
                column("labels", Environment::getLabels), column("created", Environment::getCreatedAt));
    }

    @Command(name = "list", description = "List an application's environments.")
    static class ListEnvs extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Option(names = { "-l", "--selector" }, paramLabel = "k=v,...")
        String selector;

        @Override
        int run() {
            var api = slipway().environments();
            var envs = Pages.stream(token -> api.listEnvironments(app, null, selector, 100, token), EnvironmentPage::getItems,
                    EnvironmentPage::getNextPageToken).toList();
            output().list(envs, column("name", Environment::getName), column("type", Environment::getType),
                    column("status", Environment::getStatus), column("cluster", Environment::getCluster),
                    column("expires", Environment::getExpiresAt));
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", description = "Show an environment.")
    static class Get extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Parameters(paramLabel = "ENV")
        String env;

        @Override
        int run() throws ApiException {
            print(output(), slipway().environments().getEnvironment(app, env));
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = "Create an environment; --ttl gives it a lifetime (previews).")
    static class Create extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Parameters(paramLabel = "ENV")
        String env;

        @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Environment type (development, staging, production, ...).")
        String type;

        @Option(names = "--ttl", paramLabel = "DURATION", description = "Lifetime as a Go duration (72h, 30m); torn down after it.")
        String ttl;

        @Option(names = "--cluster", paramLabel = "CLUSTER")
        String cluster;

        @Option(names = "--namespace", paramLabel = "NAMESPACE")
        String namespace;

        @Option(names = "--label", paramLabel = "KEY=VALUE")
        Map<String, String> labels;

        @Option(names = "--clone-from", paramLabel = "ENV", description = "Copy this environment's overrides and current deployment.")
        String cloneFrom;

        @Override
        int run() throws ApiException {
            print(output(), slipway().environments().createEnvironment(app, new CreateEnvironmentRequest().name(env).type(type).ttl(ttl)
                    .cluster(cluster).namespace(namespace).labels(labels).cloneFrom(cloneFrom), null));
            return ExitCodes.OK;
        }
    }

    @Command(name = "clone", description = "Create an environment as a clone of another (its overrides and current deployment).")
    static class Clone extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Parameters(index = "0", paramLabel = "FROM")
        String from;

        @Parameters(index = "1", paramLabel = "NEW")
        String name;

        @Option(names = "--type", paramLabel = "TYPE", description = "Type of the new environment (default: the source's).")
        String type;

        @Option(names = "--ttl", paramLabel = "DURATION")
        String ttl;

        @Override
        int run() throws ApiException {
            Slipway slipway = slipway();
            String newType = type != null ? type : slipway.environments().getEnvironment(app, from).getType();
            print(output(), slipway.environments().createEnvironment(app,
                    new CreateEnvironmentRequest().name(name).type(newType).ttl(ttl).cloneFrom(from), null));
            return ExitCodes.OK;
        }
    }

    @Command(name = "extend", description = "Set an environment to expire TTL from now.")
    static class Extend extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Parameters(paramLabel = "ENV")
        String env;

        @Option(names = "--ttl", required = true, paramLabel = "DURATION")
        String ttl;

        @Override
        int run() throws ApiException {
            print(output(), slipway().environments().extendEnvironment(app, env, new ExtendEnvironmentRequest().ttl(ttl)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete an environment (its workload and resources are torn down).")
    static class Delete extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Parameters(paramLabel = "ENV")
        String env;

        @Override
        int run() throws ApiException {
            Slipway slipway = slipway();
            Environment current = slipway.environments().getEnvironment(app, env);
            Environment deleting = slipway.environments().deleteEnvironment(app, env, Slipway.ifMatch(current));
            if (deleting != null && output().format() != Output.Format.table) {
                output().document(deleting);
            } else {
                output().message(deleting == null ? "Deleted environment " + env : "Deleting environment " + env + " (" + deleting.getStatus() + ")");
            }
            return ExitCodes.OK;
        }
    }
}
