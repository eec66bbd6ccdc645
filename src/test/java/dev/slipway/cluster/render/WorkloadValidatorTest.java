package dev.slipway.cluster.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.slipway.cluster.render.Workloads.DIGEST;
import static dev.slipway.cluster.render.Workloads.DIGEST_UPPER_CASE;
import static dev.slipway.cluster.render.Workloads.container;
import static dev.slipway.cluster.render.Workloads.execProbe;
import static dev.slipway.cluster.render.Workloads.fullContainer;
import static dev.slipway.cluster.render.Workloads.httpProbe;
import static dev.slipway.cluster.render.Workloads.tcpProbe;
import static dev.slipway.cluster.render.Workloads.timings;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadValidatorTest {

    // ---- whole spec ----

    @Test
    void acceptsFullAndMinimalSpecs() {
        assertDoesNotThrow(() -> WorkloadValidator.validate(Workloads.full(), "spec"));
        assertDoesNotThrow(() -> WorkloadValidator.validate(Workloads.minimal(), "spec"));
    }

    @Test
    void refusesMissingSpec() {
        assertEquals(List.of("spec"), fields(null));
        assertEquals(List.of("workload"), fields(null, "workload"));
    }

    @Test
    void collectsEveryProblemInOneException() {
        WorkloadSpec spec = new WorkloadSpec(
                List.of(container("Web", "nginx latest"), container("db", "")),
                101,
                List.of(new ServicePortSpec("http", 0, null, null)), null);
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class, () -> WorkloadValidator.validate(spec, "spec"));
        assertEquals(List.of("spec.containers[0].name", "spec.containers[0].image", "spec.containers[1].image",
                "spec.replicas", "spec.servicePorts[0].port"), e.fieldErrors().stream().map(FieldError::field).toList());
        assertEquals("5 fields are invalid; see errors", e.getMessage());
    }

    @Test
    void namesFieldsUnderThePrefix() {
        WorkloadSpec spec = Workloads.of(container("web", "Nginx"));
        assertEquals(List.of("spec.containers[0].image"), fields(spec, "spec"));
        assertEquals(List.of("deployment.workload.containers[0].image"), fields(spec, "deployment.workload"));
        assertEquals(List.of("containers[0].image"), fields(spec, ""));
        assertEquals(List.of("containers[0].image"), fields(spec, null));
    }

    @Test
    void singleProblemIsTheMessage() {
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class,
                () -> WorkloadValidator.validate(Workloads.of(container("web", "Nginx")), "spec"));
        assertEquals("spec.containers[0].image: repository must be lower case", e.getMessage());
    }

    // ---- containers ----

    @Test
    void requiresOneToTenContainers() {
        assertEquals(List.of("spec.containers"), fields(new WorkloadSpec(null, null, null, null)));
        assertEquals(List.of("spec.containers"), fields(new WorkloadSpec(List.of(), null, null, null)));
        assertDoesNotThrow(() -> WorkloadValidator.validate(new WorkloadSpec(containers(10), null, null, null), "spec"));
        assertEquals(List.of("spec.containers"), fields(new WorkloadSpec(containers(11), null, null, null)));
    }

    @Test
    void refusesNullContainer() {
        assertEquals(List.of("spec.containers[1]"),
                fields(new WorkloadSpec(Arrays.asList(container("a", "nginx"), null), null, null, null)));
    }

    @Test
    void requiresUniqueDnsLabelContainerNames() {
        assertEquals(List.of("spec.containers[1].name"), fields(Workloads.of(container("web", "nginx"), container("web", "redis"))));
        assertEquals(List.of("spec.containers[0].name"), fields(Workloads.of(container(null, "nginx"))));
        assertEquals(List.of("spec.containers[0].name"), fields(Workloads.of(container("web_1", "nginx"))));
        assertEquals(List.of("spec.containers[0].name"), fields(Workloads.of(container("a".repeat(64), "nginx"))));
        assertValid(Workloads.of(container("a".repeat(63), "nginx")));
    }

    @Test
    void refusesNullCommandAndArgumentElements() {
        ContainerSpec c = Workloads.withCommand(container("web", "nginx"), Arrays.asList("run", null), Arrays.asList(null, "x"));
        assertEquals(List.of("spec.containers[0].command[1]", "spec.containers[0].args[0]"), fields(Workloads.of(c)));
    }

    // ---- images ----

    @ParameterizedTest
    @ValueSource(strings = {
            "nginx", "nginx:1.25", "library/nginx:latest", "ghcr.io/acme/checkout:1.4.2",
            "localhost/app", "localhost:5000/app:dev", "registry.example.com:5000/team/sub/app:v1_2.3-rc1",
            "192.168.1.10:5000/app", "[::1]:5000/app", "Registry.Example.com/app",
            "app@sha256:" + DIGEST, "ghcr.io/acme/app:1.0@sha256:" + DIGEST,
            "a__b", "a_b.c-d", "a---b", "acme/ghcr.io", "tag:_underscore", "tag:A.B-C_D" })
    void acceptsImageReferences(String image) {
        assertValid(Workloads.of(container("web", image)));
    }

    @Test
    void acceptsLongestTag() {
        assertValid(Workloads.of(container("web", "app:" + "t".repeat(128))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "nginx latest", " nginx", "nginx\t", "Nginx", "Acme/app", "ghcr.io/Acme/app", "ghcr.io/acme/App:1",
            "app:", "app:-x", "app:.x", "app:a/b", "app@sha256:abc", "app@md5:" + DIGEST, "app@sha256:" + DIGEST_UPPER_CASE,
            "app@", "/app", "app/", "app//x", "ghcr.io/", ":tag", "-app", "app-", "app_", "a___b", "a..b",
            "ghcr_io:5000/app", "ghcr.io:port/app", "-ghcr.io/app", "app:1@sha256:" + DIGEST + "x" })
    void refusesInvalidImageReferences(String image) {
        assertEquals(List.of("spec.containers[0].image"), fields(Workloads.of(container("web", image))));
    }

    @Test
    void refusesMissingImageAndTooLongTagOrName() {
        assertEquals(List.of("spec.containers[0].image"), fields(Workloads.of(container("web", null))));
        assertEquals(List.of("spec.containers[0].image"), fields(Workloads.of(container("web", "app:" + "t".repeat(129)))));
        assertEquals(List.of("spec.containers[0].image"), fields(Workloads.of(container("web", "a/".repeat(128) + "a"))));
    }

    @Test
    void explainsWhatIsWrongWithAnImage() {
        assertEquals("must not contain whitespace", message(Workloads.of(container("web", "nginx latest"))));
        assertEquals("repository must be lower case", message(Workloads.of(container("web", "Acme/app"))));
        assertEquals("is required", message(Workloads.of(container("web", ""))));
        assertTrue(message(Workloads.of(container("web", "app@sha256:1"))).startsWith("digest must be sha256:"));
        assertTrue(message(Workloads.of(container("web", "app:-1"))).startsWith("tag must be"));
    }

    @Test
    void parsesImageParts() {
        ImageReference ref = ImageReference.parse("registry.example.com:5000/team/app:1.2@sha256:" + DIGEST).reference().orElseThrow();
        assertEquals(new ImageReference("registry.example.com:5000", "team/app", "1.2", DIGEST), ref);
        assertEquals(new ImageReference(null, "acme/app", null, null), ImageReference.parse("acme/app").reference().orElseThrow());
        assertEquals(new ImageReference("localhost", "app", "dev", null),
                ImageReference.parse("localhost/app:dev").reference().orElseThrow());
    }

    // ---- ports ----

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 65536 })
    void refusesContainerPortsOutOfRange(int port) {
        assertEquals(List.of("spec.containers[0].ports[0].containerPort"), fields(withPorts(new ContainerPortSpec(null, port, null))));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 80, 65535 })
    void acceptsContainerPortsInRange(int port) {
        assertValid(withPorts(new ContainerPortSpec(null, port, null)));
    }

    @Test
    void requiresContainerPortNumber() {
        assertEquals(List.of("spec.containers[0].ports[0].containerPort"), fields(withPorts(new ContainerPortSpec("http", null, null))));
        assertEquals(List.of("spec.containers[0].ports[1]"), fields(withPorts(new ContainerPortSpec("http", 80, null), null)));
    }

    @Test
    void requiresUniquePortNumbersPerContainerAndProtocol() {
        assertEquals(List.of("spec.containers[0].ports[1].containerPort"),
                fields(withPorts(new ContainerPortSpec(null, 8080, null), new ContainerPortSpec(null, 8080, "TCP"))));
        // One number for TCP and UDP is what DNS servers do, and Kubernetes allows it.
        assertValid(withPorts(new ContainerPortSpec("dns-tcp", 53, "TCP"), new ContainerPortSpec("dns-udp", 53, "UDP")));
        // Different containers of a pod may not share a port in practice, but that is the kubelet's call.
        assertValid(Workloads.of(
                Workloads.withPorts(container("a", "nginx"), List.of(new ContainerPortSpec(null, 80, null))),
                Workloads.withPorts(container("b", "nginx"), List.of(new ContainerPortSpec(null, 81, null)))));
    }

    @Test
    void requiresUniquePortNamesPerContainer() {
        assertEquals(List.of("spec.containers[0].ports[1].name"),
                fields(withPorts(new ContainerPortSpec("http", 8080, null), new ContainerPortSpec("http", 8081, null))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http", "h", "grpc-web", "a1", "1a", "abcdefghijklmno", "http2" })
    void acceptsIanaPortNames(String name) {
        assertValid(withPorts(new ContainerPortSpec(name, 80, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "HTTP", "8080", "-http", "http-", "ht--tp", "ht_tp", "ht.tp", "abcdefghijklmnop", "h ttp" })
    void refusesOtherPortNames(String name) {
        assertEquals(List.of("spec.containers[0].ports[0].name"), fields(withPorts(new ContainerPortSpec(name, 80, null))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "TCP", "UDP", "SCTP" })
    void acceptsProtocols(String protocol) {
        assertValid(withPorts(new ContainerPortSpec(null, 80, protocol)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp", "ICMP", "HTTP", "" })
    void refusesOtherProtocols(String protocol) {
        assertEquals(List.of("spec.containers[0].ports[0].protocol"), fields(withPorts(new ContainerPortSpec(null, 80, protocol))));
    }

    // ---- env ----

    @ParameterizedTest
    @ValueSource(strings = { "A", "_", "a", "LOG_LEVEL", "_private", "x1", "Mixed_Case_9" })
    void acceptsEnvironmentVariableNames(String name) {
        assertValid(withEnv(Map.of(name, "v")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1A", "LOG-LEVEL", "LOG.LEVEL", "LOG LEVEL", "A=B", "Ä" })
    void refusesOtherEnvironmentVariableNames(String name) {
        assertEquals(List.of("spec.containers[0].env." + name), fields(withEnv(Map.of(name, "v"))));
    }

    @Test
    void limitsEnvironmentValuesTo64KiBOfUtf8() {
        assertValid(withEnv(Map.of("V", "x".repeat(65536))));
        assertValid(withEnv(Map.of("V", "")));
        assertEquals(List.of("spec.containers[0].env.V"), fields(withEnv(Map.of("V", "x".repeat(65537)))));
        // 'é' is two bytes in UTF-8: 32,769 of them are 65,538 bytes.
        assertEquals(List.of("spec.containers[0].env.V"), fields(withEnv(Map.of("V", "é".repeat(32769)))));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("V", null);
        assertEquals(List.of("spec.containers[0].env.V"), fields(withEnv(nullValue)));
    }

    // ---- resources ----

    @ParameterizedTest
    @ValueSource(strings = { "250m", "0.5", ".5", "2", "2.", "1k", "0", "100m", "1e3", "1E-1" })
    void acceptsCpuQuantities(String cpu) {
        assertValid(withResources(new ResourcesSpec(Map.of("cpu", cpu), null)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "512Mi", "1Gi", "1e9", "128974848", "129M", "1.5Gi", "64Ki", "1Ti", "1Pi", "1Ei", "1E" })
    void acceptsMemoryQuantities(String memory) {
        assertValid(withResources(new ResourcesSpec(null, Map.of("memory", memory))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "abc", "-1", "+1", "1.5.5", "1 Gi", "1gi", "1KB", "1Ki ", "Gi", "1e", "1e999", "m", ".", "1mi",
            "1111111111111111111111111111111111" })
    void refusesOtherQuantities(String quantity) {
        assertEquals(List.of("spec.containers[0].resources.requests.memory"),
                fields(withResources(new ResourcesSpec(Map.of("memory", quantity), null))));
    }

    @Test
    void acceptsOnlyCpuAndMemory() {
        assertEquals(List.of("spec.containers[0].resources.limits.nvidia.com/gpu"),
                fields(withResources(new ResourcesSpec(null, Map.of("nvidia.com/gpu", "1")))));
        assertEquals(List.of("spec.containers[0].resources.requests.ephemeral-storage"),
                fields(withResources(new ResourcesSpec(Map.of("ephemeral-storage", "1Gi"), null))));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("cpu", null);
        assertEquals(List.of("spec.containers[0].resources.requests.cpu"), fields(withResources(new ResourcesSpec(nullValue, null))));
    }

    @ParameterizedTest
    @CsvSource({
            "cpu, 500m, 0.5", "cpu, 0.5, 500m", "cpu, 1, 2", "cpu, 999m, 1",
            "memory, 1e9, 1Gi", "memory, 512Mi, 1Gi", "memory, 1Gi, 1024Mi", "memory, 1000M, 1e9", "memory, 128974848, 123Mi" })
    void acceptsRequestsUpToLimits(String name, String request, String limit) {
        assertValid(withResources(new ResourcesSpec(Map.of(name, request), Map.of(name, limit))));
    }

    @ParameterizedTest
    @CsvSource({ "cpu, 501m, 0.5", "cpu, 2, 1500m", "memory, 1Gi, 1e9", "memory, 1025Mi, 1Gi", "memory, 128974849, 123Mi" })
    void refusesRequestsAboveLimits(String name, String request, String limit) {
        assertEquals(List.of("spec.containers[0].resources.requests." + name),
                fields(withResources(new ResourcesSpec(Map.of(name, request), Map.of(name, limit)))));
    }

    @Test
    void comparesOnlyTheSameResource() {
        assertValid(withResources(new ResourcesSpec(Map.of("cpu", "4", "memory", "64Mi"), Map.of("memory", "128Mi"))));
        assertValid(withResources(new ResourcesSpec(Map.of("memory", "64Gi"), Map.of("cpu", "1"))));
    }

    // ---- probes ----

    @Test
    void acceptsEachKindOfProbe() {
        assertValid(withProbe(httpProbe("/health", 8080)));
        assertValid(withProbe(tcpProbe(5432)));
        assertValid(withProbe(execProbe(List.of("pg_isready", "-q"))));
        assertValid(withProbe(timings(httpProbe("/", 1), 0, 1, 1, 1)));
        assertValid(withProbe(timings(tcpProbe(65535), 3600, 3600, 3600, 100)));
    }

    @Test
    void requiresExactlyOneProbeHandler() {
        String f = "spec.containers[0].livenessProbe";
        assertEquals(List.of(f), fields(withProbe(new ProbeSpec(null, null, null, null, 5, null, null, null))));
        assertEquals(List.of(f), fields(withProbe(new ProbeSpec("/health", 8080, 8080, null, null, null, null, null))));
        assertEquals(List.of(f), fields(withProbe(new ProbeSpec(null, null, 8080, List.of("true"), null, null, null, null))));
        assertEquals(List.of(f), fields(withProbe(new ProbeSpec("/h", 80, 80, List.of("true"), null, null, null, null))));
    }

    @Test
    void requiresPortWithHttpPathAndOnlyThere() {
        String f = "spec.containers[0].livenessProbe";
        assertEquals(List.of(f + ".port"), fields(withProbe(httpProbe("/health", null))));
        assertEquals(List.of(f + ".port"), fields(withProbe(new ProbeSpec(null, 8080, 8080, null, null, null, null, null))));
        // A port alone is neither an HTTP probe (no path) nor a TCP one.
        assertEquals(List.of(f, f + ".port"), fields(withProbe(new ProbeSpec(null, 8080, null, null, null, null, null, null))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "health", "", "/he alth", "http://x/health" })
    void requiresAbsoluteHttpPath(String path) {
        assertEquals(List.of("spec.containers[0].livenessProbe.httpGetPath"), fields(withProbe(httpProbe(path, 80))));
    }

    @Test
    void checksProbePorts() {
        assertEquals(List.of("spec.containers[0].livenessProbe.port"), fields(withProbe(httpProbe("/", 0))));
        assertEquals(List.of("spec.containers[0].livenessProbe.port"), fields(withProbe(httpProbe("/", 65536))));
        assertEquals(List.of("spec.containers[0].livenessProbe.tcpPort"), fields(withProbe(tcpProbe(0))));
        assertEquals(List.of("spec.containers[0].livenessProbe.tcpPort"), fields(withProbe(tcpProbe(70000))));
    }

    @Test
    void requiresACommandForExecProbes() {
        assertEquals(List.of("spec.containers[0].livenessProbe.exec"), fields(withProbe(execProbe(List.of()))));
        assertEquals(List.of("spec.containers[0].livenessProbe.exec"), fields(withProbe(execProbe(List.of(" ")))));
        assertEquals(List.of("spec.containers[0].livenessProbe.exec[1]"), fields(withProbe(execProbe(Arrays.asList("sh", null)))));
    }

    @ParameterizedTest
    @CsvSource({
            "initialDelaySeconds, -1", "initialDelaySeconds, 3601",
            "periodSeconds, 0", "periodSeconds, 3601",
            "timeoutSeconds, 0", "timeoutSeconds, 3601",
            "failureThreshold, 0", "failureThreshold, 101" })
    void refusesProbeTimingsOutOfRange(String field, int value) {
        ProbeSpec tcp = tcpProbe(80);
        ProbeSpec probe = switch (field) {
            case "initialDelaySeconds" -> timings(tcp, value, null, null, null);
            case "periodSeconds" -> timings(tcp, null, value, null, null);
            case "timeoutSeconds" -> timings(tcp, null, null, value, null);
            default -> timings(tcp, null, null, null, value);
        };
        ContainerSpec c = Workloads.withProbes(container("web", "nginx"), null, probe);
        assertEquals(List.of("spec.containers[0].readinessProbe." + field), fields(Workloads.of(c)));
    }

    // ---- replicas ----

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 100 })
    void acceptsReplicasInRange(int replicas) {
        assertValid(Workloads.withReplicas(Workloads.minimal(), replicas));
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 101, Integer.MAX_VALUE })
    void refusesReplicasOutOfRange(int replicas) {
        assertEquals(List.of("spec.replicas"), fields(Workloads.withReplicas(Workloads.minimal(), replicas)));
    }

    // ---- service ports ----

    @Test
    void acceptsServicePortsOnDeclaredContainerPorts() {
        assertValid(Workloads.full());
        assertValid(withServicePorts(new ServicePortSpec("http", 80, 8080, null), new ServicePortSpec("metrics", 9090, null, "TCP")));
    }

    @Test
    void acceptsAnyTargetPortWhenContainersDeclareNone() {
        assertValid(Workloads.withServicePorts(Workloads.minimal(), List.of(new ServicePortSpec(null, 80, 3000, null))));
        assertValid(Workloads.withServicePorts(Workloads.minimal(), List.of(new ServicePortSpec(null, 80, null, null))));
    }

    @Test
    void requiresTargetPortAmongContainerPorts() {
        assertEquals(List.of("spec.servicePorts[0].targetPort"), fields(withServicePorts(new ServicePortSpec("http", 80, 8081, null))));
        // Without a targetPort the Service forwards to its own port, which no container listens on here.
        SlipwayException.Invalid e = invalid(withServicePorts(new ServicePortSpec("http", 80, null, null)));
        assertEquals("spec.servicePorts[0].targetPort", e.fieldErrors().get(0).field());
        assertTrue(e.fieldErrors().get(0).message().contains("[8080, 9090]"), e.fieldErrors().get(0).message());
        // A port declared by any container of the pod will do.
        WorkloadSpec sidecar = new WorkloadSpec(List.of(fullContainer(),
                Workloads.withPorts(container("proxy", "envoyproxy/envoy:v1.30"), List.of(new ContainerPortSpec("admin", 9901, null)))),
                null, List.of(new ServicePortSpec("admin", 9901, null, null)), null);
        assertValid(sidecar);
    }

    @Test
    void checksServicePortRanges() {
        assertEquals(List.of("spec.servicePorts[0].port"), fields(withServicePorts(new ServicePortSpec("http", 0, 8080, null))));
        assertEquals(List.of("spec.servicePorts[0].port"), fields(withServicePorts(new ServicePortSpec("http", 65536, 8080, null))));
        assertEquals(List.of("spec.servicePorts[0].port"), fields(withServicePorts(new ServicePortSpec("http", null, 8080, null))));
        assertEquals(List.of("spec.servicePorts[0].targetPort"), fields(withServicePorts(new ServicePortSpec("http", 80, 0, null))));
        assertEquals(List.of("spec.servicePorts[0].targetPort"), fields(withServicePorts(new ServicePortSpec("http", 80, 65536, null))));
        assertEquals(List.of("spec.servicePorts[0].protocol"), fields(withServicePorts(new ServicePortSpec("http", 80, 8080, "HTTP"))));
    }

    @Test
    void requiresUniqueServicePorts() {
        assertEquals(List.of("spec.servicePorts[1].port"),
                fields(withServicePorts(new ServicePortSpec("a", 80, 8080, null), new ServicePortSpec("b", 80, 9090, "TCP"))));
        assertEquals(List.of("spec.servicePorts[1].name"),
                fields(withServicePorts(new ServicePortSpec("a", 80, 8080, null), new ServicePortSpec("a", 81, 9090, null))));
        assertValid(Workloads.withServicePorts(Workloads.minimal(),
                List.of(new ServicePortSpec("dns-tcp", 53, null, "TCP"), new ServicePortSpec("dns-udp", 53, null, "UDP"))));
    }

    @Test
    void requiresNamesWhenTheServiceHasSeveralPorts() {
        assertValid(withServicePorts(new ServicePortSpec(null, 80, 8080, null)));
        assertEquals(List.of("spec.servicePorts[0].name", "spec.servicePorts[1].name"),
                fields(withServicePorts(new ServicePortSpec(null, 80, 8080, null), new ServicePortSpec(null, 81, 9090, null))));
        assertEquals(List.of("spec.servicePorts[0].name"), fields(withServicePorts(new ServicePortSpec("Http", 80, 8080, null))));
    }

    @Test
    void refusesNullServicePort() {
        assertEquals(List.of("spec.servicePorts[0]"),
                fields(Workloads.withServicePorts(Workloads.minimal(), Arrays.asList((ServicePortSpec) null))));
    }

    // ---- helpers ----

    private static List<ContainerSpec> containers(int count) {
        return IntStream.range(0, count).mapToObj(i -> container("c" + i, "nginx")).toList();
    }

    private static WorkloadSpec withPorts(ContainerPortSpec... ports) {
        return Workloads.of(Workloads.withPorts(container("web", "nginx"), Arrays.asList(ports)));
    }

    private static WorkloadSpec withEnv(Map<String, String> env) {
        return Workloads.of(Workloads.withEnv(container("web", "nginx"), env));
    }

    private static WorkloadSpec withResources(ResourcesSpec resources) {
        return Workloads.of(Workloads.withResources(container("web", "nginx"), resources));
    }

    private static WorkloadSpec withProbe(ProbeSpec liveness) {
        return Workloads.of(Workloads.withProbes(container("web", "nginx"), liveness, null));
    }

    private static WorkloadSpec withServicePorts(ServicePortSpec... ports) {
        return Workloads.withServicePorts(Workloads.of(fullContainer()), new ArrayList<>(List.of(ports)));
    }

    private static void assertValid(WorkloadSpec spec) {
        assertEquals(List.of(), fields(spec));
    }

    private static SlipwayException.Invalid invalid(WorkloadSpec spec) {
        return assertThrows(SlipwayException.Invalid.class, () -> WorkloadValidator.validate(spec, "spec"));
    }

    private static String message(WorkloadSpec spec) {
        List<FieldError> errors = invalid(spec).fieldErrors();
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0).message();
    }

    @Test
    void resourceRequestsNeedANameUsableInPlaceholdersAndAType() {
        Map<String, ResourceRequest> good = new java.util.LinkedHashMap<>();
        good.put("db", new ResourceRequest("postgres", null, Map.of("version", 16)));
        good.put("cache-1", new ResourceRequest("redis", "large", null));
        assertDoesNotThrow(() -> WorkloadValidator.validate(new WorkloadSpec(containers(1), null, null, good), "spec"));

        Map<String, ResourceRequest> bad = new java.util.LinkedHashMap<>();
        bad.put("my.db", new ResourceRequest("postgres", null, null));
        bad.put("noType", new ResourceRequest(null, null, null));
        bad.put("odd", new ResourceRequest("Postgres", "Big--one", null));
        assertEquals(List.of("spec.resources.my.db", "spec.resources.noType", "spec.resources.noType.type",
                "spec.resources.odd.type", "spec.resources.odd.class"), fields(new WorkloadSpec(containers(1), null, null, bad)));
    }

    private static List<String> fields(WorkloadSpec spec) {
        return fields(spec, "spec");
    }

    private static List<String> fields(WorkloadSpec spec, String prefix) {
        try {
            WorkloadValidator.validate(spec, prefix);
            return List.of();
        } catch (SlipwayException.Invalid e) {
            return e.fieldErrors().stream().map(FieldError::field).toList();
        }
    }
}
