package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentEvent;
import dev.slipway.client.model.DeploymentStatus;
import dev.slipway.client.model.WorkloadSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How the deployment commands show a deployment, wait for it, and turn its outcome into an exit code. */
final class DeploymentReports {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(h|m|s)");

    private DeploymentReports() {
    }

    static void print(Output output, Deployment d) {
        output.one(d, column("id", Deployment::getId), column("application", Deployment::getApplication),
                column("environment", Deployment::getEnvironment), column("status", Deployment::getStatus),
                column("reason", Deployment::getStatusReason), column("message", Deployment::getStatusMessage),
                column("images", DeploymentReports::images), column("replicas", r -> r.getDesiredReplicas() == null ? null
                        : r.getObservedReplicas() + "/" + r.getDesiredReplicas()),
                column("config revision", Deployment::getConfigRevision), column("requested by", Deployment::getRequestedBy),
                column("change", Deployment::getReason), column("rollback of", Deployment::getRollbackOf),
                column("promoted from", Deployment::getPromotedFrom), column("created", Deployment::getCreatedAt),
                column("finished", Deployment::getFinishedAt));
    }

    static String images(Deployment d) {
        WorkloadSpec spec = d.getSpec();
        if (spec == null || spec.getContainers() == null) {
            return "";
        }
        return spec.getContainers().stream().map(c -> c.getImage()).collect(Collectors.joining(","));
    }

    /**
     * Without --wait: prints the accepted deployment, exit 0. With it: progress lines on stderr as
     * the status changes, the ended deployment on stdout, and 0 only when it SUCCEEDED.
     */
    static int finish(BaseCommand command, Deployment started, boolean wait, Duration timeout) throws ApiException {
        Output output = command.output();
        if (!wait) {
            print(output, started);
            return ExitCodes.OK;
        }
        PrintWriter err = command.spec.commandLine().getErr();
        err.println("Deployment " + started.getId() + " to " + started.getApplication() + "/" + started.getEnvironment()
                + " accepted; waiting up to " + timeout.toSeconds() + " s");
        err.flush();
        Deployment ended = command.slipway().awaitDeployment(started.getApplication(), started.getEnvironment(), started.getId().toString(),
                timeout, (DeploymentEvent event) -> {
                    err.println("  " + event.getStatus() + (event.getReason() == null ? "" : "  " + event.getReason())
                            + (event.getMessage() == null ? "" : ": " + event.getMessage()));
                    err.flush();
                });
        print(output, ended);
        if (ended.getStatus() == DeploymentStatus.SUCCEEDED) {
            return ExitCodes.OK;
        }
        err.println("slipway: deployment " + ended.getId() + " ended " + ended.getStatus()
                + (ended.getStatusMessage() == null ? "" : ": " + ended.getStatusMessage()));
        err.flush();
        return ExitCodes.DEPLOYMENT_FAILED;
    }

    /** A wait limit such as 90s, 10m, 1h30m. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        long seconds = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            seconds += switch (m.group(2)) {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
            end = m.end();
        }
        if (end != value.length() || end == 0 || seconds == 0) {
            throw new CliFailure(ExitCodes.USAGE, "not a duration: " + text + " (e.g. 90s, 10m, 1h30m)");
        }
        return Duration.ofSeconds(seconds);
    }
}
