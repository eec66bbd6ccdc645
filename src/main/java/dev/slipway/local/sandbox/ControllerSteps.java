package dev.slipway.local.sandbox;

/** How the simulated controllers schedule their work: ordered per object, after a realistic delay. */
interface ControllerSteps {

    /** Runs {@code work} after {@code delayMillis}, and after the steps queued before it for {@code key}. */
    void submit(String key, Runnable work, long delayMillis);

    /** About how long the cluster takes to react to a change, varied a little each time. */
    long jitteredDelay();
}
