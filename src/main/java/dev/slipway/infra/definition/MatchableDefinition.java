package dev.slipway.infra.definition;

import java.util.List;

/** A resource definition as matching sees it: its name, version, driver and criteria (classes spelled out). */
public record MatchableDefinition(String name, long version, String driver, List<Criterion> criteria) {
}
