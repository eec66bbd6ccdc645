package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        @Schema(description = "Ingress class of the Ingresses rendered; default the cluster's default class.", examples = "nginx") String ingressClassName,
        @Schema(description = "Render HTTPRoutes attached to this Gateway instead of Ingresses.") GatewayRef gateway,
        @Schema(description = "TLS for the routes' hosts (Ingresses only; a Gateway's listener holds its own certificates).") TlsSpec tls) {

    public static final RoutingSpec NONE = new RoutingSpec(null, null, null);

    /** A Gateway API Gateway by name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A Gateway API Gateway.")
    public record GatewayRef(
            @Schema(description = "Gateway name.", required = true, examples = "public") String name,
            @Schema(description = "Gateway namespace; default the environment's namespace.", examples = "gateways") String namespace) {
    }

    /** Exactly one way to get a certificate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "TLS for routes: exactly one of secretName (an existing Secret in the namespace), clusterIssuer or issuer "
            + "(cert-manager issues the certificate into <application>-tls).")
    public record TlsSpec(
            @Schema(description = "A Secret of type kubernetes.io/tls in the environment's namespace.", examples = "wildcard-tls") String secretName,
            @Schema(description = "cert-manager ClusterIssuer.", examples = "letsencrypt") String clusterIssuer,
            @Schema(description = "cert-manager Issuer in the environment's namespace.") String issuer) {
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
