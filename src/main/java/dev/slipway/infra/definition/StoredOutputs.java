package dev.slipway.infra.definition;

import java.util.List;

/** A type's outputs as stored: wrapped in an object, since Hibernate Reactive reads only jsonb objects. */
public record StoredOutputs(List<ResourceOutput> items) {
}
