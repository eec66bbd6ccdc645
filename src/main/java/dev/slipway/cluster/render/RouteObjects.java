package dev.slipway.cluster.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;

/**
 * A deployment's routes as the cluster exposes them: one Ingress named after the application
 * (all hosts, TLS per the routing's settings), or, when the routing names a Gateway, one Gateway
 * API HTTPRoute per host attached to it (a Gateway's listeners hold their own certificates).
 */
public final class RouteObjects {
    static final String GATEWAY_API_VERSION = "gateway.networking.k8s.io/v1";
    static final String CLUSTER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    static final String ISSUER_ANNOTATION = "cert-manager.io/issuer";

    private RouteObjects() {
    }

    static List<HasMetadata> render(RenderTarget target, WorkloadSpec spec, ObjectMeta metadata) {
        Map<String, List<RouteSpec>> byHost = new TreeMap<>();
        spec.routes().forEach(route -> byHost.computeIfAbsent(route.host(), ignored -> new ArrayList<>()).add(route));
        RoutingSpec routing = target.routing();
        if (routing.gateway() != null) {
            List<HasMetadata> routes = new ArrayList<>();
            byHost.forEach((host, routesOfHost) -> routes.add(httpRoute(target, spec, metadata, host, routesOfHost)));
            return routes;
        }
        return List.of(ingress(target, spec, metadata, byHost));
    }

    /** The Service a route sends to: its workload's; by default (and always for the single workload) the only service's. */
    static String backend(RenderTarget target, WorkloadSpec spec, RouteSpec route) {
        return ManifestRenderer.objectName(target.application(), workloadOf(target.application(), spec, route));
    }

    /** The name of the workload a route sends to: its own, or the only service workload (the application's name for a single workload). */
    public static String workloadOf(String application, WorkloadSpec spec, RouteSpec route) {
        if (spec.workloads() == null) {
            return application;
        }
        if (route.workload() != null) {
            return route.workload();
        }
        return spec.workloadsOf(application).stream()
                .filter(named -> Workload.SERVICE.equals(named.workload().kind()))
                .map(WorkloadSpec.Named::name)
                .findFirst().orElseThrow(() -> new IllegalStateException("validated: a route needs a service workload"));
    }

    /**
     * Whether a route's host is served over TLS: when the routing configures it. Through a Gateway
     * the listener holds the certificates, and the routing's tls is how an admin says it does.
     */
    public static boolean servesTls(RoutingSpec routing) {
        return routing != null && routing.tls() != null;
    }

    private static HasMetadata ingress(RenderTarget target, WorkloadSpec spec, ObjectMeta metadata, Map<String, List<RouteSpec>> byHost) {
        RoutingSpec routing = target.routing();
        Map<String, String> annotations = new TreeMap<>(metadata.getAnnotations());
        String tlsSecret = null;
        if (routing.tls() != null) {
            if (routing.tls().clusterIssuer() != null) {
                annotations.put(CLUSTER_ISSUER_ANNOTATION, routing.tls().clusterIssuer());
            } else if (routing.tls().issuer() != null) {
                annotations.put(ISSUER_ANNOTATION, routing.tls().issuer());
            }
            tlsSecret = routing.tls().secretName() != null ? routing.tls().secretName() : target.application() + "-tls";
        }
        List<IngressRule> rules = new ArrayList<>();
        byHost.forEach((host, routes) -> rules.add(new IngressRuleBuilder()
                .withHost(host)
                .withNewHttp()
                .withPaths(routes.stream().map(route -> path(target, spec, route)).toList())
                .endHttp()
                .build()));
        IngressBuilder ingress = new IngressBuilder()
                .withApiVersion("networking.k8s.io/v1")
                .withKind("Ingress")
                .withMetadata(new ObjectMetaBuilder(metadata).withAnnotations(annotations).build())
                .withNewSpec()
                .withIngressClassName(routing.ingressClassName())
                .withRules(rules)
                .endSpec();
        if (tlsSecret != null) {
            ingress.editSpec().addNewTl().withHosts(new ArrayList<>(new TreeSet<>(byHost.keySet()))).withSecretName(tlsSecret).endTl()
                    .endSpec();
        }
        return ingress.build();
    }

    private static HTTPIngressPath path(RenderTarget target, WorkloadSpec spec, RouteSpec route) {
        return new HTTPIngressPathBuilder()
                .withPath(route.pathOrRoot())
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(backend(target, spec, route)).withNewPort().withNumber(route.port())
                .endPort().endService().endBackend()
                .build();
    }

    private static HasMetadata httpRoute(RenderTarget target, WorkloadSpec spec, ObjectMeta metadata, String host,
            List<RouteSpec> routes) {
        RoutingSpec.GatewayRef gateway = target.routing().gateway();
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("name", gateway.name());
        if (gateway.namespace() != null) {
            parent.put("namespace", gateway.namespace());
        }
        List<Map<String, Object>> rules = routes.stream().map(route -> Map.<String, Object>of(
                "matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", route.pathOrRoot()))),
                "backendRefs", List.of(Map.of("name", backend(target, spec, route), "port", route.port())))).toList();
        Map<String, Object> routeSpec = new LinkedHashMap<>();
        routeSpec.put("parentRefs", List.of(parent));
        routeSpec.put("hostnames", List.of(host));
        routeSpec.put("rules", rules);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(GATEWAY_API_VERSION)
                .withKind("HTTPRoute")
                .withMetadata(new ObjectMetaBuilder(metadata).withName(httpRouteName(target.application(), host)).build())
                .addToAdditionalProperties("spec", routeSpec)
                .build();
    }

    /** One per host, named by a hash of it, so that adding or removing a host leaves the others' names alone. */
    static String httpRouteName(String application, String host) {
        return application + "-" + ManifestRenderer.sha256Hex(host).substring(0, 8);
    }
}
