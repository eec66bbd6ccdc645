package dev.slipway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.cluster.driver.DriverPermissions;
import dev.slipway.cluster.driver.DriverPermissions.Grant;
import dev.slipway.cluster.driver.DriverPermissions.Reach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders deploy/ with {@code kubectl kustomize} (no cluster needed): every overlay with every
 * combination of the components, and checks what an installation relies on. The RBAC must grant
 * exactly {@link DriverPermissions}: a rule the driver does not need is as much a failure as one
 * it lacks.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("deploy").toAbsolutePath();
    private static final Path RENDERS = Path.of("target", "deploy-renders").toAbsolutePath();
    private static final List<String> OVERLAYS = List.of("dev", "production");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CONTAINER = "slipway";

    private static String kubectl;

    @BeforeAll
    static void findKubectl() {
        kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).map(Path::toString).findFirst()
                .orElseGet(() -> fail("kubectl is not on the PATH: DeployManifestsTest renders deploy/ with `kubectl kustomize`."
                        + " Install it (Debian/Ubuntu: apt-get install kubectl, or https://kubernetes.io/docs/tasks/tools/)."));
    }

    /** One rendering: an overlay plus some components. */
    record Variant(String overlay, List<String> components) {
        boolean has(String component) {
            return components.contains(component);
        }

        @Override
        public String toString() {
            return overlay + (components.isEmpty() ? "" : " + " + String.join(" + ", components));
        }
    }

    /** Every overlay with every subset of the components that exist (monitoring is another part's, rendered when present). */
    static List<Variant> variants() throws IOException {
        List<String> components;
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("components"))) {
            components = dirs.filter(dir -> Files.exists(dir.resolve("kustomization.yaml"))).map(dir -> dir.getFileName().toString())
                    .sorted().toList();
        }
        List<Variant> variants = new ArrayList<>();
        for (String overlay : OVERLAYS) {
            for (int subset = 0; subset < 1 << components.size(); subset++) {
                List<String> chosen = new ArrayList<>();
                for (int i = 0; i < components.size(); i++) {
                    if ((subset & 1 << i) != 0) {
                        chosen.add(components.get(i));
                    }
                }
                variants.add(new Variant(overlay, chosen));
            }
        }
        return variants;
    }

    @TestFactory
    Stream<DynamicTest> everyOverlayWithEveryCombinationOfComponents() throws IOException {
        return variants().stream().map(variant -> DynamicTest.dynamicTest(variant.toString(), () -> check(variant, render(variant))));
    }

    @Test
    void theBaseClusterRoleGrantsExactlyWhatTheDriverNeeds() throws IOException {
        List<JsonNode> base = render(DEPLOY.resolve("base"));
        assertEquals(DriverPermissions.grants(), grants(one(base, "ClusterRole", "slipway")),
                "deploy/base/clusterrole.yaml against DriverPermissions.ALL");
    }

    @Test
    void namespacedModeGrantsPerNamespaceWhatTheDriverDoesInANamespaceAndClusterWideOnlyTheRolloutWatch() throws IOException {
        List<JsonNode> objects = render(new Variant("production", List.of("namespaced")));
        assertEquals(DriverPermissions.grants(Set.of(Reach.EACH_NAMESPACE)), grants(one(objects, "ClusterRole", "slipway-environment")),
                "deploy/components/namespaced/clusterrole-environment.yaml against DriverPermissions (EACH_NAMESPACE)");
        assertEquals(DriverPermissions.grants(Set.of(Reach.ALL_NAMESPACES)), grants(one(objects, "ClusterRole", "slipway-rollouts")),
                "deploy/components/namespaced/clusterrole-rollouts.yaml against DriverPermissions (ALL_NAMESPACES)");
        List<JsonNode> roleBindings = all(objects, "RoleBinding");
        assertFalse(roleBindings.isEmpty(), "namespaced mode binds the rules in the listed namespaces");
    }

    @Test
    void theReadmesRbacTableIsDriverPermissions() throws IOException {
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        int start = readme.indexOf("<!-- rbac-table:start");
        int end = readme.indexOf("<!-- rbac-table:end -->");
        assertTrue(start >= 0 && end > start, "deploy/README.md has the rbac-table markers");
        String table = readme.substring(readme.indexOf('\n', start) + 1, end);
        String expected = rbacTable();
        Files.createDirectories(RENDERS);
        Files.writeString(RENDERS.resolve("rbac-table.md"), expected);
        assertEquals(expected, table, "deploy/README.md's RBAC table differs from DriverPermissions; put this between the markers"
                + " (also in target/deploy-renders/rbac-table.md):\n" + expected);
    }

    /** DriverPermissions as the Markdown table of deploy/README.md. */
    static String rbacTable() {
        List<String> verbOrder = List.of("get", "list", "watch", "create", "patch", "delete");
        StringBuilder table = new StringBuilder("| API group | resource | verbs | reach | why |\n| --- | --- | --- | --- | --- |\n");
        for (DriverPermissions.Permission permission : DriverPermissions.ALL) {
            String verbs = permission.verbs().stream().sorted(java.util.Comparator.comparingInt(verbOrder::indexOf))
                    .collect(Collectors.joining(", "));
            table.append("| ").append(permission.group().isEmpty() ? "core" : "`" + permission.group() + "`")
                    .append(" | `").append(permission.resource()).append("` | ").append(verbs)
                    .append(" | ").append(permission.reach()).append(" | ").append(permission.why()).append(" |\n");
        }
        return table.toString();
    }

    private static void check(Variant variant, List<JsonNode> objects) {
        JsonNode deployment = one(objects, "Deployment", "slipway");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = container(pod);

        String image = container.path("image").asText();
        assertTrue(image.contains(":") || image.contains("@sha256:"), () -> variant + ": image " + image + " names no tag");
        assertFalse(image.endsWith(":latest"), () -> variant + ": image " + image + " is :latest");
        assertFalse(image.startsWith("slipway:") && variant.overlay().equals("production"),
                () -> variant + ": production must set a registry image, not the placeholder (" + image + ")");

        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText(),
                variant + ": startup probe");
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText(), variant + ": liveness probe");
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText(),
                variant + ": readiness probe");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(container.path("resources").path(bound).path(resource).asText().isEmpty(),
                        () -> variant + ": resources." + bound + "." + resource + " missing");
            }
        }

        checkSecretsKeyAndCredentials(variant, objects, container);
        checkRestricted(variant, objects, pod, container);

        int replicas = deployment.path("spec").path("replicas").asInt();
        Optional<JsonNode> budget = find(objects, "PodDisruptionBudget", "slipway");
        if (variant.overlay().equals("production")) {
            assertEquals(2, replicas, variant + ": replicas");
            assertTrue(budget.isPresent(), variant + ": a PodDisruptionBudget keeps a replica through drains");
            assertEquals(deployment.path("spec").path("selector").path("matchLabels"),
                    budget.get().path("spec").path("selector").path("matchLabels"), variant + ": the budget selects the API pods");
            Set<String> spreadKeys = new HashSet<>();
            pod.path("topologySpreadConstraints").forEach(constraint -> spreadKeys.add(constraint.path("topologyKey").asText()));
            assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), spreadKeys, variant + ": topology spread");
        } else {
            assertEquals(1, replicas, variant + ": one replica in dev");
            assertTrue(budget.isEmpty(), variant + ": no budget with a single replica (it would block every drain)");
        }

        checkRbac(variant, objects);
    }

    /** The sealing key from the Secret slipway-secrets; settings from the generated (hashed) ConfigMap; database credentials from a Secret. */
    private static void checkSecretsKeyAndCredentials(Variant variant, List<JsonNode> objects, JsonNode container) {
        Map<String, JsonNode> env = new java.util.HashMap<>();
        container.path("env").forEach(entry -> env.put(entry.path("name").asText(), entry));
        List<String> keys = env.keySet().stream().filter(name -> name.startsWith("SLIPWAY_SECRETS_KEYS_")).toList();
        assertEquals(List.of("SLIPWAY_SECRETS_KEYS_PRIMARY"), keys, variant + ": one secrets key variable");
        JsonNode keyRef = env.get("SLIPWAY_SECRETS_KEYS_PRIMARY").path("valueFrom").path("secretKeyRef");
        assertEquals("slipway-secrets", keyRef.path("name").asText(), variant + ": the secrets key comes from the Secret slipway-secrets");
        assertEquals("primary", keyRef.path("key").asText(), variant + ": the secrets key's Secret key");
        for (String credential : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertNotNull(env.get(credential), variant + ": " + credential + " is set");
            assertEquals("slipway-database", env.get(credential).path("valueFrom").path("secretKeyRef").path("name").asText(),
                    variant + ": " + credential + " comes from the Secret slipway-database");
        }

        List<String> configMaps = new ArrayList<>();
        container.path("envFrom").forEach(source -> {
            if (source.has("configMapRef")) {
                configMaps.add(source.path("configMapRef").path("name").asText());
            }
        });
        assertEquals(1, configMaps.size(), variant + ": settings from one ConfigMap");
        String name = configMaps.get(0);
        assertTrue(name.matches("slipway-config-[a-z0-9]{10}"), () -> variant + ": the Deployment refers to the generated, hashed"
                + " ConfigMap (a changed setting rolls the pods), not " + name);
        JsonNode settings = one(objects, "ConfigMap", name).path("data");
        for (String setting : List.of("QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_CLIENT_ID", "QUARKUS_OIDC_TOKEN_AUDIENCE",
                "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
            assertFalse(settings.path(setting).asText().isEmpty(), () -> variant + ": " + setting + " is in " + name);
        }
        assertEquals("primary", settings.path("SLIPWAY_SECRETS_ACTIVE_KEY").asText(), variant + ": the active key names the wired one");
        settings.fieldNames().forEachRemaining(setting -> assertFalse(setting.contains("PASSWORD") || setting.contains("SECRET_KEY")
                || setting.startsWith("SLIPWAY_SECRETS_KEYS_"), () -> variant + ": a credential (" + setting + ") in the ConfigMap"));

        List<JsonNode> secrets = all(objects, "Secret");
        if (variant.overlay().equals("production")) {
            assertTrue(secrets.isEmpty(), () -> variant + ": production creates no Secret (no credential lives in Git): " + secrets);
        } else {
            secrets.forEach(secret -> assertTrue(secret.path("metadata").path("annotations").path("slipway.dev/warning").asText()
                    .contains("throwaway"), () -> variant + ": a dev Secret says it is throwaway: " + secret));
        }
    }

    /** The restricted Pod Security Standard: what the namespace enforces, the pod must satisfy. */
    private static void checkRestricted(Variant variant, List<JsonNode> objects, JsonNode pod, JsonNode container) {
        JsonNode namespace = one(objects, "Namespace", "slipway-system");
        assertEquals("restricted", namespace.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText(),
                variant + ": the namespace enforces the restricted Pod Security Standard");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), variant + ": runAsNonRoot");
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), variant + ": seccomp");
        JsonNode security = container.path("securityContext");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), variant + ": allowPrivilegeEscalation false");
        assertFalse(security.path("privileged").asBoolean(false), variant + ": not privileged");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), variant + ": read-only root filesystem");
        List<String> dropped = new ArrayList<>();
        security.path("capabilities").path("drop").forEach(capability -> dropped.add(capability.asText()));
        assertEquals(List.of("ALL"), dropped, variant + ": all capabilities dropped");
        assertTrue(security.path("capabilities").path("add").isMissingNode(), variant + ": no capability added");
    }

    /**
     * Cluster-wide, exactly DriverPermissions (no wildcard, no Secret watch, Secret list only as
     * the list has it); namespaced, the ClusterRoles are checked in their own test and none may be
     * bound cluster-wide besides the rollout watch.
     */
    private static void checkRbac(Variant variant, List<JsonNode> objects) {
        for (JsonNode role : Stream.concat(all(objects, "ClusterRole").stream(), all(objects, "Role").stream()).toList()) {
            for (JsonNode rule : role.path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs")) {
                    rule.path(field).forEach(value -> assertFalse(value.asText().equals("*"),
                            () -> variant + ": " + role.path("metadata").path("name").asText() + " has a wildcard in " + field));
                }
                assertTrue(rule.path("nonResourceURLs").isMissingNode(),
                        variant + ": no nonResourceURLs (discovery is granted by Kubernetes)");
            }
        }
        Set<Grant> clusterWide = new HashSet<>();
        // Bindings of other identities (a component may bring some) are not Slipway's rights.
        for (JsonNode binding : all(objects, "ClusterRoleBinding")) {
            if (bindsSlipway(binding)) {
                clusterWide.addAll(grants(one(objects, "ClusterRole", binding.path("roleRef").path("name").asText())));
            }
        }
        Set<Grant> expected = variant.has("namespaced")
                ? DriverPermissions.grants(Set.of(Reach.ALL_NAMESPACES))
                : DriverPermissions.grants();
        assertEquals(new TreeSet<>(names(expected)), new TreeSet<>(names(clusterWide)),
                variant + ": what the ServiceAccount may do in every namespace");
        Set<String> secretVerbs = clusterWide.stream().filter(grant -> grant.group().isEmpty() && grant.resource().equals("secrets"))
                .map(Grant::verb).collect(Collectors.toSet());
        assertFalse(secretVerbs.contains("watch"), variant + ": no cluster-wide watch on Secrets");
        Set<String> secretVerbsNeeded = DriverPermissions.grants().stream()
                .filter(grant -> grant.group().isEmpty() && grant.resource().equals("secrets")).map(Grant::verb)
                .collect(Collectors.toSet());
        assertTrue(secretVerbsNeeded.containsAll(secretVerbs), variant + ": Secret verbs beyond DriverPermissions: " + secretVerbs);
        for (JsonNode binding : all(objects, "RoleBinding").stream().filter(DeployManifestsTest::bindsSlipway).toList()) {
            assertEquals("slipway-environment", binding.path("roleRef").path("name").asText(),
                    variant + ": RoleBindings grant the per-namespace rules");
        }
    }

    /** Whether the binding's subjects include Slipway's ServiceAccount. */
    private static boolean bindsSlipway(JsonNode binding) {
        for (JsonNode subject : binding.path("subjects")) {
            if ("ServiceAccount".equals(subject.path("kind").asText()) && "slipway".equals(subject.path("name").asText())
                    && "slipway-system".equals(subject.path("namespace").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> names(Set<Grant> grants) {
        return grants.stream().map(grant -> grant.group() + "/" + grant.resource() + ":" + grant.verb()).collect(Collectors.toSet());
    }

    /** A role's rules as (group, resource, verb) grants. */
    private static Set<Grant> grants(JsonNode role) {
        Set<Grant> grants = new HashSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        grants.add(new Grant(group.asText(), resource.asText(), verb.asText()));
                    }
                }
            }
        }
        return grants;
    }

    private static JsonNode container(JsonNode pod) {
        for (JsonNode container : pod.path("containers")) {
            if (CONTAINER.equals(container.path("name").asText())) {
                return container;
            }
        }
        return fail("no container named " + CONTAINER);
    }

    private static List<JsonNode> all(List<JsonNode> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    private static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return all(objects, kind).stream().filter(object -> name.equals(object.path("metadata").path("name").asText())).findFirst();
    }

    private static JsonNode one(List<JsonNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseGet(() -> fail("no " + kind + " " + name + " in the rendered manifests"));
    }

    /** Renders a variant through a kustomization of its own under target/ (kustomize only takes relative paths). */
    private static List<JsonNode> render(Variant variant) throws IOException {
        Path dir = RENDERS.resolve(variant.toString().replaceAll("[^a-z-]+", "_"));
        Files.createDirectories(dir);
        StringBuilder kustomization = new StringBuilder("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                """.formatted(dir.relativize(DEPLOY.resolve("overlays").resolve(variant.overlay()))));
        if (!variant.components().isEmpty()) {
            kustomization.append("components:\n");
            variant.components().forEach(component -> kustomization.append("  - ")
                    .append(dir.relativize(DEPLOY.resolve("components").resolve(component))).append('\n'));
        }
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        return render(dir);
    }

    private static List<JsonNode> render(Path kustomization) throws IOException {
        Process process = new ProcessBuilder(kubectl, "kustomize", kustomization.toString()).redirectErrorStream(false).start();
        byte[] out;
        byte[] err;
        try {
            out = process.getInputStream().readAllBytes();
            err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("kubectl kustomize " + kustomization + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (process.exitValue() != 0) {
            return fail("kubectl kustomize " + kustomization + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(out)) {
            documents.forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            });
        }
        return objects;
    }
}
