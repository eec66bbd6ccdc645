package dev.slipway.cluster.workload;

import java.util.regex.Pattern;

import dev.slipway.api.Violations;

/**
 * What a {@link RoutingSpec} must be, wherever it is set (a cluster, an environment type): every
 * name one Kubernetes accepts for the object it names, and one way to get a certificate, since
 * the renderer could not tell which of two the admin meant.
 */
public final class RoutingRules {
    /** A Kubernetes object name (RFC 1123 subdomain): Secrets, issuers, Gateways and IngressClasses are named so. */
    private static final Pattern DNS_SUBDOMAIN = Pattern
            .compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");

    private RoutingRules() {
    }

    /** Adds the problems of {@code routing} (may be null: nothing set) under {@code field}. */
    public static void check(Violations violations, String field, RoutingSpec routing) {
        if (routing == null) {
            return;
        }
        subdomain(violations, field + ".ingressClassName", routing.ingressClassName());
        if (routing.gateway() != null) {
            violations.required(field + ".gateway.name", routing.gateway().name());
            subdomain(violations, field + ".gateway.name", routing.gateway().name());
            violations.dnsLabel(field + ".gateway.namespace", routing.gateway().namespace());
        }
        RoutingSpec.TlsSpec tls = routing.tls();
        if (tls != null) {
            int ways = (tls.secretName() != null ? 1 : 0) + (tls.clusterIssuer() != null ? 1 : 0) + (tls.issuer() != null ? 1 : 0);
            if (ways != 1) {
                violations.add(field + ".tls", "give exactly one of secretName, clusterIssuer or issuer");
            }
            subdomain(violations, field + ".tls.secretName", tls.secretName());
            subdomain(violations, field + ".tls.clusterIssuer", tls.clusterIssuer());
            subdomain(violations, field + ".tls.issuer", tls.issuer());
        }
    }

    private static void subdomain(Violations violations, String field, String value) {
        if (value != null && !DNS_SUBDOMAIN.matcher(value).matches()) {
            violations.add(field, "must be a Kubernetes object name: lower-case letters, digits, '-' and '.', at most 253 characters");
        }
    }
}
