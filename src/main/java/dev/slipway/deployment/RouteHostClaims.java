package dev.slipway.deployment;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.slipway.api.SlipwayException;
import dev.slipway.application.Application;
import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.deployment.lifecycle.RouteHostStore;
import dev.slipway.environment.Environment;
import dev.slipway.infra.placeholder.Placeholders;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hosts a deployment routes are claimed for its environment as it is accepted, in the same
 * transaction, so that a host another environment routes is refused at once (409) rather than when
 * the deployment runs. Hosts from placeholders are known only then, and claimed by the runner.
 */
@ApplicationScoped
class RouteHostClaims {
    private final RouteHostStore hosts;

    RouteHostClaims(RouteHostStore hosts) {
        this.hosts = hosts;
    }

    /** Claims the spec's literal hosts for the environment; a Conflict when another environment holds one. */
    Uni<Void> claimLiteral(Application app, Environment environment, WorkloadSpec spec) {
        Set<String> literal = new TreeSet<>();
        if (spec.routes() != null) {
            for (RouteSpec route : spec.routes()) {
                if (route.host() != null && !Placeholders.hasReferences(route.host())) {
                    literal.add(route.host());
                }
            }
        }
        if (literal.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return hosts.claimInSession(app.id, environment.id, literal).invoke(held -> {
            if (held.isEmpty()) {
                return;
            }
            Map.Entry<String, RouteHostStore.Holder> first = held.entrySet().iterator().next();
            // Another application's environment stays unnamed: its name and even its existence are not this caller's to see.
            String holder = first.getValue().applicationId().equals(app.id)
                    ? "environment '" + first.getValue().environment() + "' of this application"
                    : "another environment";
            throw new SlipwayException.Conflict("host " + first.getKey() + " is already routed by " + holder
                    + "; a host belongs to one environment");
        }).replaceWithVoid();
    }
}
