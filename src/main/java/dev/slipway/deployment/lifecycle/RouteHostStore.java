package dev.slipway.deployment.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.environment.EnvironmentRoute;
import dev.slipway.store.Sql;
import dev.slipway.store.SqlTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which environment routes each host: a host belongs to one environment (of one application)
 * across the platform, so two teams never send one name's traffic to two places. Claims are made
 * where a deployment's hosts become known (accepted with literal hosts, or rendered with hosts from
 * placeholders) and released when a success leaves them unrouted (see {@link DeploymentSql#MAKE_CURRENT}).
 */
@ApplicationScoped
public class RouteHostStore {
    /**
     * Claims a host for the environment, or renews its own claim; changes no row when another
     * environment holds it. A concurrent claim of the same host waits on the unique index for the
     * first transaction, so two environments can never both hold it.
     */
    private static final String CLAIM = """
            INSERT INTO route_hosts (host, application_id, environment_id, claimed_at) VALUES (:host, :application, :environment, now())
            ON CONFLICT (host) DO UPDATE SET claimed_at = now() WHERE route_hosts.environment_id = EXCLUDED.environment_id""";
    private static final String HOLDER = """
            SELECT CAST(h.application_id AS text) AS application_id, e.name AS environment
              FROM route_hosts h JOIN environments e ON e.id = h.environment_id WHERE h.host = :host""";
    private static final String RECORD_ROUTES = """
            INSERT INTO deployment_routes (deployment_id, routes) VALUES (:id, CAST(CAST(:routes AS text) AS jsonb))
            ON CONFLICT (deployment_id) DO UPDATE SET routes = EXCLUDED.routes""";

    /** Who holds a host: the application (by id) and the environment's name within it. */
    public record Holder(UUID applicationId, String environment) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;

    public RouteHostStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * In the API request's transaction: claims the hosts for the environment; answers the hosts
     * other environments hold, with their holders (then the caller fails, and its transaction
     * with the claims it made rolls back).
     */
    public Uni<Map<String, Holder>> claimInSession(UUID applicationId, UUID environmentId, Collection<String> hosts) {
        Map<String, Holder> held = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String host : new TreeSet<>(hosts)) { // one order everywhere: two claimers of the same hosts cannot deadlock
            chain = chain.call(() -> SqlTarget.currentSession().update(claim(applicationId, environmentId, host))
                    .flatMap(claimed -> claimed > 0
                            ? Uni.createFrom().voidItem()
                            : Sql.of(HOLDER).bind("host", host).rowsInSession().invoke(rows -> {
                                if (!rows.isEmpty()) {
                                    held.put(host, new Holder(UUID.fromString((String) rows.get(0)[0]), (String) rows.get(0)[1]));
                                }
                            }).replaceWithVoid()));
        }
        return chain.replaceWith(held);
    }

    /**
     * On the reconciler's pool, in a transaction of its own: claims every host or none; answers the
     * hosts other environments hold (empty when all were claimed).
     */
    Uni<Set<String>> claimOnPool(UUID applicationId, UUID environmentId, Collection<String> hosts) {
        Set<String> held = new TreeSet<>();
        return pool.withTransaction(connection -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String host : new TreeSet<>(hosts)) {
                chain = chain.call(() -> claim(applicationId, environmentId, host).execute(connection).invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        held.add(host);
                    }
                }));
            }
            // Failing rolls back the hosts claimed before the one held elsewhere.
            return chain.flatMap(ignored -> held.isEmpty()
                    ? Uni.createFrom().item(held)
                    : Uni.createFrom().failure(new HostsHeld(held)));
        }).onFailure(HostsHeld.class).recoverWithItem(failure -> ((HostsHeld) failure).hosts);
    }

    /** Records the routes a deployment exposes as rendered, placeholders resolved; they become its environment's when it succeeds. */
    Uni<Void> recordRoutes(UUID deploymentId, List<EnvironmentRoute> routes) {
        String json;
        try {
            json = mapper.writeValueAsString(new EnvironmentRoute.Stored(new ArrayList<>(routes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routes cannot be stored", e);
        }
        return Sql.of(RECORD_ROUTES).bind("id", deploymentId).bind("routes", json).execute(pool).replaceWithVoid();
    }

    private static Sql claim(UUID applicationId, UUID environmentId, String host) {
        return Sql.of(CLAIM).bind("host", host).bind("application", applicationId).bind("environment", environmentId);
    }

    /** Ends a claim transaction that found a host held elsewhere, so that it rolls back. */
    private static final class HostsHeld extends RuntimeException {
        private final Set<String> hosts;

        HostsHeld(Set<String> hosts) {
            super(null, null, false, false);
            this.hosts = hosts;
        }
    }
}
