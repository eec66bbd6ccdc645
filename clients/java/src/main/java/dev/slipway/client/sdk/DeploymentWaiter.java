package dev.slipway.client.sdk;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.Deployment;
import dev.slipway.client.model.DeploymentEvent;
import dev.slipway.client.model.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Waits for a deployment to end with the server's long-poll (GET with waitFor=terminal, at most a
 * minute per call, so the deadline is kept however the network behaves), while a second thread
 * follows its event stream to report progress. The long-poll decides; the stream only informs.
 */
final class DeploymentWaiter {
    static final Set<DeploymentStatus> TERMINAL = EnumSet.of(DeploymentStatus.SUCCEEDED, DeploymentStatus.FAILED,
            DeploymentStatus.SUPERSEDED, DeploymentStatus.CANCELLED);
    private static final long LONG_POLL_SECONDS = 60;

    private final Slipway slipway;

    DeploymentWaiter(Slipway slipway) {
        this.slipway = slipway;
    }

    static boolean isTerminal(DeploymentStatus status) {
        return status != null && TERMINAL.contains(status);
    }

    Deployment await(String application, String environment, String id, Duration timeout, Consumer<DeploymentEvent> progress)
            throws ApiException {
        Instant deadline = Instant.now().plus(timeout);
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch terminalReported = new CountDownLatch(1);
        AtomicReference<EventStream<DeploymentEvent>> open = new AtomicReference<>();
        Thread follower = null;
        if (progress != null) {
            follower = new Thread(() -> follow(application, environment, id, progress, done, terminalReported, open),
                    "slipway-deployment-events");
            follower.setDaemon(true);
            follower.start();
        }
        try {
            Deployment last = null;
            while (true) {
                long remainingMillis = Duration.between(Instant.now(), deadline).toMillis();
                if (remainingMillis <= 0) {
                    throw new DeploymentTimeoutException("deployment " + id + " did not end within " + timeout.toSeconds() + " s"
                            + (last == null ? "" : " (last status " + last.getStatus() + ")"), last);
                }
                long wait = Math.min((remainingMillis + 999) / 1000, LONG_POLL_SECONDS);
                last = slipway.deployments().getDeployment(application, environment, id, wait + "s", "terminal");
                if (isTerminal(last.getStatus())) {
                    if (follower != null) {
                        // Let the stream deliver the final event so progress ends with it, but never hang on it.
                        terminalReported.await(3, TimeUnit.SECONDS);
                    }
                    return last;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        } finally {
            done.set(true);
            EventStream<DeploymentEvent> stream = open.get();
            if (stream != null) {
                stream.close();
            }
        }
    }

    private void follow(String application, String environment, String id, Consumer<DeploymentEvent> progress, AtomicBoolean done,
            CountDownLatch terminalReported, AtomicReference<EventStream<DeploymentEvent>> open) {
        // "0" replays the deployment's events from its start, so no status change is missed.
        String lastEventId = "0";
        while (!done.get()) {
            try (EventStream<DeploymentEvent> events = slipway.deploymentEvents(application, environment, id, lastEventId)) {
                open.set(events);
                while (!done.get() && events.hasNext()) {
                    DeploymentEvent event = events.next();
                    if (event.getId() != null) {
                        lastEventId = event.getId().toString();
                    }
                    progress.accept(event);
                    if (isTerminal(event.getStatus())) {
                        terminalReported.countDown();
                        return;
                    }
                }
            } catch (ApiException | RuntimeException e) {
                // The long-poll decides the outcome; a broken stream only costs progress lines until it reconnects.
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
