package dev.slipway.deployment;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.access.CallerResolver;
import dev.slipway.api.SlipwayException;
import dev.slipway.application.Applications;
import dev.slipway.cluster.ClusterAddress;
import dev.slipway.cluster.ClusterRepository;
import dev.slipway.cluster.driver.ClusterConnections;
import dev.slipway.cluster.driver.ClusterErrors;
import dev.slipway.cluster.driver.DriftDetector;
import dev.slipway.deployment.lifecycle.AppliedManifests;
import dev.slipway.deployment.lifecycle.DeploymentStore;
import dev.slipway.environment.Environments;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/** Drift of an environment: the last applied manifests against the live cluster. */
@ApplicationScoped
public class DriftReports {
    private final Applications applications;
    private final Environments environments;
    private final ClusterRepository clusters;
    private final CallerResolver callers;
    private final ClusterConnections connections;
    private final DriftDetector detector;
    private final ObjectMapper mapper;
    private final DeploymentStore store;

    public DriftReports(Applications applications, Environments environments, ClusterRepository clusters,
            CallerResolver callers, ClusterConnections connections, DriftDetector detector, ObjectMapper mapper, DeploymentStore store) {
        this.store = store;
        this.applications = applications;
        this.environments = environments;
        this.clusters = clusters;
        this.callers = callers;
        this.connections = connections;
        this.detector = detector;
        this.mapper = mapper;
    }

    private record Applied(AppliedManifests manifests, ClusterAddress cluster) {
    }

    public Uni<DriftReport> drift(String application, String environment) {
        return callers.current().flatMap(caller -> Panache.withSession(() -> applications.requireVisible(caller, application)
                .flatMap(app -> environments.require(app, environment))
                .flatMap(env -> clusters.findByName(env.cluster).flatMap(cluster -> store.appliedManifests(env.id)
                        .map(manifests -> manifests == null
                                ? null
                                : new Applied(manifests, ClusterAddress.of(cluster)))))))
                .flatMap(applied -> {
                    if (applied == null) {
                        return Uni.createFrom().item(new DriftReport(application, environment, null, null, true, List.of()));
                    }
                    return Uni.createFrom().item(() -> compare(applied))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .map(differences -> new DriftReport(application, environment, applied.manifests().deploymentId(),
                                    applied.manifests().appliedAt().toInstant(), differences.isEmpty(), differences));
                });
    }

    private List<DriftDetector.Difference> compare(Applied applied) {
        try {
            JsonNode manifests = mapper.readTree(applied.manifests().manifests());
            return detector.detect(connections.client(applied.cluster()), manifests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored manifests are unreadable", e);
        } catch (RuntimeException e) {
            if (e instanceof SlipwayException) {
                throw e;
            }
            throw new SlipwayException.Unavailable(
                    "cluster '" + applied.cluster().name() + "' could not be read: " + ClusterErrors.describe(e));
        }
    }

}
