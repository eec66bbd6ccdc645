package dev.slipway.operation;

import java.util.List;

import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The runtime view of an environment: what its current deployment's workloads run now. Readers of the application may see it. */
@ApplicationScoped
public class RuntimeViews {
    private final CallerResolver callers;
    private final OperatedEnvironments environments;
    private final ClusterCalls cluster;
    private final WorkloadInspector inspector;

    RuntimeViews(CallerResolver callers, OperatedEnvironments environments, ClusterCalls cluster, WorkloadInspector inspector) {
        this.callers = callers;
        this.environments = environments;
        this.cluster = cluster;
        this.inspector = inspector;
    }

    public Uni<RuntimeView> runtime(String application, String environment) {
        // The session ends before the cluster is asked: a slow cluster holds no database connection.
        return callers.current()
                .flatMap(caller -> Panache.withSession(() -> environments.require(caller, application, environment,
                        Permission.APPLICATION_READ, null)))
                .flatMap(target -> {
                    if (target.current() == null) {
                        return Uni.createFrom().item(new RuntimeView(application, environment, null, target.namespace(), List.of()));
                    }
                    return cluster.call(target.cluster(), client -> {
                        WorkloadInspector.Namespace namespace = inspector.namespace(client, target.namespace(), application, environment);
                        return target.workloads().stream().map(named -> inspector.inspect(namespace, named)).toList();
                    }).map(workloads -> new RuntimeView(application, environment, target.current().id, target.namespace(), workloads));
                });
    }
}
