package dev.slipway.deployment.score;

import dev.slipway.cluster.workload.WorkloadSpec;

/**
 * A Score workload read from its document.
 *
 * @param name the workload's {@code metadata.name}; placeholders {@code ${metadata.name}} stand for it
 * @param spec what Slipway runs for it, already checked like any submitted spec
 */
public record ScoreWorkload(String name, WorkloadSpec spec) {
}
