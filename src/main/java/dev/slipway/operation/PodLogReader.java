package dev.slipway.operation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.runtime.SecretMask;
import dev.slipway.runtime.Threads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Reads containers' logs through the Kubernetes API (kubectl logs --timestamps), masks the secrets
 * Slipway knows of in every line, and for a follow keeps one reader per container on a thread of
 * its own until the container's log ends (the pod went away), the caller leaves, or the stream's
 * bounds are reached. Blocking; the one-off read is called on a worker thread.
 */
@ApplicationScoped
class PodLogReader {
    private static final Logger LOG = Logger.getLogger(PodLogReader.class);

    /** One container of one pod. */
    record Source(String pod, String container) {
    }

    /** Threads blocked on a log stream: one per followed container, ended with their streams. */
    private final ExecutorService followers = Executors.newCachedThreadPool(Threads.named("slipway-log-follow"));

    @PreDestroy
    void stop() {
        Threads.stop(followers, Duration.ofSeconds(2));
    }

    /**
     * The containers a query reads, checked against what runs: an unknown workload, pod or container
     * is a 400 naming the ones there are.
     */
    List<Source> sources(KubernetesClient client, OperatedEnvironment target, LogQuery query) {
        List<WorkloadSpec.Named> workloads = target.workloads();
        if (query.workload() != null && workloads.stream().noneMatch(named -> named.name().equals(query.workload()))) {
            throw SlipwayException.Invalid.field("workload", "no workload '" + query.workload() + "' in the current deployment; there are: "
                    + String.join(", ", workloads.stream().map(WorkloadSpec.Named::name).toList()));
        }
        List<Pod> pods = new ArrayList<>();
        for (WorkloadSpec.Named named : workloads) {
            if (query.workload() == null || named.name().equals(query.workload())) {
                Map<String, String> selector = ManifestRenderer.workloadSelector(target.application(), target.environment(), named.name(),
                        named.primary());
                // Selectors of different workloads never match each other's pods (ManifestRenderer.workloadSelector).
                pods.addAll(client.pods().inNamespace(target.namespace()).withLabels(selector).list().getItems());
            }
        }
        pods.sort(Comparator.comparing(pod -> pod.getMetadata().getName()));
        if (query.pod() != null) {
            List<String> names = pods.stream().map(pod -> pod.getMetadata().getName()).toList();
            pods.removeIf(pod -> !pod.getMetadata().getName().equals(query.pod()));
            if (pods.isEmpty()) {
                throw SlipwayException.Invalid.field("pod", "no pod '" + query.pod() + "' runs " + (query.workload() == null
                        ? "in the environment"
                        : "workload " + query.workload()) + "; there are: " + String.join(", ", names));
            }
        }
        List<Source> sources = new ArrayList<>();
        Set<String> containers = new LinkedHashSet<>();
        for (Pod pod : pods) {
            pod.getSpec().getContainers().forEach(container -> {
                containers.add(container.getName());
                if (query.container() == null || query.container().equals(container.getName())) {
                    sources.add(new Source(pod.getMetadata().getName(), container.getName()));
                }
            });
        }
        if (query.container() != null && sources.isEmpty() && !pods.isEmpty()) {
            throw SlipwayException.Invalid.field("container", "no container '" + query.container() + "' in the selected pods; there are: "
                    + String.join(", ", containers));
        }
        return sources;
    }

    /** The lines of every source, oldest first (each container's own order kept where timestamps tie). */
    List<LogLine> read(KubernetesClient client, String namespace, List<Source> sources, LogQuery query, SecretMask mask) {
        List<LogLine> lines = new ArrayList<>();
        for (Source source : sources) {
            String log;
            try {
                log = loggable(client, namespace, source, query).getLog();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 || e.getCode() == 400) {
                    // The pod went away since it was listed (a restart replaced it: 404), or its container
                    // has not started (pulling its image: the API server answers 400): no log, not a failure.
                    continue;
                }
                throw e;
            }
            if (log == null || log.isEmpty()) {
                continue;
            }
            log.lines().forEach(raw -> lines.add(masked(LogLine.parse(source.pod(), source.container(), raw), mask)));
        }
        lines.sort(Comparator.comparing(LogLine::timestamp, Comparator.nullsFirst(Comparator.naturalOrder())));
        return lines;
    }

    /**
     * New lines as they are written (after the last tailLines), until every followed container's
     * log ends, the caller cancels, or {@code maxLines} / {@code maxDuration} is reached.
     */
    Multi<LogLine> follow(KubernetesClient client, String namespace, List<Source> sources, LogQuery query, SecretMask mask,
            long maxLines, Duration maxDuration) {
        Multi<LogLine> lines = Multi.createFrom().emitter(emitter -> {
            if (sources.isEmpty()) {
                emitter.complete();
                return;
            }
            List<LogWatch> watches = new CopyOnWriteArrayList<>();
            AtomicInteger open = new AtomicInteger(sources.size());
            emitter.onTermination(() -> watches.forEach(LogWatch::close));
            for (Source source : sources) {
                followers.execute(() -> {
                    try (LogWatch watch = loggable(client, namespace, source, query).watchLog()) {
                        watches.add(watch);
                        BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8));
                        String raw;
                        while (!emitter.isCancelled() && (raw = reader.readLine()) != null) {
                            LogLine line = masked(LogLine.parse(source.pod(), source.container(), raw), mask);
                            synchronized (emitter) {
                                emitter.emit(line);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        if (!emitter.isCancelled()) {
                            LOG.debugf("log stream of %s/%s ended: %s", source.pod(), source.container(), e.toString());
                        }
                    } finally {
                        if (open.decrementAndGet() == 0) {
                            emitter.complete();
                        }
                    }
                });
            }
        });
        return lines.select().first(maxLines).select().first(maxDuration);
    }

    private static Loggable loggable(KubernetesClient client, String namespace, Source source, LogQuery query) {
        TimeTailPrettyLoggable timed = client.pods().inNamespace(namespace).withName(source.pod()).inContainer(source.container())
                .usingTimestamps();
        TailPrettyLoggable since = query.sinceSeconds() == null ? timed : timed.sinceSeconds(query.sinceSeconds());
        return since.tailingLines(query.tailLines());
    }

    private static LogLine masked(LogLine line, SecretMask mask) {
        return new LogLine(line.pod(), line.container(), line.timestamp(), mask.apply(line.text()));
    }
}
