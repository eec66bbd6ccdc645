package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Polling;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several workloads per deployment (a service, a worker, a cron job), the release job that runs
 * before them, and autoscaled workloads, driven through the REST API onto the sandbox cluster.
 */
@QuarkusTest
class WorkloadsDeploymentTest {
    static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";

    @Inject
    SandboxCluster sandbox;

    static Map<String, Object> container(String name, String image, Object... args) {
        return args.length == 0 ? Map.of("name", name, "image", image) : Map.of("name", name, "image", image, "args", List.of(args));
    }

    /** A web service, a worker with two replicas and a nightly report, released by a migration. */
    static Map<String, Object> threeWorkloads(String version, String migrateImage) {
        return Map.of(
                "workloads", Map.of(
                        "web", Map.of("kind", "service",
                                "containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:" + version,
                                        "ports", List.of(Map.of("containerPort", 8080)))),
                                "servicePorts", List.of(Map.of("port", 80, "targetPort", 8080))),
                        "worker", Map.of("kind", "worker", "replicas", 2,
                                "containers", List.of(container("worker", "ghcr.io/acme/worker:" + version))),
                        "nightly", Map.of("kind", "cron", "schedule", "0 3 * * *",
                                "containers", List.of(container("report", "ghcr.io/acme/report:" + version)))),
                "release", Map.of("containers", List.of(container("migrate", migrateImage, "migrate", "--password=$(DB_PASSWORD)"))));
    }

    static String deploy(String app, String env, Map<String, Object> spec) {
        return as(ALICE).body(Map.of("spec", spec, "reason", "test")).post(DEPLOYMENTS, app, env).then().statusCode(202).extract()
                .path("id");
    }

    @Test
    void aServiceAWorkerAndACronJobRollOutAfterTheReleaseJob() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = deploy(app, "dev", threeWorkloads("1", "ghcr.io/acme/migrate:1"));

        JsonPath done = awaitTerminal(app, "dev", id);
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals(3, done.getInt("observedReplicas"), "one web pod and two worker pods");
        assertEquals("service", done.getString("spec.workloads.web.kind"));

        String ns = app + "-dev";
        Deployment web = cluster().apps().deployments().inNamespace(ns).withName(app + "-web").get();
        Deployment worker = cluster().apps().deployments().inNamespace(ns).withName(app + "-worker").get();
        assertEquals(1, web.getSpec().getReplicas());
        assertEquals(2, worker.getSpec().getReplicas());
        assertNotNull(cluster().services().inNamespace(ns).withName(app + "-web").get(), "a service has a Service");
        assertNull(cluster().services().inNamespace(ns).withName(app + "-worker").get(), "a worker has none");
        CronJob nightly = cluster().batch().v1().cronjobs().inNamespace(ns).withName(app + "-nightly").get();
        assertEquals("0 3 * * *", nightly.getSpec().getSchedule());
        assertEquals("Forbid", nightly.getSpec().getConcurrencyPolicy());

        List<Job> releases = cluster().batch().v1().jobs().inNamespace(ns).list().getItems();
        assertEquals(1, releases.size());
        Job release = releases.get(0);
        assertTrue(release.getMetadata().getName().startsWith(app + "-release-"));
        assertTrue(release.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Complete")));
        assertTrue(release.getMetadata().getCreationTimestamp().compareTo(web.getMetadata().getCreationTimestamp()) <= 0,
                "the release job is created before the workloads");

        // Each workload's selector finds its own pods only: the web Service never sends traffic to a worker.
        List<Pod> webPods = cluster().pods().inNamespace(ns).withLabels(web.getSpec().getSelector().getMatchLabels()).list().getItems();
        assertFalse(webPods.isEmpty());
        assertTrue(webPods.stream().allMatch(pod -> pod.getSpec().getContainers().get(0).getName().equals("web")));
        assertEquals(2, cluster().pods().inNamespace(ns).withLabels(worker.getSpec().getSelector().getMatchLabels()).list().getItems()
                .stream().filter(pod -> "Running".equals(pod.getStatus().getPhase())).count());
    }

    @Test
    void aFailedReleaseJobFailsTheDeploymentAndNothingRollsOut() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        as(ALICE).body(Map.of("changes", List.of(Map.of("name", "DB_PASSWORD", "secret", "hunter2-very-secret")), "message", "test"))
                .patch("/api/v1/applications/{a}/config", app).then().statusCode(200);
        String first = deploy(app, "dev", threeWorkloads("1", "ghcr.io/acme/migrate:1"));
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", first).getString("status"));

        String second = deploy(app, "dev", threeWorkloads("2", "ghcr.io/acme/migrate:crash"));
        JsonPath failed = awaitTerminal(app, "dev", second);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("ReleaseJobFailed", failed.getString("statusReason"));
        String message = failed.getString("statusMessage");
        assertTrue(message.contains("last log lines"), message);
        assertTrue(message.contains("--password=****"), "the secret it printed is masked: " + message);
        assertFalse(message.contains("hunter2-very-secret"), message);

        String ns = app + "-dev";
        assertEquals("ghcr.io/acme/web:1", cluster().apps().deployments().inNamespace(ns).withName(app + "-web").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage(), "nothing rolled out");
        as(ALICE).get("/api/v1/applications/{a}/environments/dev", app).then().body("currentDeploymentId", equalTo(first));
    }

    @Test
    void theFirstWorkloadThatFailsIsNamed() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Map<String, Object> spec = Map.of("workloads", Map.of(
                "api", Map.of("kind", "worker", "containers", List.of(container("api", "ghcr.io/acme/api:1"))),
                "queue", Map.of("kind", "worker", "containers", List.of(container("queue", "ghcr.io/acme/queue:fail")))));
        JsonPath failed = awaitTerminal(app, "dev", deploy(app, "dev", spec));
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("statusMessage").startsWith("workload queue: "), failed.getString("statusMessage"));
    }

    @Test
    void anAutoscaledWorkloadKeepsTheReplicasTheAutoscalerChose() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Map<String, Object> autoscaled = Map.of("containers", List.of(container("web", "ghcr.io/acme/web:1")),
                "autoscaling", Map.of("minReplicas", 2, "maxReplicas", 6, "targetCPUUtilizationPercentage", 70));
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", deploy(app, "dev", autoscaled)).getString("status"));
        String ns = app + "-dev";
        var hpa = cluster().autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName(app).get();
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(6, hpa.getSpec().getMaxReplicas());
        assertEquals(app, hpa.getSpec().getScaleTargetRef().getName());
        Polling.await("the autoscaler raises the replicas to its minimum", Duration.ofSeconds(10),
                () -> Integer.valueOf(2).equals(replicas(ns, app)));

        // The autoscaler scales out; a later deployment must not take that back.
        cluster().apps().deployments().inNamespace(ns).withName(app).edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        Map<String, Object> next = Map.of("containers", List.of(container("web", "ghcr.io/acme/web:2")),
                "autoscaling", Map.of("minReplicas", 2, "maxReplicas", 6));
        assertEquals("SUCCEEDED", awaitTerminal(app, "dev", deploy(app, "dev", next)).getString("status"));
        assertEquals(5, replicas(ns, app), "server-side apply left the replicas to the autoscaler");
        assertEquals("ghcr.io/acme/web:2", cluster().apps().deployments().inNamespace(ns).withName(app).get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aSpecMixingTheSingleWorkloadAndWorkloadsIsRefusedWithEveryProblem() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        Map<String, Object> spec = Map.of(
                "containers", List.of(container("web", "nginx:1")),
                "workloads", Map.of(
                        "Bad_Name", Map.of("kind", "service", "containers", List.of(container("a", "nginx:1"))),
                        "jobs", Map.of("kind", "cron", "schedule", "every day", "containers", List.of(container("a", "nginx:1"))),
                        "release", Map.of("kind", "daemon", "containers", List.of(container("c", "nginx:1")))),
                "routes", List.of(Map.of("host", "Shop.Example.com", "workload", "jobs", "port", 80)));
        as(ALICE).body(Map.of("spec", spec)).post(DEPLOYMENTS, app, "dev").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("spec.workloads", "spec.workloads.Bad_Name",
                        "spec.workloads.Bad_Name.servicePorts", "spec.workloads.jobs.schedule", "spec.workloads.release",
                        "spec.workloads.release.kind", "spec.routes[0].host", "spec.routes[0].workload"))
                .body("errors.find { it.field == 'spec.workloads' && it.message.contains('unique') }.message", containsString("'a'"));
    }

    private Integer replicas(String ns, String name) {
        Deployment deployment = cluster().apps().deployments().inNamespace(ns).withName(name).get();
        return deployment == null ? null : deployment.getSpec().getReplicas();
    }

    private KubernetesClient cluster() {
        return sandbox.client();
    }
}
