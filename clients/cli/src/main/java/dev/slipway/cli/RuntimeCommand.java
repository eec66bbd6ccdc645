package dev.slipway.cli;

import static dev.slipway.cli.Output.column;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.Pod;
import dev.slipway.client.model.Runtime;
import dev.slipway.client.model.WorkloadRuntime;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What an environment runs now: workloads, replicas, pods. */
@Command(name = "runtime", description = "What an environment runs now: workloads, replicas and pods.")
class RuntimeCommand extends BaseCommand {
    @Option(names = { "-a", "--app" }, required = true, paramLabel = "APP")
    String app;

    @Option(names = { "-e", "--env" }, required = true, paramLabel = "ENV")
    String env;

    record PodRow(WorkloadRuntime workload, Pod pod) {
    }

    @Override
    int run() throws ApiException {
        Runtime runtime = slipway().operations().getRuntime(app, env);
        if (output().format() != Output.Format.table) {
            output().document(runtime);
            return ExitCodes.OK;
        }
        output().message("Deployment " + runtime.getDeploymentId() + " in namespace " + runtime.getNamespace());
        List<PodRow> rows = new ArrayList<>();
        for (WorkloadRuntime w : runtime.getWorkloads() == null ? List.<WorkloadRuntime>of() : runtime.getWorkloads()) {
            if (w.getPods() == null || w.getPods().isEmpty()) {
                rows.add(new PodRow(w, null));
            } else {
                w.getPods().forEach(p -> rows.add(new PodRow(w, p)));
            }
        }
        output().list(rows, column("workload", r -> r.workload().getName()), column("kind", r -> r.workload().getKind()),
                column("ready", r -> r.workload().getReadyReplicas() + "/" + r.workload().getDesiredReplicas()),
                column("pod", r -> r.pod() == null ? "" : r.pod().getName()), column("phase", r -> r.pod() == null ? "" : r.pod().getPhase()),
                column("restarts", r -> r.pod() == null ? "" : r.pod().getRestarts()),
                column("started", r -> r.pod() == null ? "" : r.pod().getStartedAt()));
        return ExitCodes.OK;
    }
}
