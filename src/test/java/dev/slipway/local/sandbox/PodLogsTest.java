package dev.slipway.local.sandbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pod logs through fabric8, as the product reads them: whole, tailed, since, with timestamps, and followed. */
class PodLogsTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z ";

    private static SandboxFixture sandbox;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = new SandboxFixture(INTERVAL);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aContainerPrintsItsExpandedCommandThenTicks() throws Exception {
        String ns = sandbox.namespace();
        sandbox.apply(new SecretBuilder().withNewMetadata().withName("db").withNamespace(ns).endMetadata()
                .addToStringData("password", "hunter2").build());
        sandbox.apply(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(ns).endMetadata()
                .addToData(Map.of("MODE", "fast", "REGION", "eu")).build());
        Container container = new ContainerBuilder().withName("app").withImage("registry.example/app:1")
                .withCommand("serve").withArgs("--password=$(DB_PASSWORD)", "--mode=$(MODE)", "--url=$(URL)", "$(UNKNOWN)", "$$(ESCAPED)")
                .addNewEnv().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "db", false).endValueFrom().endEnv()
                .addNewEnv().withName("HOST").withValue("db.local").endEnv()
                .addNewEnv().withName("URL").withValue("postgres://$(HOST)/$(REGION)").endEnv()
                .addNewEnvFrom().withNewConfigMapRef().withName("settings").endConfigMapRef().endEnvFrom()
                .build();
        String pod = runningPod(ns, "app", container);

        List<String> lines = SandboxFixture.await(() -> {
            List<String> found = sandbox.client.pods().inNamespace(ns).withName(pod).inContainer("app").getLog().lines().toList();
            return found.size() >= 4 ? found : null;
        }, "a few ticks");

        assertEquals("Starting app (image registry.example/app:1)", lines.get(0));
        assertEquals("serve --password=hunter2 --mode=fast --url=postgres://db.local/eu $(UNKNOWN) $(ESCAPED)", lines.get(1));
        assertEquals("tick 1", lines.get(2));
        assertEquals("tick 2", lines.get(3));
    }

    @Test
    void tailLinesSinceSecondsAndTimestampsSelectAndFormatAsKubernetesDoes() throws Exception {
        String ns = sandbox.namespace();
        String pod = runningPod(ns, "web", plain("web"));
        SandboxFixture.await(() -> sandbox.client.pods().inNamespace(ns).withName(pod).getLog().contains("tick 6") ? true : null, "ticks");

        String tail = sandbox.client.pods().inNamespace(ns).withName(pod).inContainer("web").usingTimestamps().tailingLines(5).getLog();

        List<String> lines = tail.lines().toList();
        assertEquals(5, lines.size(), tail);
        assertTrue(lines.stream().allMatch(line -> line.matches(TIMESTAMP + "tick \\d+")), tail);
        String recent = sandbox.client.pods().inNamespace(ns).withName(pod).inContainer("web").sinceSeconds(1).getLog();
        int ticks = (int) recent.lines().count();
        assertTrue(ticks >= 3 && ticks <= 7, "about five ticks of 200ms in the last second: " + recent);
        assertTrue(recent.lines().allMatch(line -> line.startsWith("tick ")), recent);
        String limited = sandbox.client.pods().inNamespace(ns).withName(pod).inContainer("web").limitBytes(8).getLog();
        assertEquals("Starting", limited);
    }

    @Test
    void errorsAreThoseOfARealApiServer() throws Exception {
        String ns = sandbox.namespace();
        Container sidecar = plain("sidecar");
        String pod = runningPod(ns, "pair", plain("main"), sidecar);
        String base = sandbox.server.url() + "/api/v1/namespaces/" + ns + "/pods/";

        HttpResponse<String> unnamed = get(base + pod + "/log");
        assertEquals(400, unnamed.statusCode());
        assertTrue(unnamed.body().contains("a container name must be specified for pod " + pod + ", choose one of: [main sidecar]"),
                unnamed.body());
        HttpResponse<String> unknown = get(base + pod + "/log?container=nope");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("container nope is not valid for pod " + pod), unknown.body());
        assertEquals(404, get(base + "missing/log").statusCode());
        HttpResponse<String> named = get(base + pod + "/log?container=sidecar");
        assertEquals(200, named.statusCode());
        assertTrue(named.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(named.body().startsWith("Starting sidecar (image registry.example/sidecar:1)\n"), named.body());

        String pulling = runningPod(ns, "ghost", new ContainerBuilder().withName("main").withImage("registry.example/ghost:fail").build());
        HttpResponse<String> waiting = get(base + pulling + "/log");
        assertEquals(400, waiting.statusCode());
        assertTrue(waiting.body().contains("is waiting to start"), waiting.body());
    }

    @Test
    void jobAndCrashLoopLogsEnd() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxJobsTest.job(ns, "migrate", "registry.example/app:1"));
        sandbox.client.batch().v1().jobs().inNamespace(ns).withName("migrate").waitUntilCondition(
                j -> j.getStatus() != null && Integer.valueOf(1).equals(j.getStatus().getSucceeded()), SandboxFixture.WAIT_SECONDS,
                TimeUnit.SECONDS);
        Pod jobPod = sandbox.client.pods().inNamespace(ns).withLabel("job-name", "migrate").list().getItems().get(0);
        List<String> jobLog = sandbox.client.pods().inNamespace(ns).withName(jobPod.getMetadata().getName()).getLog().lines().toList();
        assertEquals("bin/migrate", jobLog.get(1));
        assertEquals("done", jobLog.get(jobLog.size() - 1));

        String crashing = runningPod(ns, "boom", new ContainerBuilder().withName("main").withImage("registry.example/crash:1").build());
        String crashLog = sandbox.client.pods().inNamespace(ns).withName(crashing).withReadyWaitTimeout(0).getLog();
        assertEquals("Starting main (image registry.example/crash:1)\npanic: simulated crash\n", crashLog);
    }

    @Test
    void aFollowedLogDeliversLinesWrittenAfterItOpenedAndEndsWithThePod() throws Exception {
        String ns = sandbox.namespace();
        String pod = runningPod(ns, "web", plain("web"));

        try (LogWatch watch = sandbox.client.pods().inNamespace(ns).withName(pod).inContainer("web").tailingLines(1).watchLog();
                BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
            long opened = System.nanoTime();
            String first = reader.readLine();
            String next = reader.readLine();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
            assertTrue(next.startsWith("tick "), next);
            assertTrue(first.equals("Starting web (image registry.example/web:1)") || first.startsWith("tick "), first);
            int after = Integer.parseInt(next.substring("tick ".length()));
            String third = reader.readLine();
            assertEquals("tick " + (after + 1), third, "written " + waited + " ms after opening, and one more");

            sandbox.client.apps().deployments().inNamespace(ns).withName("web").delete();
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
                try {
                    while (reader.readLine() != null) {
                        // reading the ticks until the stream ends
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ended.get(SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFollowedLogStreamsOverPlainHttpWithTimestamps() throws Exception {
        String ns = sandbox.namespace();
        String pod = runningPod(ns, "web", plain("web"));
        URI uri = URI.create(
                sandbox.server.url() + "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?follow=true&timestamps=true&tailLines=0");

        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, response.statusCode());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long opened = System.nanoTime();
            String line = reader.readLine();
            assertTrue(line.matches(TIMESTAMP + "tick \\d+"), line);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened) < 2_000, "arrived as it was written");
        }
    }

    /** Rolls out a one-replica Deployment and returns its pod's name. */
    private static String runningPod(String ns, String name, Container... containers) {
        sandbox.apply(new DeploymentBuilder(SandboxFixture.deployment(ns, name, 1, containers[0]))
                .editSpec().editTemplate().editSpec().withContainers(containers).endSpec().endTemplate().endSpec().build());
        sandbox.awaitObserved(ns, name, 1);
        List<Pod> pods = sandbox.client.pods().inNamespace(ns).withLabel("app", name).list().getItems();
        assertEquals(1, pods.size());
        return pods.get(0).getMetadata().getName();
    }

    private static Container plain(String name) {
        return new ContainerBuilder().withName(name).withImage("registry.example/" + name + ":1").build();
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
