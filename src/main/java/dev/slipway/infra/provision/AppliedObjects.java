package dev.slipway.infra.provision;

import java.util.List;

import dev.slipway.infra.driver.AppliedObject;

/**
 * What a driver put into the cluster for one resource, kept so that deprovisioning and a
 * provision resumed after a crash know what exists. Wrapped in an object because Hibernate
 * Reactive reads only jsonb objects.
 */
public record AppliedObjects(List<AppliedObject> items) {
    public static final AppliedObjects NONE = new AppliedObjects(List.of());

    public AppliedObjects {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
