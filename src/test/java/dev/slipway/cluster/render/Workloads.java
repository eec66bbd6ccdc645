package dev.slipway.cluster.render;

import java.util.List;
import java.util.Map;

import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadSpec;

/** Valid workload specs for tests, and copies with one part changed. */
final class Workloads {
    static final String DIGEST = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String DIGEST_UPPER_CASE = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

    private Workloads() {
    }

    /** A container with only what is required. */
    static ContainerSpec container(String name, String image) {
        return new ContainerSpec(name, image, null, null, null, null, null, null, null);
    }

    /** A container with every field set. */
    static ContainerSpec fullContainer() {
        return new ContainerSpec("web", "ghcr.io/acme/checkout:1.4.2",
                List.of("/app/run"), List.of("--port", "8080"),
                Map.of("LOG_LEVEL", "info", "APP_MODE", "prod"),
                List.of(new ContainerPortSpec("http", 8080, "TCP"), new ContainerPortSpec("metrics", 9090, null)),
                new ResourcesSpec(Map.of("cpu", "250m", "memory", "256Mi"), Map.of("cpu", "1", "memory", "512Mi")),
                httpProbe("/health/live", 8080),
                httpProbe("/health/ready", 8080));
    }

    static WorkloadSpec full() {
        return new WorkloadSpec(List.of(fullContainer()), 2, List.of(new ServicePortSpec("http", 80, 8080, null)), null);
    }

    static WorkloadSpec minimal() {
        return new WorkloadSpec(List.of(container("web", "nginx")), null, null, null);
    }

    static WorkloadSpec of(ContainerSpec... containers) {
        return new WorkloadSpec(List.of(containers), null, null, null);
    }

    static ProbeSpec httpProbe(String path, Integer port) {
        return new ProbeSpec(path, port, null, null, null, null, null, null);
    }

    static ProbeSpec tcpProbe(Integer port) {
        return new ProbeSpec(null, null, port, null, null, null, null, null);
    }

    static ProbeSpec execProbe(List<String> command) {
        return new ProbeSpec(null, null, null, command, null, null, null, null);
    }

    static ProbeSpec timings(ProbeSpec p, Integer initialDelay, Integer period, Integer timeout, Integer failureThreshold) {
        return new ProbeSpec(p.httpGetPath(), p.port(), p.tcpPort(), p.exec(), initialDelay, period, timeout, failureThreshold);
    }

    static ContainerSpec withImage(ContainerSpec c, String image) {
        return new ContainerSpec(c.name(), image, c.command(), c.args(), c.env(), c.ports(), c.resources(), c.livenessProbe(),
                c.readinessProbe());
    }

    static ContainerSpec withEnv(ContainerSpec c, Map<String, String> env) {
        return new ContainerSpec(c.name(), c.image(), c.command(), c.args(), env, c.ports(), c.resources(), c.livenessProbe(),
                c.readinessProbe());
    }

    static ContainerSpec withPorts(ContainerSpec c, List<ContainerPortSpec> ports) {
        return new ContainerSpec(c.name(), c.image(), c.command(), c.args(), c.env(), ports, c.resources(), c.livenessProbe(),
                c.readinessProbe());
    }

    static ContainerSpec withResources(ContainerSpec c, ResourcesSpec resources) {
        return new ContainerSpec(c.name(), c.image(), c.command(), c.args(), c.env(), c.ports(), resources, c.livenessProbe(),
                c.readinessProbe());
    }

    static ContainerSpec withProbes(ContainerSpec c, ProbeSpec liveness, ProbeSpec readiness) {
        return new ContainerSpec(c.name(), c.image(), c.command(), c.args(), c.env(), c.ports(), c.resources(), liveness, readiness);
    }

    static ContainerSpec withCommand(ContainerSpec c, List<String> command, List<String> args) {
        return new ContainerSpec(c.name(), c.image(), command, args, c.env(), c.ports(), c.resources(), c.livenessProbe(),
                c.readinessProbe());
    }

    static WorkloadSpec withReplicas(WorkloadSpec w, Integer replicas) {
        return new WorkloadSpec(w.containers(), replicas, w.servicePorts(), null);
    }

    static WorkloadSpec withServicePorts(WorkloadSpec w, List<ServicePortSpec> ports) {
        return new WorkloadSpec(w.containers(), w.replicas(), ports, null);
    }
}
