package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.CreateDeploymentRequest;
import dev.slipway.client.model.PromotionSource;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Deploys to one environment the exact spec that succeeded in another. */
@Command(name = "promote", description = "Deploy the spec that succeeded in one environment to another.")
class PromoteCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = "--from", required = true, paramLabel = "ENV")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ENV")
    String to;

    @Option(names = "--deployment", paramLabel = "ID", description = "The deployment to promote (default: the source's current one).")
    String deployment;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason;

    @Option(names = "--wait", description = "Wait until it ends; exit 0 only if it SUCCEEDED.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m")
    String timeout;

    @Override
    int run() throws ApiException {
        var timeoutDuration = DeploymentReports.duration(timeout);
        UUID source = deployment != null ? UUID.fromString(deployment) : slipway().environments().getEnvironment(app, from).getCurrentDeploymentId();
        if (source == null) {
            throw new CliFailure(ExitCodes.REFUSED, app + "/" + from + " runs nothing to promote");
        }
        var started = slipway().deployments().createDeployment(app, to,
                new CreateDeploymentRequest().promoteFrom(new PromotionSource().environment(from).deploymentId(source)).reason(reason), null);
        return DeploymentReports.finish(this, started, wait, timeoutDuration);
    }
}
