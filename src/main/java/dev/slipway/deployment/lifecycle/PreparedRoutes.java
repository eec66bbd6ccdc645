package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.render.RouteObjects;
import dev.slipway.cluster.render.WorkloadValidator;
import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.environment.EnvironmentRoute;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A deployment's routes once its placeholders are resolved: every host claimed for its
 * environment (hosts from placeholders become known only now; literal ones were claimed when it was
 * accepted and are renewed), and the routes recorded as URLs, which become the environment's when
 * the deployment succeeds. Blocking: part of {@link WorkloadPreparation}.
 */
@ApplicationScoped
class PreparedRoutes {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final RouteHostStore hosts;

    PreparedRoutes(RouteHostStore hosts) {
        this.hosts = hosts;
    }

    /** Claims and records the routes of the resolved spec; fails with InvalidSpec or HostConflict. */
    void claim(RunnableDeployment deployment, RenderTarget target, WorkloadSpec resolved) throws WorkloadPreparation.Unprepared {
        List<RouteSpec> routes = resolved.routes() == null ? List.of() : resolved.routes();
        if (routes.isEmpty()) {
            return; // nothing recorded: the environment shows no routes once this succeeds
        }
        try {
            // Before a resolved host is claimed: a placeholder may have resolved to something no host can be.
            WorkloadValidator.validate(resolved, "spec", deployment.application());
        } catch (SlipwayException.Invalid invalid) {
            throw new WorkloadPreparation.Unprepared("InvalidSpec", invalid.getMessage());
        }
        Set<String> wanted = new TreeSet<>();
        routes.forEach(route -> wanted.add(route.host()));
        Set<String> held = hosts.claimOnPool(deployment.applicationId(), deployment.environmentId(), wanted).await()
                .atMost(QUERY_TIMEOUT);
        if (!held.isEmpty()) {
            // Another environment's, possibly another application's: which one is not said.
            throw new WorkloadPreparation.Unprepared("HostConflict", (held.size() == 1 ? "host " : "hosts ")
                    + String.join(", ", held) + (held.size() == 1 ? " is" : " are") + " already routed by another environment");
        }
        hosts.recordRoutes(deployment.id(), exposed(target, resolved)).await().atMost(QUERY_TIMEOUT);
    }

    /** The routes as a developer opens them: https where the routing provides TLS. */
    static List<EnvironmentRoute> exposed(RenderTarget target, WorkloadSpec resolved) {
        List<EnvironmentRoute> exposed = new ArrayList<>();
        if (resolved.routes() == null) {
            return exposed;
        }
        String scheme = RouteObjects.servesTls(target.routing()) ? "https://" : "http://";
        for (RouteSpec route : resolved.routes()) {
            exposed.add(new EnvironmentRoute(scheme + route.host() + route.pathOrRoot(), route.host(), route.pathOrRoot(),
                    RouteObjects.workloadOf(target.application(), resolved, route), route.port()));
        }
        return exposed;
    }
}
