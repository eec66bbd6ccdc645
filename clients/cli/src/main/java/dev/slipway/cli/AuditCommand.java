package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.model.AuditEvent;
import dev.slipway.client.model.AuditEventPage;
import dev.slipway.client.sdk.Pages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The audit log: who did (or was refused) what. */
@Command(name = "audit", description = "The audit log, newest first.")
class AuditCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, paramLabel = "APP")
    String app;

    @Option(names = "--actor", paramLabel = "SUBJECT")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION")
    String action;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "ALLOWED or DENIED.")
    String outcome;

    @Option(names = "--resource", paramLabel = "RESOURCE")
    String resource;

    @Option(names = "--since", paramLabel = "TIME", description = "ISO-8601 time.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "ISO-8601 time.")
    String until;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50")
    int limit;

    @Override
    int run() {
        var api = slipway().access();
        var events = Pages.stream(token -> api.listAuditEvents(action, actor, app, outcome, Math.min(limit, 100), token, resource, since, until),
                AuditEventPage::getItems, AuditEventPage::getNextPageToken).limit(limit).toList();
        output().list(events, column("time", AuditEvent::getTime), column("actor", AuditEvent::getActor), column("action", AuditEvent::getAction),
                column("resource", AuditEvent::getResource), column("outcome", AuditEvent::getOutcome), column("reason", AuditEvent::getReason));
        return ExitCodes.OK;
    }
}
