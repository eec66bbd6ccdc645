package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How routes reach a cluster: through an Ingress controller (optionally of a class) or, when a
 * gateway is named, through Gateway API HTTPRoutes attached to it; and how their TLS is provided.
 * Set on a cluster and on an environment type; the environment type's fields win.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "How routes are exposed: an Ingress (of ingressClassName) or, with gateway, Gateway API HTTPRoutes; and "
        + "their TLS. Set per cluster and per environment type; the environment type's fields win.")
public record RoutingSpec(
        @Pattern(regexp = RoutingRules.DNS_SUBDOMAIN, message = RoutingRules.DNS_SUBDOMAIN_MESSAGE) @Schema(maxLength = 253, description = "Ingress class of the Ingresses rendered; default the cluster's default class.", examples = "nginx") String ingressClassName,
        @Valid @Schema(description = "Render HTTPRoutes attached to this Gateway instead of Ingresses.") GatewayRef gateway,
        @Valid @Schema(description = "TLS for the routes' hosts (Ingresses only; a Gateway's listener holds its own certificates).") TlsSpec tls) {

    public static final RoutingSpec NONE = new RoutingSpec(null, null, null);

    /** A Gateway API Gateway by name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A Gateway API Gateway.")
    public record GatewayRef(
            @Pattern(regexp = RoutingRules.DNS_SUBDOMAIN, message = RoutingRules.DNS_SUBDOMAIN_MESSAGE) @Schema(maxLength = 253, description = "Gateway name.", required = true, examples = "public") String name,
            @Pattern(regexp = RequestLimits.DNS_LABEL, message = RequestLimits.DNS_LABEL_MESSAGE) @Schema(maxLength = 63, description = "Gateway namespace; default the environment's namespace.", examples = "gateways") String namespace) {
    }

    /** Exactly one way to get a certificate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "TLS for routes: exactly one of secretName (an existing Secret in the namespace), clusterIssuer or issuer "
            + "(cert-manager issues the certificate into <application>-tls).")
    public record TlsSpec(
            @Pattern(regexp = RoutingRules.DNS_SUBDOMAIN, message = RoutingRules.DNS_SUBDOMAIN_MESSAGE) @Schema(maxLength = 253, description = "A Secret of type kubernetes.io/tls in the environment's namespace.", examples = "wildcard-tls") String secretName,
            @Pattern(regexp = RoutingRules.DNS_SUBDOMAIN, message = RoutingRules.DNS_SUBDOMAIN_MESSAGE) @Schema(maxLength = 253, description = "cert-manager ClusterIssuer.", examples = "letsencrypt") String clusterIssuer,
            @Pattern(regexp = RoutingRules.DNS_SUBDOMAIN, message = RoutingRules.DNS_SUBDOMAIN_MESSAGE) @Schema(maxLength = 253, description = "cert-manager Issuer in the environment's namespace.") String issuer) {
    }

    /** This routing with the fields {@code override} sets taken from it. */
    public RoutingSpec overriddenBy(RoutingSpec override) {
        if (override == null) {
            return this;
        }
        return new RoutingSpec(override.ingressClassName != null ? override.ingressClassName : ingressClassName,
                override.gateway != null ? override.gateway : gateway, override.tls != null ? override.tls : tls);
    }
}
