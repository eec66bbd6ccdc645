package dev.slipway.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Current time at the store's precision, so a response and a later read show the same instant. */
public final class Timestamps {
    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
