package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.ApprovalRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Approving or rejecting a deployment that waits for approval. */
final class ApprovalCommands {
    private ApprovalCommands() {
    }

    abstract static class Decision extends BaseCommand {
        @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
        String app;

        @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
        String env;

        @Parameters(paramLabel = "DEPLOYMENT")
        String id;

        @Option(names = "--comment", paramLabel = "TEXT")
        String comment;
    }

    @Command(name = "approve", description = "Approve a deployment that waits for approval.")
    static class Approve extends Decision {
        @Override
        int run() throws ApiException {
            DeploymentReports.print(output(), slipway().deployments().approveDeployment(app, env, id, new ApprovalRequest().comment(comment)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", description = "Reject a deployment that waits for approval.")
    static class Reject extends Decision {
        @Override
        int run() throws ApiException {
            DeploymentReports.print(output(), slipway().deployments().rejectDeployment(app, env, id, new ApprovalRequest().comment(comment)));
            return ExitCodes.OK;
        }
    }
}
