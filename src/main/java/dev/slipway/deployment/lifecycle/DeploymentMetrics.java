package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the lifecycle tells Prometheus: deployments finished by outcome and reason, how long they
 * took from acceptance to applied and to finished, and the lease traffic of the queue. Counted on
 * the replica that wrote the change, so the sum over replicas is the platform's total.
 *
 * <p>Labels stay few: the outcome is one of four terminal statuses and the reason one of the
 * status reasons the code writes (CamelCase words such as {@code ImagePullBackOff}); anything else
 * (a reason a cluster made up) is counted as {@code Other}, and after {@link #MAX_REASONS}
 * distinct reasons every new one is too, so no input can grow the number of series without bound.
 */
@Startup // the series exist from the start, at zero, so rate() and alerts see them before the first event
@ApplicationScoped
public class DeploymentMetrics {
    static final String FINISHED = "slipway.deployments.finished";
    static final String ACCEPTED_TO_APPLIED = "slipway.deployment.accepted.to.applied";
    static final String ACCEPTED_TO_FINISHED = "slipway.deployment.accepted.to.finished";
    static final String LEASE_RENEWALS = "slipway.deployment.lease.renewals";
    static final String LEASE_TAKEOVERS = "slipway.deployment.lease.takeovers";
    static final String OTHER_REASON = "Other";
    private static final int MAX_REASONS = 64;
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Za-z0-9]{0,63}");
    /** Deployments take seconds to tens of minutes; these buckets answer "how many finish within N". */
    private static final Duration[] BUCKETS = { Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(1) };

    private final MeterRegistry registry;
    private final Set<String> reasonsSeen = ConcurrentHashMap.newKeySet();
    private final Timer acceptedToApplied;
    private final Counter renewed;
    private final Counter renewalFailures;
    private final Counter takeovers;

    public DeploymentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.acceptedToApplied = Timer.builder(ACCEPTED_TO_APPLIED)
                .description("Time from a deployment's acceptance until its manifests were applied (it entered PROGRESSING)")
                .serviceLevelObjectives(BUCKETS).register(registry);
        this.renewed = renewals("renewed");
        this.renewalFailures = renewals("failed");
        this.takeovers = Counter.builder(LEASE_TAKEOVERS)
                .description("Jobs claimed again after an earlier claim's lease ran out (its worker or replica died or gave up)")
                .register(registry);
        // The runner writes these two outcomes (the others are decided elsewhere, without a run to time);
        // both show in the histogram from the start, at zero.
        finishedTimer(DeploymentStatus.SUCCEEDED);
        finishedTimer(DeploymentStatus.FAILED);
    }

    private Counter renewals(String outcome) {
        return Counter.builder(LEASE_RENEWALS).tag("outcome", outcome)
                .description("Lease renewals of running deployment jobs: renewed leases, or failed renewal statements")
                .register(registry);
    }

    /** {@code count} deployments entered the terminal status {@code outcome} with this reason. */
    void finished(DeploymentStatus outcome, String reason, long count) {
        if (count <= 0) {
            return;
        }
        Counter.builder(FINISHED).tag("outcome", outcome.name()).tag("reason", boundedReason(reason))
                .description("Deployments that reached a terminal status, by outcome and status reason")
                .register(registry).increment(count);
    }

    /** A deployment accepted at {@code acceptedAt} has had its manifests applied. */
    void applied(Instant acceptedAt) {
        if (acceptedAt != null) {
            acceptedToApplied.record(since(acceptedAt));
        }
    }

    /** A deployment accepted at {@code acceptedAt} has finished with {@code outcome}. */
    void finishedAfter(DeploymentStatus outcome, Instant acceptedAt) {
        if (acceptedAt != null) {
            finishedTimer(outcome).record(since(acceptedAt));
        }
    }

    void leasesRenewed(int leases) {
        renewed.increment(leases);
    }

    void leaseRenewalFailed() {
        renewalFailures.increment();
    }

    void takenOver() {
        takeovers.increment();
    }

    private Timer finishedTimer(DeploymentStatus outcome) {
        return Timer.builder(ACCEPTED_TO_FINISHED).tag("outcome", outcome.name())
                .description("Time from a deployment's acceptance until the reconciler wrote its outcome")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    String boundedReason(String reason) {
        if (reason == null || !REASON.matcher(reason).matches()) {
            return OTHER_REASON;
        }
        if (reasonsSeen.contains(reason)) {
            return reason;
        }
        if (reasonsSeen.size() >= MAX_REASONS) {
            return OTHER_REASON;
        }
        reasonsSeen.add(reason);
        return reason;
    }

    private static Duration since(Instant start) {
        Duration elapsed = Duration.between(start, Instant.now());
        return elapsed.isNegative() ? Duration.ZERO : elapsed; // the database's clock and ours may differ a little
    }
}
