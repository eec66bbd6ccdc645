package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.BreakGlass;
import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentPage;
import dev.slipway.client.model.DeploymentStatus;
import dev.slipway.client.model.RollbackRequest;
import dev.slipway.client.sdk.Pages;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Deploys again the exact spec of an earlier deployment: by default the last one that succeeded before the current one. */
@Command(name = "rollback", description = "Deploy an earlier deployment's spec again (default: the one before the current).")
class RollbackCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    @Option(names = "--to", paramLabel = "DEPLOYMENT", description = "The deployment to go back to.")
    String to;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason;

    @Option(names = "--break-glass", paramLabel = "REASON", description = "Roll back despite a freeze (owners and admins; audited).")
    String breakGlass;

    @Option(names = "--wait", description = "Wait until the rollback ends; exit 0 only if it SUCCEEDED.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m")
    String timeout;

    @Override
    int run() throws ApiException {
        var timeoutDuration = DeploymentReports.duration(timeout);
        String target = to != null ? to : previousSuccess();
        RollbackRequest request = new RollbackRequest().reason(reason);
        if (breakGlass != null) {
            request.breakGlass(new BreakGlass().reason(breakGlass));
        }
        Deployment started = slipway().deployments().rollbackDeployment(app, env, target, null, request);
        return DeploymentReports.finish(this, started, wait, timeoutDuration);
    }

    private String previousSuccess() throws ApiException {
        var current = slipway().environments().getEnvironment(app, env).getCurrentDeploymentId();
        var api = slipway().deployments();
        return Pages.stream(token -> api.listDeployments(app, env, 50, token, DeploymentStatus.SUCCEEDED), DeploymentPage::getItems,
                DeploymentPage::getNextPageToken)
                .filter(d -> !Objects.equals(d.getId(), current))
                .findFirst()
                .map(d -> d.getId().toString())
                .orElseThrow(() -> new CliFailure(ExitCodes.REFUSED, app + "/" + env + " has no earlier succeeded deployment to roll back to"));
    }
}
