package dev.slipway.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * The one way Slipway makes and stops its own threads (the reconciler's workers, the rollout
 * sweeper, the sandbox's controller). Daemon threads, so a forgotten pool never holds the JVM
 * open; named, so a thread dump says whose they are; and stopped explicitly when their bean is
 * destroyed, because a dev-mode reload builds new beans in the same JVM and would otherwise leave
 * the old pools running.
 */
public final class Threads {
    private static final Logger LOG = Logger.getLogger(Threads.class);

    private Threads() {
    }

    /**
     * Daemon threads named {@code prefix-1}, {@code prefix-2}, ... They inherit no thread-local
     * values: a pool started from a job's thread would otherwise keep that job's log fields
     * ({@link LogContext}) on every line it ever writes.
     */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(null, runnable, prefix + "-" + count.incrementAndGet(), 0, false);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops a pool: no new tasks, interrupts the running ones, and waits up to {@code grace} for
     * them to end. Null-safe, so a bean that never started its pool can call it unconditionally.
     */
    public static void stop(ExecutorService pool, Duration grace) {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debugf("threads of %s still running after %s", pool, grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
