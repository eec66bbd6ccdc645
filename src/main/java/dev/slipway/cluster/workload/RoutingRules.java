package dev.slipway.cluster.workload;

import dev.slipway.api.Violations;

/**
 * What a {@link RoutingSpec} must be, wherever it is set (a cluster, an environment type): every
 * name one Kubernetes accepts for the object it names (declared on the record, with the pattern
 * below), and one way to get a certificate, since the renderer could not tell which of two the
 * admin meant.
 */
public final class RoutingRules {
    /** A Kubernetes object name (RFC 1123 subdomain): Secrets, issuers, Gateways and IngressClasses are named so. */
    public static final String DNS_SUBDOMAIN = "(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*";
    public static final String DNS_SUBDOMAIN_MESSAGE = "must be a Kubernetes object name: lower-case letters, digits, '-' and '.', at most 253 characters";

    private RoutingRules() {
    }

    /**
     * Adds the problems of {@code routing} (may be null: nothing set) under {@code field} that its
     * annotations cannot state (the names' syntax is declared on RoutingSpec).
     */
    public static void check(Violations violations, String field, RoutingSpec routing) {
        if (routing == null) {
            return;
        }
        if (routing.gateway() != null) {
            violations.required(field + ".gateway.name", routing.gateway().name());
        }
        RoutingSpec.TlsSpec tls = routing.tls();
        if (tls != null) {
            int ways = (tls.secretName() != null ? 1 : 0) + (tls.clusterIssuer() != null ? 1 : 0) + (tls.issuer() != null ? 1 : 0);
            if (ways != 1) {
                violations.add(field + ".tls", "give exactly one of secretName, clusterIssuer or issuer");
            }
        }
    }

}
