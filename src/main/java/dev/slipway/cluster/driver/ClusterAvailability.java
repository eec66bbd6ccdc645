package dev.slipway.cluster.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterHealth;
import dev.slipway.cluster.ClustersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * What this replica knows about each cluster's reachability, in memory: the last health check and
 * whether the cluster is marked down. A cluster is marked down when a deployment's bounded retries
 * failed because it could not be reached, or a health check found it unreachable; for the cool-off
 * that follows, work for it fails at once instead of costing another round of timeouts. Everything
 * is kept per {@link ClusterAddress#connectionKey()}: a new URL or new credentials start afresh.
 */
@ApplicationScoped
public class ClusterAvailability {
    private static final Logger LOG = Logger.getLogger(ClusterAvailability.class);

    private final Duration coolOff;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(String connectionKey, Instant downUntil, ClusterHealth lastHealth) {
    }

    @Inject
    public ClusterAvailability(ClustersConfig config) {
        this(config.downCoolOff());
    }

    ClusterAvailability(Duration coolOff) {
        this.coolOff = coolOff;
    }

    /** Fails with ClusterUnavailable while the cluster is marked down. */
    public void requireUp(ClusterAddress cluster) {
        State state = current(cluster);
        if (state != null && state.downUntil() != null && Instant.now().isBefore(state.downUntil())) {
            throw new SlipwayException.Unavailable("cluster '" + cluster.name() + "' could not be reached recently; Slipway does not try "
                    + "again before " + state.downUntil() + " (a health check that reaches it ends this sooner)");
        }
    }

    /** Marks the cluster down for the cool-off. */
    public void markDown(ClusterAddress cluster) {
        Instant until = Instant.now().plus(coolOff);
        State before = current(cluster);
        states.put(cluster.name(), new State(cluster.connectionKey(), until, before == null ? null : before.lastHealth()));
        LOG.warnf("cluster %s could not be reached; its deployments fail at once until %s", cluster.name(), until);
    }

    /** The cluster answered: it is no longer down. */
    public void markUp(ClusterAddress cluster) {
        State before = current(cluster);
        if (before != null && before.downUntil() != null) {
            LOG.infof("cluster %s is reachable again", cluster.name());
        }
        if (before == null || before.downUntil() != null) {
            states.put(cluster.name(), new State(cluster.connectionKey(), null, before == null ? null : before.lastHealth()));
        }
    }

    /** Keeps a health check's outcome, and marks the cluster down or up by it. */
    public void recordHealth(ClusterAddress cluster, ClusterHealth health, boolean unreachable) {
        if (unreachable) {
            markDown(cluster);
        } else {
            markUp(cluster);
        }
        states.computeIfPresent(cluster.name(), (name, state) -> new State(state.connectionKey(), state.downUntil(), health));
    }

    /** The last health check of this address if it ran within {@code maxAge}, else null. */
    public ClusterHealth recentHealth(ClusterAddress cluster, Duration maxAge) {
        State state = current(cluster);
        if (state == null || state.lastHealth() == null || state.lastHealth().checkedAt().plus(maxAge).isBefore(Instant.now())) {
            return null;
        }
        return state.lastHealth();
    }

    /** Whether the cluster is marked down now (work for it fails at once). */
    public boolean isDown(ClusterAddress cluster) {
        State state = current(cluster);
        return state != null && state.downUntil() != null && Instant.now().isBefore(state.downUntil());
    }

    /** The last health check of this address, however old, or null. */
    public ClusterHealth lastHealth(ClusterAddress cluster) {
        State state = current(cluster);
        return state == null ? null : state.lastHealth();
    }

    /** The state of exactly this address; one of an older address of the same cluster is forgotten. */
    private State current(ClusterAddress cluster) {
        State state = states.get(cluster.name());
        if (state != null && !state.connectionKey().equals(cluster.connectionKey())) {
            states.remove(cluster.name(), state);
            return null;
        }
        return state;
    }
}
