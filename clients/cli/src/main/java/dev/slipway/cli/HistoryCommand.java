package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentPage;
import dev.slipway.client.model.DeploymentStatus;
import dev.slipway.client.sdk.Pages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The deployments of an environment, newest first. */
@Command(name = "history", description = "The deployments of an environment, newest first.")
class HistoryCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only deployments in this status: ${COMPLETION-CANDIDATES}.")
    DeploymentStatus status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20")
    int limit;

    @Override
    int run() {
        var api = slipway().deployments();
        var items = Pages.stream(token -> api.listDeployments(app, env, Math.min(limit, 100), token, status), DeploymentPage::getItems,
                DeploymentPage::getNextPageToken).limit(limit).toList();
        output().list(items, column("id", Deployment::getId), column("status", Deployment::getStatus),
                column("images", DeploymentReports::images), column("config", Deployment::getConfigRevision),
                column("requested by", Deployment::getRequestedBy), column("created", Deployment::getCreatedAt),
                column("reason", Deployment::getReason));
        return ExitCodes.OK;
    }
}
