package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.BreakGlass;
import dev.slipway.client.model.ContainerPortSpec;
import dev.slipway.client.model.ContainerSpec;
import dev.slipway.client.model.CreateDeploymentRequest;
import dev.slipway.client.model.DeploymentSource;
import dev.slipway.client.model.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a deployment from an image, a Score file, or the current spec with new configuration; optionally waits for it. */
@Command(name = "deploy", description = "Deploy an image, a Score file, or a configuration change; --wait follows it to the end.")
class DeployCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one source of the workload. */
    static class What {
        @Option(names = "--image", paramLabel = "IMAGE", description = "Run this container image.")
        String image;

        @Option(names = "--score", paramLabel = "FILE", description = "A Score workload (score.dev/v1b1) file; - reads standard input.")
        String score;

        @Option(names = "--config-only", description = "Deliver the current configuration with the environment's current spec.")
        boolean configOnly;
    }

    @Option(names = "--container", paramLabel = "NAME", defaultValue = "web", description = "With --image: the container's name (default ${DEFAULT-VALUE}).")
    String container;

    @Option(names = "--replicas", paramLabel = "N", description = "With --image: how many replicas (default 1).")
    Integer replicas;

    @Option(names = "--port", paramLabel = "PORT", description = "With --image: container ports to expose.")
    List<Integer> ports;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "With --image: an environment variable of the container.")
    Map<String, String> vars;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown in the history).")
    String reason;

    @Option(names = "--commit", paramLabel = "SHA", description = "The commit the image was built from.")
    String commit;

    @Option(names = "--source-url", paramLabel = "URL", description = "The CI run or change request.")
    String sourceUrl;

    @Option(names = "--break-glass", paramLabel = "REASON", description = "Deploy despite a freeze (owners and admins; audited).")
    String breakGlass;

    @Option(names = "--wait", description = "Wait until the deployment ends; exit 0 only if it SUCCEEDED.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "Longest wait with --wait (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    int run() throws ApiException {
        var timeoutDuration = DeploymentReports.duration(timeout);
        CreateDeploymentRequest request = new CreateDeploymentRequest().reason(reason);
        if (what.image != null) {
            ContainerSpec spec = new ContainerSpec().name(container).image(what.image).env(vars);
            if (ports != null) {
                spec.ports(ports.stream().map(p -> new ContainerPortSpec().containerPort(p)).toList());
            }
            request.spec(new WorkloadSpec().containers(List.of(spec)).replicas(replicas));
        } else if (what.score != null) {
            request.score(readScore(what.score));
        } else {
            request.configOnly(true);
        }
        if (commit != null || sourceUrl != null) {
            request.source(new DeploymentSource().commit(commit).url(sourceUrl));
        }
        if (breakGlass != null) {
            request.breakGlass(new BreakGlass().reason(breakGlass));
        }
        var started = slipway().deployments().createDeployment(app, env, request, null);
        return DeploymentReports.finish(this, started, wait, timeoutDuration);
    }

    private String readScore(String file) {
        try {
            return "-".equals(file) ? new String(root().in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.ERROR, "cannot read the Score file " + file + ": " + e.getMessage());
        }
    }
}
