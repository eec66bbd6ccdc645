package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.model.EnvironmentResource;
import dev.slipway.client.model.EnvironmentResourcePage;
import dev.slipway.client.sdk.Pages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The resources (databases, caches, ...) provisioned for an environment. */
@Command(name = "resources", description = "The resources provisioned for an environment, with their outputs (secrets by name only).")
class ResourcesCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    @Override
    int run() {
        var api = slipway().infrastructure();
        var items = Pages.stream(token -> api.listEnvironmentResources(app, env, 100, token), EnvironmentResourcePage::getItems,
                EnvironmentResourcePage::getNextPageToken).toList();
        output().list(items, column("name", EnvironmentResource::getName), column("type", EnvironmentResource::getType),
                column("class", EnvironmentResource::getPropertyClass), column("status", EnvironmentResource::getStatus),
                column("definition", EnvironmentResource::getDefinition), column("outputs", EnvironmentResource::getOutputs),
                column("secret outputs", EnvironmentResource::getSecretOutputs));
        return ExitCodes.OK;
    }
}
