package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.Application;
import dev.slipway.client.model.ApplicationPage;
import dev.slipway.client.model.CreateApplicationRequest;
import dev.slipway.client.sdk.Pages;
import dev.slipway.client.sdk.Slipway;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Applications: list, get, create, delete. */
@Command(name = "apps", description = "Applications: list, get, create, delete.",
        subcommands = { AppsCommand.ListApps.class, AppsCommand.Get.class, AppsCommand.Create.class, AppsCommand.Delete.class })
class AppsCommand {

    static void print(Output output, Application app) {
        output.one(app, column("name", Application::getName), column("owner group", Application::getOwnerGroup),
                column("display name", Application::getDisplayName), column("description", Application::getDescription),
                column("repository", Application::getRepositoryUrl), column("labels", Application::getLabels),
                column("created", Application::getCreatedAt), column("created by", Application::getCreatedBy));
    }

    @Command(name = "list", description = "List the applications you can see.")
    static class ListApps extends BaseCommand {
        @Option(names = { "-l", "--selector" }, paramLabel = "k=v,...", description = "Only applications with these labels.")
        String selector;

        @Option(names = "--owner-group", paramLabel = "GROUP")
        String ownerGroup;

        @Override
        int run() {
            var api = slipway().applications();
            var apps = Pages.stream(token -> api.listApplications(selector, ownerGroup, 100, token), ApplicationPage::getItems,
                    ApplicationPage::getNextPageToken).toList();
            output().list(apps, column("name", Application::getName), column("owner group", Application::getOwnerGroup),
                    column("display name", Application::getDisplayName), column("created", Application::getCreatedAt));
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", description = "Show an application.")
    static class Get extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run() throws ApiException {
            print(output(), slipway().applications().getApplication(name));
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = "Create an application.")
    static class Create extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--owner-group", required = true, paramLabel = "GROUP", description = "The group that owns it.")
        String ownerGroup;

        @Option(names = "--display-name")
        String displayName;

        @Option(names = "--description")
        String description;

        @Option(names = "--repository", paramLabel = "URL")
        String repository;

        @Option(names = "--label", paramLabel = "KEY=VALUE")
        Map<String, String> labels;

        @Override
        int run() throws ApiException {
            Application app = slipway().applications().createApplication(new CreateApplicationRequest().name(name).ownerGroup(ownerGroup)
                    .displayName(displayName).description(description).repositoryUrl(repository).labels(labels), null);
            print(output(), app);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete an application (it must have no environments).")
    static class Delete extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        int run() throws ApiException {
            Slipway slipway = slipway();
            Application app = slipway.applications().getApplication(name);
            slipway.applications().deleteApplication(name, Slipway.ifMatch(app));
            output().message("Deleted application " + name);
            return ExitCodes.OK;
        }
    }
}
