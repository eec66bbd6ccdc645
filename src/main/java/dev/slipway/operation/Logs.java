package dev.slipway.operation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.config.ConfigDelivery;
import dev.slipway.runtime.SecretMask;
import dev.slipway.runtime.ShutdownSignal;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The logs of an environment's current workloads. Reading them takes a developer (logs.read): a
 * log shows what a viewer may not see in the API (request data, values printed by the app).
 * Every secret value of the environment's delivered configuration is masked in every line.
 */
@ApplicationScoped
public class Logs {
    private final CallerResolver callers;
    private final OperatedEnvironments environments;
    private final ClusterCalls cluster;
    private final PodLogReader reader;
    private final ConfigDelivery configuration;
    private final LogsConfig config;
    private final ShutdownSignal shutdown;

    Logs(CallerResolver callers, OperatedEnvironments environments, ClusterCalls cluster, PodLogReader reader, ConfigDelivery configuration,
            LogsConfig config, ShutdownSignal shutdown) {
        this.callers = callers;
        this.environments = environments;
        this.cluster = cluster;
        this.reader = reader;
        this.configuration = configuration;
        this.config = config;
        this.shutdown = shutdown;
    }

    /** What the query gives now, oldest first. */
    public Uni<LogLine.Lines> read(String application, String environment, LogQuery query) {
        return locate(application, environment).flatMap(target -> target.current() == null
                ? Uni.createFrom().item(new LogLine.Lines(List.of()))
                : cluster.call(target.cluster(), client -> new LogLine.Lines(reader.read(client, target.namespace(),
                        reader.sources(client, target, query), query, mask(client, target)))));
    }

    /**
     * Checks everything a follow checks before its stream opens (who, where, which containers), so a
     * refusal reaches the caller as an error rather than as a stream that ends at once.
     */
    public Uni<Void> authorizeFollow(String application, String environment, LogQuery query) {
        return locate(application, environment).flatMap(target -> target.current() == null
                ? Uni.createFrom().voidItem()
                : cluster.call(target.cluster(), client -> reader.sources(client, target, query)).replaceWithVoid());
    }

    /**
     * The last tailLines of each container, then new lines as they are written, until the pods go
     * away or the stream's bounds (slipway.logs.follow-max-lines, follow-max-duration) are reached.
     */
    public Uni<Multi<LogLine>> follow(String application, String environment, LogQuery query) {
        return locate(application, environment).flatMap(target -> {
            if (target.current() == null) {
                return Uni.createFrom().item(Multi.createFrom().empty());
            }
            // The client is taken on the worker thread too: connecting may block (the sandbox refuses an event loop).
            record Prepared(KubernetesClient client, List<PodLogReader.Source> sources, SecretMask mask) {
            }
            return cluster
                    .call(target.cluster(), client -> new Prepared(client, reader.sources(client, target, query), mask(client, target)))
                    .map(prepared -> shutdown.endAtShutdown(reader.follow(prepared.client(), target.namespace(), prepared.sources(),
                            query, prepared.mask(), config.followMaxLines(), config.followMaxDuration())));
        });
    }

    private Uni<OperatedEnvironment> locate(String application, String environment) {
        return callers.current().flatMap(caller -> Panache.withSession(
                () -> environments.require(caller, application, environment, Permission.LOGS_READ, null)));
    }

    /**
     * The secret values the current deployment delivered: its configuration revision's secrets,
     * and the resources' secret outputs as the cluster holds them (the Secret that carries them to
     * the containers; resolving them again would mean asking every resource driver). Blocking; a
     * secret that cannot be opened fails the read rather than risk showing it.
     */
    private SecretMask mask(KubernetesClient client, OperatedEnvironment target) {
        try {
            List<String> values = new ArrayList<>(configuration.load(target.applicationId(), target.environmentId(),
                    target.current().configRevision).secrets().allValues());
            Secret outputs = client.secrets().inNamespace(target.namespace())
                    .withName(ManifestRenderer.containerSecretName(target.application())).get();
            if (outputs != null && outputs.getData() != null) {
                outputs.getData().values()
                        .forEach(encoded -> values.add(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
            }
            return new SecretMask(values);
        } catch (ConfigDelivery.Undeliverable e) {
            throw new SlipwayException.Unavailable("the environment's secrets could not be opened to mask them in its logs: "
                    + e.getMessage());
        }
    }
}
