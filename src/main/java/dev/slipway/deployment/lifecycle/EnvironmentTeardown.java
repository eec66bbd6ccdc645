package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.slipway.access.AuditLog;
import dev.slipway.cluster.driver.ClusterConnections;
import dev.slipway.cluster.driver.ClusterDriver;
import dev.slipway.cluster.driver.ClusterErrors;
import dev.slipway.infra.provision.ResourceProvisioning;
import dev.slipway.runtime.Threads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Tears down environments deleted while they had something in their cluster (status DELETING).
 * One replica claims an environment with a lease, under the same per-environment advisory lock as
 * the deployment queue and only while no worker holds a deployment of it, and cancels whatever
 * deployments of it have not finished (EnvironmentDeleted). It then removes the workload's objects,
 * deprovisions its resources (a definition that says retain keeps its resource), deletes the
 * namespace when Slipway created it, no other environment lives there and no retained resource
 * left objects in it, and deletes the records last. Every step can run again: a tear-down that
 * fails (a cluster that is down) keeps the environment DELETING and is retried when its lease
 * expires, on this replica or another.
 */
@ApplicationScoped
public class EnvironmentTeardown {
    private static final Logger LOG = Logger.getLogger(EnvironmentTeardown.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Environments one claim looks at. */
    private static final int CANDIDATES = 4;

    private final TeardownStore teardowns;
    private final DeploymentStore deployments;
    private final DeploymentEventHub events;
    private final ClusterConnections connections;
    private final ClusterDriver driver;
    private final ResourceProvisioning provisioning;
    private final ReconcilerConfig config;
    private final AuditLog audit;
    private final String owner = DeploymentReconciler.hostName() + "/teardown-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService worker;
    private volatile boolean stopping;

    public EnvironmentTeardown(TeardownStore teardowns, DeploymentStore deployments, DeploymentEventHub events,
            ClusterConnections connections, ClusterDriver driver, ResourceProvisioning provisioning, ReconcilerConfig config,
            AuditLog audit) {
        this.teardowns = teardowns;
        this.deployments = deployments;
        this.events = events;
        this.connections = connections;
        this.driver = driver;
        this.provisioning = provisioning;
        this.config = config;
        this.audit = audit;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return; // a replica that runs no deployments tears nothing down either
        }
        // Two threads: leases are renewed while a tear-down blocks on its cluster.
        worker = Executors.newScheduledThreadPool(2, Threads.named("slipway-teardown"));
        long poll = config.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::tearDownDue, poll, poll, TimeUnit.MILLISECONDS);
        long renewEvery = Math.max(100, config.lease().toMillis() / 3);
        worker.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        Threads.stop(worker, STOP_GRACE);
    }

    /** Tears down every environment due, one after the other. */
    void tearDownDue() {
        try {
            TeardownStore.Due due;
            while (!stopping && (due = claimNext()) != null) {
                held.add(due.id());
                try {
                    tearDown(due);
                } finally {
                    held.remove(due.id());
                }
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("claiming an environment to tear down failed; will retry", e);
            }
        }
    }

    /** Claims an environment being deleted that no worker is deploying to; its unfinished deployments are cancelled. */
    private TeardownStore.Due claimNext() {
        TeardownStore.Due due = deployments.inTransaction(connection -> teardowns.lockDue(connection, CANDIDATES)
                .flatMap(candidates -> firstFree(connection, candidates, 0))).await().atMost(QUERY_TIMEOUT);
        if (due != null) {
            events.announce(); // cancelled deployments
        }
        return due;
    }

    private Uni<TeardownStore.Due> firstFree(SqlConnection connection, List<TeardownStore.Due> candidates, int index) {
        if (index == candidates.size()) {
            return Uni.createFrom().nullItem();
        }
        TeardownStore.Due candidate = candidates.get(index);
        return deployments.tryLockEnvironment(connection, candidate.id())
                .flatMap(locked -> locked ? deployments.environmentBusy(connection, candidate.id()) : Uni.createFrom().item(true))
                .flatMap(busy -> busy // a worker is deploying there: its deployment ends first (it is cancelled when it next looks)
                        ? firstFree(connection, candidates, index + 1)
                        : deployments.cancelAllInEnvironment(connection, candidate.id())
                                .call(() -> teardowns.lease(connection, candidate.id(), owner, config.lease()))
                                .replaceWith(candidate));
    }

    private void tearDown(TeardownStore.Due due) {
        String what = due.application() + "/" + due.name();
        try {
            KubernetesClient client = connections.client(due.cluster());
            driver.removeWorkload(client, due.application(), due.name(), due.namespace());
            boolean resourcesGone = provisioning.removeUnused(new ResourceProvisioning.Target(due.applicationId(), due.application(),
                    due.id(), due.name(), due.type(), due.namespace(), null, client), Set.of());
            if (!resourcesGone) {
                LOG.warnf("environment %s: some resources could not be deprovisioned; the tear-down is retried", what);
                return; // the lease expires and the tear-down runs again
            }
            // A namespace Slipway created goes too, unless another environment lives there or a retained resource does.
            boolean namespaceDeleted = false;
            if (due.namespaceCreated() && !await(teardowns.namespaceShared(due.id()))) {
                if (provisioning.retainsObjectsIn(due.id(), due.namespace())) {
                    LOG.infof("environment %s: namespace %s kept, a retained resource lives there", what, due.namespace());
                } else {
                    driver.deleteNamespace(client, due.namespace());
                    namespaceDeleted = true;
                }
            }
            if (await(teardowns.delete(due.id(), owner))) {
                LOG.infof("environment %s torn down and deleted", what);
                // The caller's delete was audited when it was asked for; this records that it was done.
                await(audit.recordPlatformAction("environment.teardown", "environment", what, due.application(),
                        "torn down: workload removed, resources deprovisioned"
                                + (namespaceDeleted ? ", namespace " + due.namespace() + " deleted" : "")));
            }
        } catch (RuntimeException e) {
            LOG.warnf("tearing environment %s down failed, retried when its lease expires: %s", what, ClusterErrors.describe(e));
            LOG.debug("tear-down failure detail", e);
        }
    }

    private void renewLeases() {
        if (held.isEmpty()) {
            return;
        }
        try {
            await(teardowns.renew(owner, new ArrayList<>(held), config.lease()));
        } catch (RuntimeException e) {
            LOG.warn("renewing tear-down leases failed; will retry", e);
        }
    }

    private static <T> T await(Uni<T> statement) {
        return statement.await().atMost(QUERY_TIMEOUT);
    }
}
