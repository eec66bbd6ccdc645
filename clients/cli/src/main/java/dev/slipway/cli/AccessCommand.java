package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.AccessCheckRequest;
import dev.slipway.client.model.AccessCheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Whether you (or, for admins, a subject) may do something. */
@Command(name = "access", description = "Ask about permissions.", subcommands = AccessCommand.Check.class)
class AccessCommand {

    @Command(name = "check", description = "May you (or --subject) perform ACTION? Exit 0 when allowed, 5 when not.")
    static class Check extends BaseCommand {
        @Option(names = "--action", required = true, paramLabel = "ACTION",
                description = "e.g. deployment.create, config.update, application.delete, role-binding.manage.")
        String action;

        @Option(names = { "-a", "--app" }, paramLabel = "APP")
        String app;

        @Option(names = { "-e", "--env" }, paramLabel = "ENV")
        String env;

        @Option(names = "--subject", paramLabel = "SUBJECT", description = "user:<name>, group:<group> or service-account:<client> (admins only).")
        String subject;

        @Override
        int run() throws ApiException {
            AccessCheckResult result = slipway().access()
                    .checkAccess(new AccessCheckRequest().action(action).application(app).environment(env).subject(subject));
            output().one(result, column("allowed", AccessCheckResult::getAllowed), column("subject", AccessCheckResult::getSubject),
                    column("action", AccessCheckResult::getAction), column("reason", AccessCheckResult::getReason),
                    column("granted by", r -> r.getGrantedBy() == null ? null
                            : r.getGrantedBy().getRole() + " (" + r.getGrantedBy().getSource()
                                    + (r.getGrantedBy().getBinding() == null ? "" : " " + r.getGrantedBy().getBinding().getScope()) + ")"));
            return Boolean.TRUE.equals(result.getAllowed()) ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }
}
