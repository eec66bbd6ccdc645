package dev.slipway.infra.driver;

/**
 * A Kubernetes object a driver applied for a resource, as stored with the resource so that a
 * later provision knows what an earlier one left (a definition that renders fewer objects prunes
 * the rest) and deprovision deletes exactly these.
 *
 * @param apiVersion e.g. {@code apps/v1} or {@code postgresql.cnpg.io/v1}
 * @param kind       e.g. {@code StatefulSet}
 * @param namespace  the environment's namespace
 * @param name       the object's name
 */
public record AppliedObject(String apiVersion, String kind, String namespace, String name) {

    /** {@code Kind/name}, how messages name the object. */
    public String describe() {
        return kind + "/" + name;
    }
}
