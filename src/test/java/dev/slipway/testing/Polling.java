package dev.slipway.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something the platform does in the background, with a deadline instead of a fixed sleep. */
public final class Polling {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Polling() {
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} when it does not within {@code deadline}. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + ": not within " + deadline);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
