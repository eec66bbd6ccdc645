package dev.slipway.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.metrics.BusinessMetricsTest.ALICE;
import static dev.slipway.metrics.BusinessMetricsTest.BOB;
import static dev.slipway.metrics.BusinessMetricsTest.awaitTerminal;
import static dev.slipway.metrics.BusinessMetricsTest.deploy;
import static dev.slipway.metrics.BusinessMetricsTest.newApp;
import static dev.slipway.metrics.BusinessMetricsTest.spec;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/components/monitoring holds together: the Component's shape, alert rules with severity,
 * summary, description and a runbook that exists in docs/OPERATIONS.md, a Grafana dashboard that
 * Grafana can load, and (against a running Slipway, after the events that create each series)
 * every metric the rules and the dashboard query is one Slipway serves. Also every slipway_*
 * metric served is documented.
 */
@QuarkusTest
class MonitoringManifestsTest {
    private static final Path COMPONENT = Path.of("deploy/components/monitoring");
    private static final Path OPERATIONS = Path.of("docs/OPERATIONS.md");
    /** Metrics Slipway serves itself; other names (kube-state-metrics, up) come from elsewhere. */
    private static final Pattern OWN_METRIC = Pattern
            .compile("\\b(slipway_[a-z0-9_]+|http_server_requests_seconds_[a-z]+|jvm_[a-z0-9_]+)\\b");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Scrape scrape;

    /** After one of each event, so that every series the manifests use exists (once for the class). */
    private static synchronized Scrape afterHappenings() {
        if (scrape == null) {
            happenings();
        }
        return scrape;
    }

    private static void happenings() {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:2.0.0"));
        String key = Names.unique("key");
        Map<String, Object> body = Map.of("name", Names.unique("mon"), "ownerGroup", "team-a");
        as(ALICE).header("Idempotency-Key", key).body(body).post("/api/v1/applications").then().statusCode(201);
        as(ALICE).header("Idempotency-Key", key).body(body).post("/api/v1/applications").then().statusCode(201);
        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", Names.unique("mon"), "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(422);
        as(BOB).body(Map.of("spec", spec("ghcr.io/acme/web:2.0.0"))).post("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(403);
        scrape = Scrape.now();
    }

    @Test
    void theComponentIsAKustomizeComponentWithTheDashboardForTheGrafanaSidecar() throws IOException {
        JsonNode kustomization = YAML.readTree(COMPONENT.resolve("kustomization.yaml").toFile());
        assertEquals("kustomize.config.k8s.io/v1alpha1", kustomization.path("apiVersion").asText());
        assertEquals("Component", kustomization.path("kind").asText());
        JsonNode generator = kustomization.path("configMapGenerator").get(0);
        assertEquals("1", generator.path("options").path("labels").path("grafana_dashboard").asText());
        for (JsonNode resource : kustomization.path("resources")) {
            assertTrue(Files.exists(COMPONENT.resolve(resource.asText())), resource.asText());
        }

        JsonNode monitor = YAML.readTree(COMPONENT.resolve("servicemonitor.yaml").toFile());
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        assertEquals("ServiceMonitor", monitor.path("kind").asText());
        assertEquals("slipway", monitor.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText());
        assertEquals("api", monitor.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/component").asText());
        assertEquals("http", monitor.path("spec").path("endpoints").get(0).path("port").asText());
        assertEquals("/q/metrics", monitor.path("spec").path("endpoints").get(0).path("path").asText());
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndARunbookThatExists() throws IOException {
        JsonNode rule = YAML.readTree(COMPONENT.resolve("prometheusrule.yaml").toFile());
        assertEquals("PrometheusRule", rule.path("kind").asText());
        Set<String> anchors = anchors(Files.readString(OPERATIONS));
        int alerts = 0;
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                String name = alert.path("alert").asText();
                alerts++;
                assertTrue(Set.of("critical", "warning").contains(alert.path("labels").path("severity").asText()), name + " severity");
                assertFalse(alert.path("annotations").path("summary").asText().isBlank(), name + " summary");
                assertFalse(alert.path("annotations").path("description").asText().isBlank(), name + " description");
                String runbook = alert.path("annotations").path("runbook_url").asText();
                assertTrue(runbook.contains("OPERATIONS.md#"), name + " runbook " + runbook);
                String anchor = runbook.substring(runbook.indexOf('#') + 1);
                assertEquals(name.toLowerCase(Locale.ROOT), anchor, name + " runbook anchor is the alert's own section");
                assertTrue(anchors.contains(anchor), name + ": docs/OPERATIONS.md has no section #" + anchor);
                assertFalse(alert.path("expr").asText().isBlank(), name + " expr");
            }
        }
        assertTrue(alerts >= 6, "queue depth and age, cluster errors, 5xx, failing deployments, replicas: " + alerts);
    }

    @Test
    void theDashboardIsAGrafanaDashboardOnAPrometheusDatasourceVariable() throws IOException {
        JsonNode dashboard = JSON.readTree(COMPONENT.resolve("dashboards/slipway.json").toFile());
        assertEquals("slipway-overview", dashboard.path("uid").asText());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36, "schemaVersion");
        JsonNode datasource = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("datasource")) {
                datasource = variable;
            }
        }
        assertNotNull(datasource, "a datasource variable");
        assertEquals("prometheus", datasource.path("query").asText());
        String variable = "${" + datasource.path("name").asText() + "}";
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"), panel.path("title") + " gridPos");
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals(variable, panel.path("datasource").path("uid").asText(), panel.path("title") + " datasource");
            assertTrue(panel.path("targets").size() > 0, panel.path("title") + " has queries");
            for (JsonNode target : panel.path("targets")) {
                assertFalse(target.path("expr").asText().isBlank(), panel.path("title") + " expr");
                queries++;
            }
        }
        assertTrue(queries > 10, "queries: " + queries);
    }

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsServed() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String query : queries()) {
            used.addAll(ownMetrics(query));
        }
        Set<String> served = afterHappenings().names();
        List<String> missing = new ArrayList<>();
        for (String name : used) {
            if (!served.contains(name)) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "queried but not served: " + missing + "; served: " + served);
        for (String expected : List.of("slipway_deployments_finished_total", "slipway_deployment_queue_depth",
                "slipway_deployment_queue_oldest_age_seconds", "slipway_cluster_api_calls_total", "http_server_requests_seconds_count",
                "jvm_memory_used_bytes", "slipway_event_subscribers", "slipway_deployment_lease_takeovers_total",
                "slipway_deployment_accepted_to_applied_seconds_bucket", "slipway_deployment_accepted_to_finished_seconds_bucket",
                "slipway_idempotency_replays_total", "slipway_authorization_denials_total", "slipway_secrets_key_active",
                "slipway_deployment_lease_renewals_total", "slipway_webhook_attempts_total")) {
            assertTrue(used.contains(expected), "the rules or the dashboard use " + expected);
        }
    }

    @Test
    void everySlipwayMetricServedIsDocumented() throws IOException {
        String operations = Files.readString(OPERATIONS);
        List<String> undocumented = new ArrayList<>();
        for (String name : afterHappenings().names()) {
            String family = name.replaceAll("_(bucket|count|sum|max)$", "");
            if (name.startsWith("slipway_") && !operations.contains("`" + family + "`")) {
                undocumented.add(family);
            }
        }
        assertTrue(undocumented.isEmpty(), "not in docs/OPERATIONS.md#metrics: " + undocumented);
    }

    /** Every PromQL expression of the rules and the dashboard (panels and template variables). */
    private static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode group : YAML.readTree(COMPONENT.resolve("prometheusrule.yaml").toFile()).path("spec").path("groups")) {
            group.path("rules").forEach(rule -> queries.add(rule.path("expr").asText()));
        }
        JsonNode dashboard = JSON.readTree(COMPONENT.resolve("dashboards/slipway.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("definition").asText()));
        return queries;
    }

    private static Set<String> ownMetrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = OWN_METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
