package dev.slipway.infra.definition;

import java.util.List;

/** A definition's criteria as stored: wrapped in an object, since Hibernate Reactive reads only jsonb objects. */
public record StoredCriteria(List<Criterion> items) {
}
