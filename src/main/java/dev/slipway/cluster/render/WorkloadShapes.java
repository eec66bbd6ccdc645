package dev.slipway.cluster.render;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.AutoscalingSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ReleaseSpec;
import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;

/**
 * The checks of a spec's structure beyond one pod: several workloads and their kinds, autoscaling,
 * the release job and routes. Part of {@link WorkloadValidator}, which reports every problem at once.
 */
final class WorkloadShapes {
    static final int MAX_WORKLOADS = 20;
    static final int MAX_ROUTES = 20;
    /** A Kubernetes CronJob name leaves 11 characters for the Jobs it creates. */
    static final int MAX_CRONJOB_NAME = 52;
    /** Part of object names, labels and the logs' workload filter. */
    static final Pattern WORKLOAD_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,18}[a-z0-9])?");
    private static final Pattern HOST = Pattern
            .compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final String SINGLE = "(single workload)";
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final Set<String> KINDS = Set.of(Workload.SERVICE, Workload.WORKER, Workload.CRON);
    private static final Set<String> CONCURRENCY_POLICIES = Set.of("Allow", "Forbid", "Replace");
    /** Kubernetes CronJobs take five-field Unix expressions and these macros. */
    private static final Set<String> CRON_MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private WorkloadShapes() {
    }

    /** The single workload given at the top of the spec: only autoscaling is new there. */
    static void single(Violations violations, String root, WorkloadSpec spec) {
        autoscaling(violations, at(root, "autoscaling"), spec.autoscaling(), spec.replicas(), at(root, "replicas"));
    }

    /** Several workloads: the top-level single-workload fields must then be absent. */
    static void several(Violations violations, String root, WorkloadSpec spec, String application) {
        String field = at(root, "workloads");
        if (spec.containers() != null || spec.replicas() != null || spec.servicePorts() != null || spec.autoscaling() != null) {
            violations.add(field, "give either workloads or the single workload's containers, replicas, servicePorts and "
                    + "autoscaling, not both");
        }
        if (spec.workloads().isEmpty()) {
            violations.add(field, "must have at least 1 workload");
        } else if (spec.workloads().size() > MAX_WORKLOADS) {
            violations.add(field, "must have at most " + MAX_WORKLOADS + " workloads");
        }
        spec.workloads().forEach((name, workload) -> workload(violations, field + "." + name, name, workload, application));
    }

    private static void workload(Violations violations, String field, String name, Workload workload, String application) {
        if (name == null || !WORKLOAD_NAME.matcher(name).matches()) {
            violations.add(field, "workload names are 1 to 20 lower-case letters, digits and '-', starting with a letter");
        } else if (name.equals(ManifestRenderer.RELEASE_COMPONENT)) {
            violations.add(field, "'release' names the release job's pods; choose another workload name");
        }
        if (workload == null) {
            violations.add(field, "is required");
            return;
        }
        Set<Integer> containerPorts = WorkloadValidator.containers(violations, field + ".containers", workload.containers());
        WorkloadValidator.range(violations, field + ".replicas", workload.replicas(), 0, WorkloadValidator.MAX_REPLICAS);
        if (workload.kind() == null) {
            violations.add(field + ".kind", "is required: service, worker or cron");
            return;
        }
        if (!KINDS.contains(workload.kind())) {
            violations.add(field + ".kind", "must be service, worker or cron");
            return;
        }
        boolean hasPorts = workload.servicePorts() != null && !workload.servicePorts().isEmpty();
        switch (workload.kind()) {
            case Workload.SERVICE -> {
                if (!hasPorts) {
                    violations.add(field + ".servicePorts",
                            "a service needs at least one service port; a workload without one is a worker");
                }
                WorkloadValidator.servicePorts(violations, field + ".servicePorts", workload.servicePorts(), containerPorts);
            }
            case Workload.WORKER -> {
                if (hasPorts) {
                    violations.add(field + ".servicePorts", "a worker has no Service; make it a service to expose ports");
                }
            }
            default -> cron(violations, field, name, workload, application);
        }
        if (workload.isLongRunning()) {
            autoscaling(violations, field + ".autoscaling", workload.autoscaling(), workload.replicas(), field + ".replicas");
            if (workload.schedule() != null || workload.concurrencyPolicy() != null) {
                violations.add(field + ".schedule", "schedule and concurrencyPolicy are for cron workloads only");
            }
        }
        if (application != null && !name.equals(application) && WORKLOAD_NAME.matcher(name).matches()
                && Workload.CRON.equals(workload.kind()) && (application + "-" + name).length() > MAX_CRONJOB_NAME) {
            violations.add(field, "the CronJob name '" + application + "-" + name + "' would be longer than " + MAX_CRONJOB_NAME
                    + " characters; choose a shorter workload name");
        }
    }

    private static void cron(Violations violations, String field, String name, Workload workload, String application) {
        if (workload.servicePorts() != null || workload.replicas() != null || workload.autoscaling() != null) {
            violations.add(field, "a cron workload has no servicePorts, replicas or autoscaling");
        }
        if (workload.schedule() == null || workload.schedule().isBlank()) {
            violations.add(field + ".schedule", "is required for a cron workload, e.g. */15 * * * *");
        } else if (!CRON_MACROS.contains(workload.schedule())) {
            try {
                UNIX_CRON.parse(workload.schedule()).validate();
            } catch (IllegalArgumentException e) {
                violations.add(field + ".schedule", "must be a five-field cron expression (minute hour day-of-month month "
                        + "day-of-week) or one of " + CRON_MACROS + ": " + e.getMessage());
            }
        }
        if (workload.concurrencyPolicy() != null && !CONCURRENCY_POLICIES.contains(workload.concurrencyPolicy())) {
            violations.add(field + ".concurrencyPolicy", "must be Allow, Forbid or Replace");
        }
    }

    private static void autoscaling(Violations violations, String field, AutoscalingSpec autoscaling, Integer replicas,
            String replicasField) {
        if (autoscaling == null) {
            return;
        }
        if (replicas != null) {
            violations.add(replicasField, "not with autoscaling: the autoscaler decides the replicas");
        }
        WorkloadValidator.range(violations, field + ".minReplicas", autoscaling.minReplicas(), 1, WorkloadValidator.MAX_REPLICAS);
        if (autoscaling.maxReplicas() == null) {
            violations.add(field + ".maxReplicas", "is required");
        } else if (WorkloadValidator.range(violations, field + ".maxReplicas", autoscaling.maxReplicas(), 1, WorkloadValidator.MAX_REPLICAS)
                && autoscaling.maxReplicas() < autoscaling.minOrDefault()) {
            violations.add(field + ".maxReplicas", "must be at least minReplicas (" + autoscaling.minOrDefault() + ")");
        }
        WorkloadValidator.range(violations, field + ".targetCPUUtilizationPercentage", autoscaling.targetCPUUtilizationPercentage(), 1,
                100);
    }

    static void release(Violations violations, String field, ReleaseSpec release) {
        if (release == null) {
            return;
        }
        WorkloadValidator.containers(violations, field + ".containers", release.containers());
        WorkloadValidator.range(violations, field + ".backoffLimit", release.backoffLimit(), 0, 10);
        WorkloadValidator.range(violations, field + ".activeDeadlineSeconds", release.activeDeadlineSeconds(), 1, 86400);
    }

    /** Container names identify a container in logs and per-container secrets, so they are unique across the deployment. */
    static void uniqueContainerNames(Violations violations, String root, WorkloadSpec spec) {
        if (spec.workloads() == null && spec.release() == null) {
            return; // one list, checked on its own
        }
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (ContainerSpec container : spec.allContainers()) {
            if (container != null && container.name() != null && !seen.add(container.name()) && reported.add(container.name())) {
                violations.add(at(root, spec.workloads() != null ? "workloads" : "release"),
                        "container names must be unique across the workloads and the "
                                + "release job; '" + container.name() + "' is used twice");
            }
        }
    }

    static void routes(Violations violations, String root, WorkloadSpec spec, String application) {
        List<RouteSpec> routes = spec.routes();
        if (routes == null) {
            return;
        }
        String field = at(root, "routes");
        if (routes.size() > MAX_ROUTES) {
            violations.add(field, "must have at most " + MAX_ROUTES + " routes");
        }
        // Without the application's name (a spec checked on its own) the single workload answers to any name.
        Map<String, Workload> services = new java.util.TreeMap<>();
        spec.workloadsOf(application == null ? SINGLE : application).stream()
                .filter(named -> named.workload() != null && Workload.SERVICE.equals(named.workload().kind()))
                .forEach(named -> services.put(named.name(), named.workload()));
        Set<String> hostAndPath = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            String routeField = field + "[" + i + "]";
            RouteSpec route = routes.get(i);
            if (route == null) {
                violations.add(routeField, "is required");
                continue;
            }
            host(violations, routeField + ".host", route.host());
            if (route.path() != null && (!route.path().startsWith("/") || WHITESPACE.matcher(route.path()).find()
                    || route.path().length() > 1024)) {
                violations.add(routeField + ".path", "must start with '/', contain no whitespace and be at most 1024 characters");
            }
            if (route.host() != null && !hostAndPath.add(route.host() + route.pathOrRoot())) {
                violations.add(routeField, "host and path " + route.host() + route.pathOrRoot() + " are routed twice");
            }
            RouteSpec checked = application == null && spec.workloads() == null && route.workload() != null
                    ? new RouteSpec(route.host(), route.path(), SINGLE, route.port())
                    : route;
            target(violations, routeField, checked, services);
        }
    }

    private static void host(Violations violations, String field, String host) {
        if (host == null) {
            violations.add(field, "is required");
        } else if (!host.contains("${") && !HOST.matcher(host).matches()) {
            violations.add(field, "must be a lower-case DNS name such as shop.example.com (or a placeholder)");
        }
    }

    /** The workload must be a service of this spec, and the port one of its service ports. */
    private static void target(Violations violations, String field, RouteSpec route, Map<String, Workload> services) {
        Workload target;
        if (route.workload() == null) {
            if (services.size() != 1) {
                violations.add(field + ".workload", "is required when the spec has " + (services.isEmpty() ? "no" : "several")
                        + " service workloads " + services.keySet());
                return;
            }
            target = services.values().iterator().next();
        } else {
            target = services.get(route.workload());
            if (target == null) {
                violations.add(field + ".workload", "must name a service workload of this spec " + services.keySet());
                return;
            }
        }
        List<ServicePortSpec> ports = target.servicePorts() == null ? List.of() : target.servicePorts();
        if (route.port() == null) {
            violations.add(field + ".port", "is required");
        } else if (ports.stream().filter(p -> p != null).noneMatch(p -> route.port().equals(p.port()))) {
            violations.add(field + ".port", "must be one of the workload's service ports "
                    + ports.stream().filter(p -> p != null).map(ServicePortSpec::port).toList());
        }
    }

    private static String at(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
