package dev.slipway.cluster.render;

import java.util.List;
import java.util.Map;

import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.workload.AutoscalingSpec;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ReleaseSpec;
import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rendering of several workloads, the release job, autoscalers, the formation and routes. */
class SeveralWorkloadsRenderingTest {
    private static final RenderTarget TARGET = new RenderTarget("shop", "prod", "shop-prod", "d-7", Map.of("A", "1"));

    private static ContainerSpec container(String name, String image, Integer port) {
        return new ContainerSpec(name, image, null, null, null, port == null ? null : List.of(new ContainerPortSpec(null, port, null)),
                null, null, null);
    }

    private static WorkloadSpec spec(List<RouteSpec> routes) {
        return new WorkloadSpec(null, null, null, null, null, Map.of(
                "web", new Workload("service", List.of(container("web", "ghcr.io/acme/web:2", 8080)), null,
                        List.of(new ServicePortSpec("http", 80, 8080, null)), new AutoscalingSpec(2, 5, null), null, null),
                "worker", new Workload("worker", List.of(container("worker", "ghcr.io/acme/worker:2", null)), 3, null, null, null, null),
                "nightly", new Workload("cron", List.of(container("report", "ghcr.io/acme/report:2", null)), null, null, null, "@daily",
                        null)),
                new ReleaseSpec(List.of(container("migrate", "ghcr.io/acme/migrate:2", null)), null, null), routes);
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return (T) objects.stream().filter(o -> type.isInstance(o) && o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + objects));
    }

    @Test
    void eachWorkloadBecomesItsObjectsAndTheReleaseJobComesBeforeThem() {
        ManifestRenderer.Rendered rendered = ManifestRenderer.renderParts(TARGET, spec(null));
        assertEquals(List.of("Namespace/shop-prod", "ConfigMap/shop-config"),
                rendered.shared().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        Job release = (Job) rendered.release();
        assertEquals(ManifestRenderer.releaseJobName("shop", "d-7"), release.getMetadata().getName());
        assertEquals("Never", release.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertEquals(0, release.getSpec().getBackoffLimit());
        assertEquals(List.of("CronJob/shop-nightly", "Deployment/shop-web", "Service/shop-web", "HorizontalPodAutoscaler/shop-web",
                "Deployment/shop-worker"), rendered.workloads().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        assertEquals(List.of("web", "worker"), rendered.rollouts().stream().map(ManifestRenderer.Rollout::workload).toList());

        List<HasMetadata> all = rendered.all();
        assertNull(find(all, Deployment.class, "shop-web").getSpec().getReplicas(), "replicas belong to the autoscaler");
        assertEquals(3, find(all, Deployment.class, "shop-worker").getSpec().getReplicas());
        HorizontalPodAutoscaler hpa = find(all, HorizontalPodAutoscaler.class, "shop-web");
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(5, hpa.getSpec().getMaxReplicas());
        assertEquals(80, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        CronJob nightly = find(all, CronJob.class, "shop-nightly");
        assertEquals("@daily", nightly.getSpec().getSchedule());
        assertEquals("Forbid", nightly.getSpec().getConcurrencyPolicy());
        assertFalse(nightly.getSpec().getJobTemplate().getMetadata().getLabels().containsKey(ManifestRenderer.MANAGED_BY_LABEL),
                "a cron run is the cluster's: pruning never deletes it");
        assertEquals(ManifestRenderer.releaseJobName("shop", "d-7"), ManifestRenderer.releaseJobName("shop", "d-7"));
        assertNotEquals(ManifestRenderer.releaseJobName("shop", "d-7"), ManifestRenderer.releaseJobName("shop", "d-8"));
    }

    @Test
    void noSelectorMatchesAnotherWorkloadsPods() {
        List<HasMetadata> all = ManifestRenderer.render(TARGET, spec(null));
        Map<String, String> web = find(all, Deployment.class, "shop-web").getSpec().getSelector().getMatchLabels();
        Map<String, String> worker = find(all, Deployment.class, "shop-worker").getSpec().getSelector().getMatchLabels();
        Map<String, String> primary = ManifestRenderer.selectorLabels("shop", "prod");
        for (HasMetadata object : all) {
            Map<String, String> podLabels = object instanceof Deployment d
                    ? d.getSpec().getTemplate().getMetadata().getLabels()
                    : object instanceof CronJob c
                            ? c.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels()
                            : object instanceof Job j ? j.getSpec().getTemplate().getMetadata().getLabels() : null;
            if (podLabels == null) {
                continue;
            }
            String name = object.getMetadata().getName();
            assertEquals(name.equals("shop-web"), podLabels.entrySet().containsAll(web.entrySet()), name);
            assertEquals(name.equals("shop-worker"), podLabels.entrySet().containsAll(worker.entrySet()), name);
            assertFalse(podLabels.entrySet().containsAll(primary.entrySet()), "the primary selector would take " + name);
            assertEquals("shop", podLabels.get(ManifestRenderer.NAME_LABEL), "the application's name label, for pruning and logs");
        }
        assertEquals(find(all, Service.class, "shop-web").getSpec().getSelector(), web);
    }

    @Test
    void theFormationGivesReplicasTheSpecLeavesOpen() {
        RenderTarget target = new RenderTarget("shop", "prod", "shop-prod", "d-7", Map.of(), WorkloadSecrets.NONE,
                Map.of("shop", 4, "worker", 9), RoutingSpec.NONE);
        WorkloadSpec single = new WorkloadSpec(List.of(container("web", "nginx:1", null)), null, null, null);
        assertEquals(4, find(ManifestRenderer.render(target, single), Deployment.class, "shop").getSpec().getReplicas());
        WorkloadSpec explicit = new WorkloadSpec(List.of(container("web", "nginx:1", null)), 2, null, null);
        assertEquals(2, find(ManifestRenderer.render(target, explicit), Deployment.class, "shop").getSpec().getReplicas(),
                "the spec's replicas win");
        assertEquals(3, find(ManifestRenderer.render(target, spec(null)), Deployment.class, "shop-worker").getSpec().getReplicas());
    }

    @Test
    void routesBecomeAnIngressWithTlsOrHttpRoutesOnAGateway() {
        List<RouteSpec> routes = List.of(new RouteSpec("shop.example.com", null, "web", 80),
                new RouteSpec("shop.example.com", "/admin", null, 80), new RouteSpec("api.example.com", "/v1", "web", 80));
        RenderTarget issued = new RenderTarget("shop", "prod", "shop-prod", "d-7", Map.of(), WorkloadSecrets.NONE, Map.of(),
                new RoutingSpec("nginx", null, new RoutingSpec.TlsSpec(null, "letsencrypt", null)));
        Ingress ingress = find(ManifestRenderer.render(issued, spec(routes)), Ingress.class, "shop");
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals("letsencrypt", ingress.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
        assertEquals(List.of("api.example.com", "shop.example.com"), ingress.getSpec().getTls().get(0).getHosts());
        assertEquals("shop-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(List.of("/", "/admin"), ingress.getSpec().getRules().stream().filter(r -> r.getHost().equals("shop.example.com"))
                .findFirst().orElseThrow().getHttp().getPaths().stream().map(p -> p.getPath()).toList());
        assertTrue(ingress.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .allMatch(p -> p.getBackend().getService().getName().equals("shop-web") && p.getBackend().getService().getPort()
                        .getNumber() == 80));

        RenderTarget gateway = new RenderTarget("shop", "prod", "shop-prod", "d-7", Map.of(), WorkloadSecrets.NONE, Map.of(),
                new RoutingSpec(null, new RoutingSpec.GatewayRef("public", "gateways"), null));
        List<GenericKubernetesResource> httpRoutes = ManifestRenderer.render(gateway, spec(routes)).stream()
                .filter(GenericKubernetesResource.class::isInstance).map(GenericKubernetesResource.class::cast).toList();
        assertEquals(2, httpRoutes.size(), "one HTTPRoute per host");
        assertTrue(httpRoutes.stream().allMatch(r -> r.getApiVersion().equals("gateway.networking.k8s.io/v1")));
        assertFalse(ManifestRenderer.render(gateway, spec(routes)).stream().anyMatch(Ingress.class::isInstance));
    }

    @Test
    void aRouteToAWorkerOrAMissingPortIsRefused() {
        var invalid = assertThrows(SlipwayException.Invalid.class, () -> ManifestRenderer.render(TARGET,
                spec(List.of(new RouteSpec("a.example.com", null, "worker", 80), new RouteSpec("b.example.com", null, "web", 81)))));
        assertEquals(List.of("spec.routes[0].workload", "spec.routes[1].port"),
                invalid.fieldErrors().stream().map(e -> e.field()).toList());
    }
}
