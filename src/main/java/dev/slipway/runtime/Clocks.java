package dev.slipway.runtime;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock Slipway tells the time by where a rule depends on it (freezes). One bean, so a test or
 * a replica with special needs can replace it; pure rules take the instant as a parameter instead.
 */
public class Clocks {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
