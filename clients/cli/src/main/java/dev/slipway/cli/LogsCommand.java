package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.LogLine;
import dev.slipway.client.sdk.EventStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Log lines of an environment's pods; -f follows them as they are written. */
@Command(name = "logs", description = "Log lines of an environment's pods (secret values masked); -f follows them.")
class LogsCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    @Option(names = { "-f", "--follow" }, description = "Keep printing new lines until the server ends the stream.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "The last N lines of each container.")
    Integer tail;

    @Option(names = "--since", paramLabel = "SECONDS", description = "Only lines of the last SECONDS seconds.")
    Integer since;

    @Option(names = { "-c", "--container" }, paramLabel = "NAME")
    String container;

    @Option(names = "--pod", paramLabel = "NAME")
    String pod;

    @Option(names = { "-w", "--workload" }, paramLabel = "NAME")
    String workload;

    @Override
    int run() throws ApiException {
        if (!follow) {
            var lines = slipway().operations().getLogs(app, env, container, false, pod, since, tail, workload);
            if (output().format() != Output.Format.table) {
                output().document(lines);
            } else if (lines.getLines() != null) {
                lines.getLines().forEach(this::print);
            }
            return ExitCodes.OK;
        }
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "container", container);
        put(filters, "pod", pod);
        put(filters, "workload", workload);
        put(filters, "tailLines", tail);
        put(filters, "sinceSeconds", since);
        try (EventStream<LogLine> lines = slipway().followLogs(app, env, filters)) {
            while (lines.hasNext()) {
                LogLine line = lines.next();
                if (output().format() == Output.Format.table) {
                    print(line);
                } else {
                    output().document(line);
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void put(Map<String, String> filters, String name, Object value) {
        if (value != null) {
            filters.put(name, value.toString());
        }
    }

    private void print(LogLine line) {
        PrintWriter out = root().out();
        out.println(line.getPod() + "/" + line.getContainer() + " " + Output.cell(line.getTimestamp()) + " " + line.getText());
        out.flush();
    }
}
