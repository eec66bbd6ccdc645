package dev.slipway.cluster.render;

import java.util.List;
import java.util.Map;

import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How routes become an Ingress or HTTPRoutes, with TLS from a Secret or cert-manager. */
class RouteObjectsTest {
    private static final List<RouteSpec> ROUTES = List.of(new RouteSpec("shop.example.com", null, null, 80),
            new RouteSpec("shop.example.com", "/api", null, 80), new RouteSpec("admin.example.com", "/", null, 80));

    private static RenderTarget target(RoutingSpec routing) {
        return new RenderTarget("checkout", "staging", "checkout-staging", "d-42", Map.of(), WorkloadSecrets.NONE, Map.of(), routing);
    }

    private static WorkloadSpec spec() {
        WorkloadSpec full = Workloads.full();
        return new WorkloadSpec(full.containers(), full.replicas(), full.servicePorts(), null, null, null, null, ROUTES);
    }

    private static <T> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void oneIngressNamedAfterTheApplicationWithARulePerHost() {
        List<Ingress> ingresses = ofKind(ManifestRenderer.render(target(new RoutingSpec("nginx", null, null)), spec()), Ingress.class);
        assertEquals(1, ingresses.size());
        Ingress ingress = ingresses.get(0);
        assertEquals("checkout", ingress.getMetadata().getName());
        assertEquals("checkout-staging", ingress.getMetadata().getNamespace());
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals(List.of("admin.example.com", "shop.example.com"),
                ingress.getSpec().getRules().stream().map(IngressRule::getHost).toList());
        IngressRule shop = ingress.getSpec().getRules().get(1);
        assertEquals(List.of("/", "/api"), shop.getHttp().getPaths().stream().map(path -> path.getPath()).toList());
        shop.getHttp().getPaths().forEach(path -> {
            assertEquals("Prefix", path.getPathType());
            assertEquals("checkout", path.getBackend().getService().getName());
            assertEquals(80, path.getBackend().getService().getPort().getNumber());
        });
        assertTrue(ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty(), "no TLS unless configured");
        assertEquals("d-42", ingress.getMetadata().getAnnotations().get(ManifestRenderer.DEPLOYMENT_ID_ANNOTATION));
    }

    @Test
    void noRoutingRendersAnIngressOfTheDefaultClass() {
        Ingress ingress = ofKind(ManifestRenderer.render(target(RoutingSpec.NONE), spec()), Ingress.class).get(0);
        assertNull(ingress.getSpec().getIngressClassName());
    }

    @Test
    void tlsFromAnExistingSecretCoversEveryHost() {
        RoutingSpec routing = new RoutingSpec(null, null, new RoutingSpec.TlsSpec("wildcard-tls", null, null));
        Ingress ingress = ofKind(ManifestRenderer.render(target(routing), spec()), Ingress.class).get(0);
        assertEquals(1, ingress.getSpec().getTls().size());
        assertEquals("wildcard-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(List.of("admin.example.com", "shop.example.com"), ingress.getSpec().getTls().get(0).getHosts());
        assertFalse(ingress.getMetadata().getAnnotations().containsKey(RouteObjects.CLUSTER_ISSUER_ANNOTATION));
        assertFalse(ingress.getMetadata().getAnnotations().containsKey(RouteObjects.ISSUER_ANNOTATION));
    }

    @Test
    void certManagerIssuesIntoTheApplicationsTlsSecret() {
        Ingress clusterIssued = ofKind(ManifestRenderer.render(target(new RoutingSpec(null, null,
                new RoutingSpec.TlsSpec(null, "letsencrypt", null))), spec()), Ingress.class).get(0);
        assertEquals("letsencrypt", clusterIssued.getMetadata().getAnnotations().get(RouteObjects.CLUSTER_ISSUER_ANNOTATION));
        assertEquals("checkout-tls", clusterIssued.getSpec().getTls().get(0).getSecretName());

        Ingress issued = ofKind(ManifestRenderer.render(target(new RoutingSpec(null, null,
                new RoutingSpec.TlsSpec(null, null, "local-ca"))), spec()), Ingress.class).get(0);
        assertEquals("local-ca", issued.getMetadata().getAnnotations().get(RouteObjects.ISSUER_ANNOTATION));
        assertFalse(issued.getMetadata().getAnnotations().containsKey(RouteObjects.CLUSTER_ISSUER_ANNOTATION));
        assertEquals("checkout-tls", issued.getSpec().getTls().get(0).getSecretName());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGatewayGetsOneHttpRoutePerHostAndNoIngress() {
        RoutingSpec routing = new RoutingSpec("nginx", new RoutingSpec.GatewayRef("public", "gateways"), null);
        List<HasMetadata> objects = ManifestRenderer.render(target(routing), spec());
        assertTrue(ofKind(objects, Ingress.class).isEmpty());
        List<GenericKubernetesResource> routes = ofKind(objects, GenericKubernetesResource.class).stream()
                .filter(object -> "HTTPRoute".equals(object.getKind())).toList();
        assertEquals(2, routes.size());
        assertNotEquals(routes.get(0).getMetadata().getName(), routes.get(1).getMetadata().getName());
        GenericKubernetesResource shop = routes.stream()
                .filter(route -> ((Map<String, Object>) route.getAdditionalProperties().get("spec")).get("hostnames")
                        .equals(List.of("shop.example.com")))
                .findFirst().orElseThrow();
        assertEquals(RouteObjects.GATEWAY_API_VERSION, shop.getApiVersion());
        assertEquals(RouteObjects.httpRouteName("checkout", "shop.example.com"), shop.getMetadata().getName());
        Map<String, Object> spec = (Map<String, Object>) shop.getAdditionalProperties().get("spec");
        assertEquals(List.of(Map.of("name", "public", "namespace", "gateways")), spec.get("parentRefs"));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) spec.get("rules");
        assertEquals(2, rules.size());
        assertEquals(List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/api"))), rules.get(1).get("matches"));
        assertEquals(List.of(Map.of("name", "checkout", "port", 80)), rules.get(1).get("backendRefs"));
    }

    @Test
    void aRouteGoesToItsServiceWorkloadsService() {
        WorkloadSpec single = spec();
        assertEquals("checkout", RouteObjects.workloadOf("checkout", single, ROUTES.get(0)));
        assertEquals("checkout", RouteObjects.backend(target(RoutingSpec.NONE), single, ROUTES.get(0)));
        assertTrue(RouteObjects.servesTls(new RoutingSpec(null, null, new RoutingSpec.TlsSpec("s", null, null))));
        assertFalse(RouteObjects.servesTls(RoutingSpec.NONE));
    }
}
