package dev.slipway.cluster.driver;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every Kubernetes API permission Slipway's driver needs in a cluster it deploys to, with the
 * reason: the one list that deploy/'s RBAC (the ClusterRole of the base, the Role and ClusterRole
 * of the namespaced component) must grant exactly, and that the requests the driver makes against
 * the sandbox must stay within (DeployManifestsTest, DriverPermissionsTest).
 *
 * <p>Server-side apply is a PATCH, but a real API server also requires {@code create} when the
 * applied object does not exist yet, and {@code get} is what drift detection reads back. Nothing
 * uses PUT ({@code update}), {@code deletecollection} or a subresource other than {@code pods/log}.
 *
 * <p>Not listed: the kinds of admin-provided resource templates (infra/template), which are the
 * platform's choice; the platform grants what its templates use (deploy/README.md). Discovery
 * ({@code /version}, {@code /api}, {@code /apis/...}) is granted to every authenticated client by
 * Kubernetes' own {@code system:discovery} role.
 */
public final class DriverPermissions {

    /** Where a grant must hold, which decides whether a namespaced install can give it with a Role. */
    public enum Reach {
        /** Requests inside one environment's namespace: a Role in each namespace suffices. */
        EACH_NAMESPACE,
        /** Requests across all namespaces (an informer): needs a ClusterRole in every install mode. */
        ALL_NAMESPACES,
        /**
         * Creating and deleting the environments' namespaces: only when Slipway creates them; a
         * namespaced install's platform creates them instead.
         */
        NAMESPACE_LIFECYCLE
    }

    /** One grant: verbs on one resource of one API group ("" is the core group). */
    public record Permission(String group, String resource, Set<String> verbs, Reach reach, String why) {
        public Permission {
            verbs = Set.copyOf(verbs);
        }
    }

    /** One (group, resource, verb): the unit RBAC rules and observed requests are compared in. */
    public record Grant(String group, String resource, String verb) {
    }

    private static final Set<String> APPLIED = Set.of("get", "create", "patch");

    public static final List<Permission> ALL = List.of(
            new Permission("", "namespaces", Set.of("get", "patch"), Reach.EACH_NAMESPACE,
                    "ClusterDriver.namespaceExists reads the environment's namespace; the apply server-side-applies it (labels)"),
            new Permission("", "namespaces", Set.of("create", "delete"), Reach.NAMESPACE_LIFECYCLE,
                    "DeploymentRunner creates a missing namespace; EnvironmentTeardown deletes one only when Slipway created it"),
            new Permission("", "configmaps", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "rendered configuration: applied, read back for drift, pruned (listed by label, then deleted)"),
            new Permission("", "secrets", union(APPLIED, "delete"), Reach.EACH_NAMESPACE,
                    "rendered secrets: applied, read for drift and log masking, pruned, always by name (never listed:"
                            + " a render writes at most two, named after the application)."
                            + " Also: a registered cluster's token in a Secret (credentials reference secret:NAMESPACE/NAME) and cluster.secret() in templates, by name"),
            new Permission("", "services", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "rendered Services: applied, read for drift, pruned"),
            new Permission("", "pods", Set.of("list"), Reach.EACH_NAMESPACE,
                    "rollout failures (RolloutTracker, ReleaseJobs), the runtime view (WorkloadInspector), log sources (PodLogReader)"),
            new Permission("", "pods/log", Set.of("get"), Reach.EACH_NAMESPACE,
                    "logs (PodLogReader, read and follow) and the tail of a failed release job's log (ReleaseJobs)"),
            new Permission("", "events", Set.of("list"), Reach.EACH_NAMESPACE,
                    "the runtime view shows the namespace's events (WorkloadInspector)"),
            new Permission("apps", "deployments", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "rendered Deployments: applied, read (runtime view, scale, restart), scaled and restarted by merge patch"
                            + " (WorkloadPatches), pruned"),
            new Permission("apps", "deployments", Set.of("list", "watch"), Reach.ALL_NAMESPACES,
                    "RolloutTracker watches the rollouts of every namespace with one informer per cluster"
                            + " (Deployments labelled app.kubernetes.io/managed-by=slipway)"),
            new Permission("apps", "replicasets", Set.of("list"), Reach.EACH_NAMESPACE,
                    "the runtime view shows the revisions of a Deployment (WorkloadInspector)"),
            new Permission("batch", "jobs", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "release Jobs: applied, awaited (ReleaseJobs), listed for cron runs (WorkloadInspector), pruned"),
            new Permission("batch", "cronjobs", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "cron workloads: applied, read (runtime view), pruned"),
            new Permission("autoscaling", "horizontalpodautoscalers", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "autoscaled workloads: applied, read (runtime view), pruned"),
            new Permission("networking.k8s.io", "ingresses", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "routes on clusters with an ingress controller: applied, read for drift, pruned"),
            new Permission("gateway.networking.k8s.io", "httproutes", union(APPLIED, "list", "delete"), Reach.EACH_NAMESPACE,
                    "routes on clusters with the Gateway API: applied, read for drift, pruned (listed even when this render has"
                            + " none: a cluster without the Gateway API answers 404, which is fine)"));

    private DriverPermissions() {
    }

    /** The permissions of the given reaches, as (group, resource, verb) grants. */
    public static Set<Grant> grants(Set<Reach> reaches) {
        return ALL.stream().filter(permission -> reaches.contains(permission.reach()))
                .flatMap(permission -> permission.verbs().stream().map(verb -> new Grant(permission.group(), permission.resource(), verb)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Everything: what a cluster-wide install (the ClusterRole of deploy/base) grants. */
    public static Set<Grant> grants() {
        return grants(Set.of(Reach.values()));
    }

    private static Set<String> union(Set<String> verbs, String... more) {
        return java.util.stream.Stream.concat(verbs.stream(), java.util.Arrays.stream(more)).collect(Collectors.toUnmodifiableSet());
    }
}
