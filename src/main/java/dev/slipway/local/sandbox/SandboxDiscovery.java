package dev.slipway.local.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The API discovery documents kubectl reads before anything else ({@code /api}, {@code /apis},
 * one per group/version, {@code /version}). The mock serves none of them, and without them kubectl
 * cannot map {@code get deploy} to a path. The built-in kinds Slipway renders are listed from the
 * start; any other kind (a custom resource such as {@code postgresql.cnpg.io/v1} {@code Cluster},
 * which the sandbox accepts without a CustomResourceDefinition) is listed once an object of it
 * has been written, so clients that look kinds up (fabric8 for generic resources, kubectl) find it.
 */
final class SandboxDiscovery {

    static final String KUBERNETES_MAJOR = "1";
    static final String KUBERNETES_MINOR = "32";

    private static final List<String> VERBS = List.of(
            "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    /** One served kind: plural, kind, namespaced, short names, whether it has a status subresource. */
    private record Kind(String plural, String kind, boolean namespaced, List<String> shortNames, boolean status) {
    }

    private static final Map<String, List<Kind>> GROUP_VERSIONS = Map.of(
            "v1", List.of(
                    new Kind("namespaces", "Namespace", false, List.of("ns"), true),
                    new Kind("configmaps", "ConfigMap", true, List.of("cm"), false),
                    new Kind("secrets", "Secret", true, List.of(), false),
                    new Kind("services", "Service", true, List.of("svc"), true),
                    new Kind("pods", "Pod", true, List.of("po"), true),
                    new Kind("serviceaccounts", "ServiceAccount", true, List.of("sa"), false),
                    new Kind("endpoints", "Endpoints", true, List.of("ep"), false),
                    new Kind("events", "Event", true, List.of("ev"), false),
                    new Kind("persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), true)),
            "apps/v1", List.of(
                    new Kind("deployments", "Deployment", true, List.of("deploy"), true),
                    new Kind("replicasets", "ReplicaSet", true, List.of("rs"), true),
                    new Kind("statefulsets", "StatefulSet", true, List.of("sts"), true),
                    new Kind("daemonsets", "DaemonSet", true, List.of("ds"), true)),
            "batch/v1", List.of(
                    new Kind("jobs", "Job", true, List.of(), true),
                    new Kind("cronjobs", "CronJob", true, List.of("cj"), true)),
            "autoscaling/v2", List.of(
                    new Kind("horizontalpodautoscalers", "HorizontalPodAutoscaler", true, List.of("hpa"), true)),
            "networking.k8s.io/v1", List.of(
                    new Kind("ingresses", "Ingress", true, List.of("ing"), true),
                    new Kind("networkpolicies", "NetworkPolicy", true, List.of("netpol"), false)));

    /** A kind learned from a write: its group/version ("v1" for the core group), plural and kind. */
    record LearnedKind(String groupVersion, String plural, String kind) {
        String group() {
            int slash = groupVersion.indexOf('/');
            return slash < 0 ? "" : groupVersion.substring(0, slash);
        }
    }

    private final Map<String, String> documents = new LinkedHashMap<>();
    private final KubernetesSerialization serialization;
    private final List<APIGroup> builtInGroups = new ArrayList<>();
    /** Learned kinds by group/version, then plural. */
    private final Map<String, Map<String, LearnedKind>> learned = new java.util.concurrent.ConcurrentHashMap<>();

    SandboxDiscovery(KubernetesSerialization serialization) {
        this.serialization = serialization;
        documents.put("/api", serialization.asJson(new APIVersionsBuilder().withVersions("v1").build()));
        List<APIGroup> groups = new ArrayList<>();
        GROUP_VERSIONS.forEach((groupVersion, kinds) -> {
            String path = groupVersion.equals("v1") ? "/api/v1" : "/apis/" + groupVersion;
            documents.put(path, serialization.asJson(new APIResourceListBuilder()
                    .withGroupVersion(groupVersion)
                    .withResources(resources(kinds))
                    .build()));
            if (!groupVersion.equals("v1")) {
                APIGroup group = group(groupVersion);
                groups.add(group);
                documents.put("/apis/" + group.getName(), serialization.asJson(group));
            }
        });
        builtInGroups.addAll(groups);
        documents.put("/version", serialization.asJson(Map.of(
                "major", KUBERNETES_MAJOR,
                "minor", KUBERNETES_MINOR,
                "gitVersion", "v" + KUBERNETES_MAJOR + "." + KUBERNETES_MINOR + ".0-slipway-sandbox",
                "platform", "linux/amd64")));
    }

    /** The JSON document served at {@code path} (without query string), if it is a discovery path. */
    Optional<String> document(String path) {
        if (path.equals("/apis")) {
            return Optional.of(groupList());
        }
        String builtIn = documents.get(path);
        if (builtIn != null || !path.startsWith("/apis/")) {
            return Optional.ofNullable(builtIn);
        }
        String groupVersion = path.substring("/apis/".length());
        Map<String, LearnedKind> kinds = learned.get(groupVersion);
        if (kinds != null) {
            return Optional.of(serialization.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion)
                    .withResources(
                            resources(kinds.values().stream().map(k -> new Kind(k.plural(), k.kind(), true, List.of(), true)).toList()))
                    .build()));
        }
        return learned.keySet().stream()
                .filter(known -> known.startsWith(groupVersion + "/") && known.indexOf('/') == groupVersion.length())
                .findFirst().map(known -> serialization.asJson(group(known)));
    }

    /** Whether a write to {@code plural} of {@code groupVersion} has nothing to teach discovery. */
    boolean knows(String groupVersion, String plural) {
        if (GROUP_VERSIONS.containsKey(groupVersion)) {
            return true; // built-in group/versions list what Slipway renders; other kinds there are not learned
        }
        Map<String, LearnedKind> kinds = learned.get(groupVersion);
        return kinds != null && kinds.containsKey(plural);
    }

    /** Lists a kind from now on; true when it was new. Learned kinds are namespaced, as the sandbox stores them. */
    boolean learn(LearnedKind kind) {
        return learned.computeIfAbsent(kind.groupVersion(), ignored -> new java.util.concurrent.ConcurrentHashMap<>())
                .putIfAbsent(kind.plural(), kind) == null;
    }

    /** Every kind learned so far. */
    List<LearnedKind> learnedKinds() {
        List<LearnedKind> kinds = new ArrayList<>();
        learned.values().forEach(byPlural -> kinds.addAll(byPlural.values()));
        return kinds;
    }

    private String groupList() {
        Map<String, APIGroup> groups = new java.util.TreeMap<>();
        builtInGroups.forEach(group -> groups.put(group.getName(), group));
        learned.keySet().stream().filter(groupVersion -> groupVersion.contains("/")).sorted()
                .forEach(groupVersion -> groups.putIfAbsent(groupVersion.substring(0, groupVersion.indexOf('/')), group(groupVersion)));
        return serialization.asJson(new APIGroupListBuilder().withGroups(new ArrayList<>(groups.values())).build());
    }

    private static List<APIResource> resources(List<Kind> kinds) {
        List<APIResource> resources = new ArrayList<>();
        for (Kind kind : kinds) {
            resources.add(new APIResourceBuilder()
                    .withName(kind.plural())
                    .withSingularName(kind.kind().toLowerCase())
                    .withKind(kind.kind())
                    .withNamespaced(kind.namespaced())
                    .withShortNames(kind.shortNames())
                    .withVerbs(VERBS)
                    .build());
            if (kind.status()) {
                resources.add(new APIResourceBuilder()
                        .withName(kind.plural() + "/status")
                        .withSingularName("")
                        .withKind(kind.kind())
                        .withNamespaced(kind.namespaced())
                        .withVerbs(SUBRESOURCE_VERBS)
                        .build());
            }
        }
        return resources;
    }

    private static APIGroup group(String groupVersion) {
        String name = groupVersion.substring(0, groupVersion.indexOf('/'));
        GroupVersionForDiscovery version = new GroupVersionForDiscoveryBuilder()
                .withGroupVersion(groupVersion)
                .withVersion(groupVersion.substring(name.length() + 1))
                .build();
        return new APIGroupBuilder()
                .withName(name)
                .withVersions(version)
                .withPreferredVersion(version)
                .build();
    }
}
