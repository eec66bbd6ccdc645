package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The job outbox as a queue with leases. Blocking API (awaits on the reactive pool) for the
 * reconciler's own worker threads; never called on an event loop.
 *
 * <p>Claiming locks candidate jobs with SKIP LOCKED so workers on any number of replicas never
 * take the same job, and serialises per environment with a transaction-scoped advisory lock so
 * that at most one deployment per environment holds a live lease. Claiming a PENDING deployment
 * supersedes older PENDING ones of the same environment: the newest request wins. The statements
 * are the store's ({@link DeploymentStore#leaseIfFree}); this class runs them in one transaction.
 */
@ApplicationScoped
public class DeploymentQueue {
    /**
     * Jobs one claim locks and looks at. Few: the candidates' environments are known to be free
     * already, and every locked job is hidden from the other claimers until the claim commits.
     */
    private static final int CANDIDATES = 4;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final DeploymentStore store;
    private final DeploymentMetrics metrics;

    public DeploymentQueue(DeploymentStore store, DeploymentMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Claims the next runnable job for this owner, or returns null when there is none. */
    public ClaimedJob claimNext(String owner, Duration lease) {
        ClaimedJob claimed = store.inTransaction(connection -> claimIn(connection, owner, lease)).await().atMost(QUERY_TIMEOUT);
        // A job given back unstarted does not count its claim, so a second claim means the first one's lease ran out.
        if (claimed != null && claimed.attempts() > 1) {
            metrics.takenOver();
        }
        return claimed;
    }

    private Uni<ClaimedJob> claimIn(SqlConnection connection, String owner, Duration lease) {
        return store.lockCandidates(connection, CANDIDATES).flatMap(candidates -> firstLeased(connection, candidates, 0, owner, lease));
    }

    /** Tries the candidates in order; the first that leases wins, the others stay for the next claim. */
    private Uni<ClaimedJob> firstLeased(SqlConnection connection, List<DeploymentStore.Candidate> candidates, int index,
            String owner, Duration lease) {
        if (index == candidates.size()) {
            return Uni.createFrom().nullItem();
        }
        DeploymentStore.Candidate candidate = candidates.get(index);
        return store.tryLockEnvironment(connection, candidate.environmentId())
                .flatMap(locked -> locked // otherwise another claimer is deciding for this environment
                        ? store.leaseIfFree(connection, candidate.environmentId(), candidate.deploymentId(), owner, lease)
                        : Uni.createFrom().nullItem())
                .flatMap(claimed -> claimed != null
                        ? Uni.createFrom().item(claimed)
                        : firstLeased(connection, candidates, index + 1, owner, lease));
    }

    /** Extends the leases this owner holds on the given jobs. */
    public void renew(String owner, List<UUID> deploymentIds, Duration lease) {
        if (deploymentIds.isEmpty()) {
            return;
        }
        int renewed;
        try {
            renewed = store.renewLeases(owner, deploymentIds, lease).await().atMost(QUERY_TIMEOUT);
        } catch (RuntimeException e) {
            metrics.leaseRenewalFailed();
            throw e;
        }
        metrics.leasesRenewed(renewed);
    }

    /**
     * Gives back every job this owner holds (a replica shutting down), so that another replica
     * claims them at once instead of after their leases run out; answers the jobs given back.
     */
    public List<UUID> releaseAll(String owner) {
        return store.releaseLeases(owner).await().atMost(QUERY_TIMEOUT);
    }
}
