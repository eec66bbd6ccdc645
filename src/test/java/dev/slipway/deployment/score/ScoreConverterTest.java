package dev.slipway.deployment.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Score documents into workload specs: the mapping field by field, and every way a document is refused. */
class ScoreConverterTest {
    private static final String HEAD = """
            apiVersion: score.dev/v1b1
            metadata:
              name: checkout
            """;

    private static WorkloadSpec spec(String body) {
        return ScoreConverter.convert(HEAD + body).spec();
    }

    private static List<FieldError> errors(String document) {
        return assertThrows(SlipwayException.Invalid.class, () -> ScoreConverter.convert(document)).fieldErrors();
    }

    private static List<String> fields(String document) {
        return errors(document).stream().map(FieldError::field).toList();
    }

    private static String message(String document, String field) {
        return errors(document).stream().filter(error -> error.field().equals(field)).map(FieldError::message).findFirst()
                .orElseThrow(() -> new AssertionError("no error on " + field + " in " + errors(document)));
    }

    // ---- the mapping ----

    @Test
    void aMinimalWorkloadBecomesOneContainerNamedByItsKey() {
        ScoreWorkload workload = ScoreConverter.convert(HEAD + """
                containers:
                  web:
                    image: nginx:1.27
                """);
        assertEquals("checkout", workload.name());
        assertEquals(new WorkloadSpec(List.of(new ContainerSpec("web", "nginx:1.27", null, null, null, null, null, null, null)), null,
                List.of(), null), workload.spec());
    }

    @Test
    void containersKeepTheDocumentsOrder() {
        WorkloadSpec spec = spec("""
                containers:
                  zeta: {image: "ghcr.io/acme/zeta:1"}
                  alpha: {image: "ghcr.io/acme/alpha:1"}
                  mid: {image: "ghcr.io/acme/mid@sha256:%s"}
                """.formatted("a".repeat(64)));
        assertEquals(List.of("zeta", "alpha", "mid"), spec.containers().stream().map(ContainerSpec::name).toList());
    }

    @Test
    void variablesBecomeEnvInOrderWithPlaceholdersKeptAsWritten() {
        ContainerSpec web = spec("""
                containers:
                  web:
                    image: nginx:1.27
                    variables:
                      DB_HOST: ${resources.db.host}
                      NAME: ${metadata.name}
                      WHERE: "${environment.name}/${environment.namespace}"
                      APP: ${application.name}
                      LITERAL: $${not-a-placeholder}
                      EMPTY: ""
                resources:
                  db:
                    type: postgres
                """).containers().get(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("DB_HOST", "${resources.db.host}");
        expected.put("NAME", "${metadata.name}");
        expected.put("WHERE", "${environment.name}/${environment.namespace}");
        expected.put("APP", "${application.name}");
        expected.put("LITERAL", "$${not-a-placeholder}");
        expected.put("EMPTY", "");
        assertEquals(expected, web.env());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(web.env().keySet()), "document order");
    }

    @Test
    void commandArgsAndComputeResourcesKeepTheirNames() {
        ContainerSpec web = spec("""
                containers:
                  web:
                    image: busybox:1.36
                    command: ["/bin/sh", "-c"]
                    args: ["echo ${metadata.name}; sleep 3600"]
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
                      limits: {memory: 128Mi}
                """).containers().get(0);
        assertEquals(List.of("/bin/sh", "-c"), web.command());
        assertEquals(List.of("echo ${metadata.name}; sleep 3600"), web.args());
        assertEquals(new ResourcesSpec(Map.of("cpu", "100m", "memory", "64Mi"), Map.of("memory", "128Mi")), web.resources());
    }

    @Test
    void emptyListsAndMappingsAskForNothing() {
        ContainerSpec web = spec("""
                containers:
                  web:
                    image: nginx:1.27
                    command: []
                    variables: {}
                    files: []
                    volumes: []
                    resources: {limits: {}}
                """).containers().get(0);
        assertEquals(new ContainerSpec("web", "nginx:1.27", null, null, null, null, null, null, null), web);
    }

    @Test
    void httpGetAndExecProbesBecomeProbes() {
        ContainerSpec web = spec("""
                containers:
                  web:
                    image: nginx:1.27
                    livenessProbe:
                      exec:
                        command: ["cat", "/tmp/healthy"]
                    readinessProbe:
                      httpGet:
                        scheme: HTTP
                        path: /ready
                        port: 8080
                """).containers().get(0);
        assertEquals(new ProbeSpec(null, null, null, List.of("cat", "/tmp/healthy"), null, null, null, null), web.livenessProbe());
        assertEquals(new ProbeSpec("/ready", 8080, null, null, null, null, null, null), web.readinessProbe());
    }

    @Test
    void servicePortsBecomeServicePortsAndTheirTargetsPortsOfTheFirstContainer() {
        WorkloadSpec spec = spec("""
                containers:
                  web: {image: "nginx:1.27"}
                  sidecar: {image: "ghcr.io/acme/proxy:2"}
                service:
                  ports:
                    www: {port: 80, targetPort: 8080}
                    admin: {port: 9090}
                    alt: {port: 8081, targetPort: 8080}
                    dns: {port: 53, protocol: UDP}
                    dns-tcp: {port: 1053, targetPort: 53}
                """);
        assertEquals(List.of(new ServicePortSpec("www", 80, 8080, null), new ServicePortSpec("admin", 9090, null, null),
                new ServicePortSpec("alt", 8081, 8080, null), new ServicePortSpec("dns", 53, null, "UDP"),
                new ServicePortSpec("dns-tcp", 1053, 53, null)), spec.servicePorts());
        assertEquals(List.of(new ContainerPortSpec(null, 8080, null), new ContainerPortSpec(null, 9090, null),
                new ContainerPortSpec(null, 53, "UDP"), new ContainerPortSpec(null, 53, null)), spec.containers().get(0).ports(),
                "each target once per protocol, on the first container");
        assertNull(spec.containers().get(1).ports());
    }

    @Test
    void resourcesBecomeResourceRequestsWithoutTheirMetadata() {
        WorkloadSpec spec = spec("""
                containers:
                  web: {image: "nginx:1.27"}
                resources:
                  db:
                    type: postgres
                    class: large
                    metadata:
                      annotations: {team: payments}
                    params:
                      version: 16
                      extensions: [pgcrypto]
                      owner: ${metadata.name}
                  cache:
                    type: redis
                """);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("version", 16);
        params.put("extensions", List.of("pgcrypto"));
        params.put("owner", "${metadata.name}");
        assertEquals(List.of("db", "cache"), List.copyOf(spec.resources().keySet()));
        assertEquals(new ResourceRequest("postgres", "large", params), spec.resources().get("db"));
        assertEquals(new ResourceRequest("redis", null, null), spec.resources().get("cache"));
    }

    @Test
    void metadataBeyondTheNameIsAllowedAndUnused() {
        ScoreWorkload workload = ScoreConverter.convert("""
                apiVersion: score.dev/v1b1
                metadata:
                  name: checkout-api
                  annotations: {example.com/owner: payments}
                  team: payments
                containers:
                  web: {image: "nginx:1.27"}
                """);
        assertEquals("checkout-api", workload.name());
    }

    // ---- documents refused as a whole ----

    @ParameterizedTest
    @ValueSource(strings = { "", "   \n", "# only a comment\n" })
    void anEmptyDocumentIsRefused(String document) {
        assertEquals(List.of("score"), fields(document));
    }

    @Test
    void textThatIsNotYamlIsRefusedWithWhereTheParserStopped() {
        String message = message("apiVersion: score.dev/v1b1\ncontainers: [web\nmetadata: {}\n", "score");
        assertTrue(message.startsWith("is not valid YAML: expected ',' or ']'"), message);
        assertTrue(message.contains("(line 3, column"), message);
        assertTrue(message("\tapiVersion: score.dev/v1b1\n", "score").contains("(line 1, column 1)"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        String message = message(HEAD + "containers:\n  web: {image: a:1, image: b:2}\n", "score");
        assertTrue(message.contains("Duplicate field 'image'"), message);
    }

    @Test
    void aliasesAreRefusedRatherThanReadAsTheirName() {
        String message = message(HEAD + "x-defaults: &defaults {image: nginx:1.27}\ncontainers:\n  web: *defaults\n", "score");
        assertTrue(message.startsWith("uses a YAML alias (*defaults), which Slipway does not expand"), message);
        assertTrue(message(HEAD + "containers:\n  web:\n    image: nginx:1.27\n    args: [&a x, *a]\n", "score")
                .contains("alias (*a)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "- apiVersion: score.dev/v1b1\n", "just text\n", "42\n", "---\n" })
    void aDocumentThatIsNotAMappingIsRefused(String document) {
        assertTrue(message(document, "score").startsWith("must be a YAML mapping"), document);
    }

    @Test
    void aStreamOfSeveralDocumentsIsSeveralWorkloads() {
        String api = """
                apiVersion: score.dev/v1b1
                metadata: {name: api}
                containers:
                  api:
                    image: ghcr.io/acme/api:1
                    variables: {SERVICE: "${metadata.name}", DB: "${resources.db.host}", LITERAL: "$${metadata.name}"}
                service:
                  ports: {http: {port: 80, targetPort: 8080}}
                resources:
                  db: {type: postgres}
                """;
        String jobs = """
                apiVersion: score.dev/v1b1
                metadata: {name: jobs}
                containers:
                  jobs: {image: "ghcr.io/acme/jobs:1", args: ["--name=${metadata.name}"]}
                resources:
                  db: {type: postgres}
                """;
        WorkloadSpec spec = ScoreConverter.convert(api + "---\n" + jobs).spec();
        assertEquals(List.of("api", "jobs"), List.copyOf(spec.workloads().keySet()));
        assertEquals("service", spec.workloads().get("api").kind());
        assertEquals("worker", spec.workloads().get("jobs").kind(), "no service ports: a worker");
        assertEquals(Map.of("SERVICE", "api", "DB", "${resources.db.host}", "LITERAL", "$${metadata.name}"),
                spec.workloads().get("api").containers().get(0).env(), "each document's own name; other placeholders stay");
        assertEquals(List.of("--name=jobs"), spec.workloads().get("jobs").containers().get(0).args());
        assertEquals(Set.of("db"), spec.resources().keySet(), "the documents share their resources");
        assertNull(spec.containers());

        assertEquals("names another document's workload too; each document is a workload of its own name",
                message(api + "---\n" + api, "documents[1].metadata.name"));
        assertTrue(message(api + "---\n" + jobs.replace("{type: postgres}", "{type: redis}"), "documents[1].resources.db")
                .startsWith("is declared differently by an earlier document"));
        assertTrue(errors(api + "---\n" + jobs.replace("ghcr.io/acme/jobs:1", "UPPER case")).stream()
                .anyMatch(error -> error.field().equals("documents[1].containers.jobs.image")), "problems name their document");
        assertEquals("checkout", ScoreConverter.convert("---\n" + HEAD + "containers:\n  web: {image: \"nginx:1.27\"}\n").name(),
                "one document after a leading marker is one");
    }

    @ParameterizedTest
    @ValueSource(strings = { "score.dev/v1b2", "score.dev/v1", "apps/v1", "1" })
    void anotherApiVersionIsRefusedAlone(String version) {
        List<FieldError> errors = errors("apiVersion: " + version + "\ncontainers: 7\n");
        assertEquals(List.of("apiVersion"), errors.stream().map(FieldError::field).toList(), "nothing else is judged by the wrong version");
        assertTrue(errors.get(0).message().startsWith("must be score.dev/v1b1"));
    }

    // ---- the schema ----

    @Test
    void everySchemaViolationIsReportedAtOnceByItsPath() {
        List<String> fields = fields("""
                apiVersion: score.dev/v1b1
                metadata:
                  name: Checkout
                kind: Workload
                service:
                  ports:
                    www: {port: 70000, protocol: SCTP}
                containers:
                  web:
                    command: [1]
                    variables: {DEBUG: true}
                    resources: {limits: {cpu: 1}}
                    livenessProbe: {httpGet: {path: /alive}}
                  Bad_Name:
                    image: nginx:1.27
                resources:
                  db: {type: postgres, class: Large, size: 3}
                """);
        for (String field : List.of("metadata.name", "kind", "service.ports.www.port", "service.ports.www.protocol",
                "containers.web.image", "containers.web.command[0]", "containers.web.variables.DEBUG",
                "containers.web.resources.limits.cpu",
                "containers.web.livenessProbe.httpGet.port", "containers.Bad_Name", "resources.db.class", "resources.db.size")) {
            assertTrue(fields.contains(field), field + " missing from " + fields);
        }
    }

    @Test
    void missingTopLevelFieldsAreRequired() {
        assertEquals(List.of("apiVersion", "metadata", "containers"), fields("service: {}\n"));
        assertEquals(List.of("metadata.name", "containers"), fields("apiVersion: score.dev/v1b1\nmetadata: {}\ncontainers: {}\n"));
    }

    @Test
    void violationsSayWhatIsWrong() {
        String document = HEAD + "containers:\n  web:\n    image: nginx:1.27\n    command: [1]\n    typo: true\n";
        assertEquals("is not a field of Score v1b1 here", message(document, "containers.web.typo"));
        assertEquals("integer found, string expected", message(document, "containers.web.command[0]"));
        assertEquals("is required", message(HEAD + "containers:\n  web: {}\n", "containers.web.image"));
    }

    // ---- what Slipway cannot run yet ----

    @Test
    void featuresSlipwayCannotRunAreRefusedByName() {
        List<FieldError> errors = errors(HEAD + """
                containers:
                  web:
                    image: "."
                    files:
                      - target: /etc/app.conf
                        content: "port=${resources.db.port}"
                    volumes:
                      - source: ${resources.data}
                        target: /data
                    livenessProbe:
                      httpGet: {scheme: HTTPS, host: example.com, path: /alive, port: 8443,
                                httpHeaders: [{name: X-Probe, value: "1"}]}
                    readinessProbe: {}
                resources:
                  data: {type: volume, id: shared-data}
                """);
        assertEquals(List.of("containers.web.files", "containers.web.volumes", "containers.web.image",
                "containers.web.livenessProbe.httpGet.scheme", "containers.web.livenessProbe.httpGet.host",
                "containers.web.livenessProbe.httpGet.httpHeaders", "containers.web.readinessProbe", "resources.data.id"),
                errors.stream().map(FieldError::field).toList());
        assertTrue(errors.get(0).message().startsWith("is not supported yet"), errors.get(0).message());
    }

    @Test
    void aProbeNeedsExactlyOneCheck() {
        assertEquals("must have exactly one of httpGet or exec", message(HEAD + """
                containers:
                  web:
                    image: nginx:1.27
                    livenessProbe:
                      httpGet: {path: /alive, port: 80}
                      exec: {command: [true]}
                """, "containers.web.livenessProbe"));
    }

    @Test
    void schemaViolationsAndUnsupportedFeaturesComeInOneAnswer() {
        assertEquals(List.of("containers.web.image", "containers.web.files"),
                fields(HEAD + "containers:\n  web:\n    files: [{target: /a, content: b}]\n"));
    }

    // ---- the converted spec is checked like a submitted one, in the document's terms ----

    @Test
    void problemsOfTheConvertedSpecAreReportedWhereTheDocumentSaysIt() {
        List<FieldError> errors = errors(HEAD + """
                containers:
                  web:
                    image: "UPPER/Case image"
                    variables: {"my.var": x}
                    resources:
                      requests: {cpu: lots, memory: 2Gi}
                      limits: {memory: 1Gi}
                    readinessProbe:
                      httpGet: {path: ready, port: 8080}
                    livenessProbe:
                      exec: {command: [""]}
                service:
                  ports:
                    www: {port: 80, targetPort: 8080}
                    web: {port: 80}
                resources:
                  2db: {type: Postgres}
                """);
        assertEquals(List.of("containers.web.image", "containers.web.variables.my.var", "containers.web.resources.requests.cpu",
                "containers.web.resources.requests.memory", "containers.web.livenessProbe.exec.command",
                "containers.web.readinessProbe.httpGet.path", "service.ports.web.port", "resources.2db", "resources.2db.type"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    void tooManyContainersAreReportedOnTheContainers() {
        StringBuilder document = new StringBuilder(HEAD + "containers:\n");
        for (int i = 0; i < 11; i++) {
            document.append("  c").append(i).append(": {image: \"nginx:1.27\"}\n");
        }
        assertEquals(List.of("containers"), fields(document.toString()));
    }

    @Test
    void pathsOfTheSpecMapBackToTheDocument() {
        ScorePaths paths = new ScorePaths().map("spec.containers", "containers").map("spec.containers[1]", "containers.api")
                .map("spec.containers[1].env", "containers.api.variables");
        assertEquals("containers.api.variables.A.B", paths.toDocument("spec.containers[1].env.A.B"));
        assertEquals("containers.api.command[2]", paths.toDocument("spec.containers[1].command[2]"));
        assertEquals("containers", paths.toDocument("spec.containers"));
        assertEquals("score", paths.toDocument("spec.replicas"), "what the document did not say is reported on the document");
    }

    @Test
    void problemsFoundInTheSpecAreReportedWhereTheDocumentHasThem() {
        String document = HEAD + """
                containers:
                  api:
                    image: nginx:1.27
                  worker:
                    image: nginx:1.27
                    args: ["--db=${resources.db.password}"]
                    variables:
                      CACHE: ${resources.cache.host}
                resources:
                  db:
                    type: postgres
                """;
        List<FieldError> found = List.of(new FieldError("spec.containers[1].env.CACHE", "undeclared"),
                new FieldError("spec.containers[1].args[0]", "secret"), new FieldError("spec.resources.db.type", "unknown type"),
                new FieldError("config.DATABASE_URL", "undeclared"));

        assertEquals(List.of(new FieldError("containers.worker.variables.CACHE", "undeclared"),
                new FieldError("containers.worker.args[0]", "secret"), new FieldError("resources.db.type", "unknown type"),
                new FieldError("config.DATABASE_URL", "undeclared")), ScoreConverter.inDocument(document, found));
    }
}
