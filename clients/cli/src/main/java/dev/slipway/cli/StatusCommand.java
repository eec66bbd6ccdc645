package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The newest deployment of an environment (or one by id). */
@Command(name = "status", description = "Show the newest deployment of an environment, or one deployment by --id.")
class StatusCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    @Option(names = "--id", paramLabel = "DEPLOYMENT")
    String id;

    @Override
    int run() throws ApiException {
        var deployments = slipway().deployments();
        Deployment deployment;
        if (id != null) {
            deployment = deployments.getDeployment(app, env, id, null, null);
        } else {
            DeploymentPage newest = deployments.listDeployments(app, env, 1, null, null);
            if (newest.getItems() == null || newest.getItems().isEmpty()) {
                throw new CliFailure(ExitCodes.REFUSED, app + "/" + env + " has no deployments yet");
            }
            deployment = newest.getItems().get(0);
        }
        DeploymentReports.print(output(), deployment);
        return ExitCodes.OK;
    }
}
