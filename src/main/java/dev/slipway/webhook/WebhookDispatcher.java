package dev.slipway.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.slipway.runtime.Threads;
import dev.slipway.store.crypto.SecretUnreadableException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries from the outbox. A poller claims as many as there are free senders (claims
 * hold a lease, so replicas share the work and a delivery whose replica died is taken up again
 * when its lease runs out); each sender checks the URL again (DNS may have changed since the
 * subscription was written), signs the CloudEvent and POSTs it, following no redirects. Only a 2xx
 * answer delivers; anything else is retried with exponential backoff and full jitter until the
 * delivery's 24 hours are over, then it is failed.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final int MAX_ERROR = 1000;
    private static final int ERROR_BODY_BYTES = 200;

    private final DeliveryStore deliveries;
    private final WebhookSecrets secrets;
    private final WebhookUrlGuard guard;
    private final WebhooksConfig config;
    private final WebhookMetrics metrics;
    private final String owner = "replica-" + UUID.randomUUID();
    private final AtomicInteger inFlight = new AtomicInteger();
    private HttpClient http;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private volatile boolean stopping;

    public WebhookDispatcher(DeliveryStore deliveries, WebhookSecrets secrets, WebhookUrlGuard guard, WebhooksConfig config,
            WebhookMetrics metrics) {
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.guard = guard;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        senders = Executors.newFixedThreadPool(config.concurrency(), Threads.named("slipway-webhook-send"));
        http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders).build();
        poller = Executors.newSingleThreadScheduledExecutor(Threads.named("slipway-webhook-poll"));
        long poll = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollNow, poll, poll, TimeUnit.MILLISECONDS);
    }

    /** With Quarkus' shutdown delay, claiming stops as the delay begins; sends in flight go on. */
    void stopClaiming(@Observes ShutdownDelayInitiatedEvent shutdownDelay) {
        stopping = true;
    }

    /**
     * Sends in flight may finish (each is bounded by the request timeout); a send still running
     * after that is cut short and its delivery given back, so another replica sends it at once
     * rather than after the lease (the receiver may see it twice: deliveries are at least once,
     * and webhook-id tells a repeat).
     */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        Threads.stop(poller, STOP_GRACE);
        if (senders == null) {
            return;
        }
        senders.shutdown();
        try {
            senders.awaitTermination(config.requestTimeout().plus(STOP_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Threads.stop(senders, STOP_GRACE);
        try {
            int released = deliveries.releaseAll(owner).await().atMost(STORE_TIMEOUT);
            if (released > 0) {
                LOG.infof("gave back %d webhook deliveries cut short by the shutdown", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("giving back webhook deliveries failed; they are sent again when their leases run out", e);
        }
    }

    private void pollNow() {
        try {
            int free = config.concurrency() - inFlight.get();
            if (stopping || free <= 0) {
                return;
            }
            List<DeliveryStore.Claimed> claimed = deliveries.claim(owner, config.lease(), free).await().atMost(STORE_TIMEOUT);
            for (DeliveryStore.Claimed delivery : claimed) {
                inFlight.incrementAndGet();
                senders.execute(() -> {
                    try {
                        send(delivery);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("claiming webhook deliveries failed; trying again at the next poll", e);
            }
        }
    }

    private void send(DeliveryStore.Claimed delivery) {
        long started = System.nanoTime();
        Integer status = null;
        String error;
        String outcome;
        try {
            String refused = guard.check(delivery.url());
            if (refused != null) {
                outcome = "refused";
                error = "URL refused: " + refused;
            } else {
                byte[] body = CloudEvents.body(delivery);
                String id = delivery.id().toString();
                long timestamp = System.currentTimeMillis() / 1000;
                HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                        .timeout(config.requestTimeout())
                        .header("Content-Type", CloudEvents.CONTENT_TYPE)
                        .header("User-Agent", "Slipway-Webhooks/1")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", WebhookSigner.signature(secrets.open(delivery.subscriptionId(), delivery.secret()), id,
                                timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                String answer = firstBytes(response.body());
                if (status >= 200 && status < 300) {
                    metrics.attempted("delivered");
                    record(delivery, deliveries.delivered(delivery.id(), owner, status, elapsedMs(started)));
                    return;
                }
                outcome = "rejected";
                error = "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer);
            }
        } catch (HttpTimeoutException e) {
            outcome = "timeout";
            error = "timed out after " + config.requestTimeout().toSeconds() + "s";
        } catch (IOException e) {
            outcome = "unreachable";
            error = "could not be sent: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (SecretUnreadableException e) {
            outcome = "error";
            error = "the signing secret cannot be opened: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: stop() gives the delivery back for another replica to send
        } catch (RuntimeException e) {
            outcome = "error";
            error = "could not be sent: " + e;
        }
        metrics.attempted(outcome);
        record(delivery,
                deliveries.failed(delivery.id(), owner, status, elapsedMs(started), truncate(error), backoff(delivery.attempts())));
    }

    private void record(DeliveryStore.Claimed delivery, io.smallrye.mutiny.Uni<Integer> outcome) {
        try {
            if (outcome.await().atMost(STORE_TIMEOUT) == 0) {
                LOG.debugf("webhook delivery %s: lease lost before its outcome was recorded", delivery.id());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "webhook delivery %s: outcome not recorded; it is sent again when its lease runs out", delivery.id());
        }
    }

    /** Full jitter: a random wait up to base * 2^attempts, capped. */
    Duration backoff(int attemptsBefore) {
        long base = config.retryBase().toMillis();
        long cap = config.retryMax().toMillis();
        long ceiling = attemptsBefore >= 30 ? cap : Math.min(cap, base << attemptsBefore);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String firstBytes(InputStream body) {
        try (body) {
            return new String(body.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
