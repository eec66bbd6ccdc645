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
 * cannot map {@code get deploy} to a path. Only the kinds Slipway renders are listed.
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
            "networking.k8s.io/v1", List.of(
                    new Kind("ingresses", "Ingress", true, List.of("ing"), true),
                    new Kind("networkpolicies", "NetworkPolicy", true, List.of("netpol"), false)));

    private final Map<String, String> documents = new LinkedHashMap<>();

    SandboxDiscovery(KubernetesSerialization serialization) {
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
        groups.sort((a, b) -> a.getName().compareTo(b.getName()));
        documents.put("/apis", serialization.asJson(new APIGroupListBuilder().withGroups(groups).build()));
        documents.put("/version", serialization.asJson(Map.of(
                "major", KUBERNETES_MAJOR,
                "minor", KUBERNETES_MINOR,
                "gitVersion", "v" + KUBERNETES_MAJOR + "." + KUBERNETES_MINOR + ".0-slipway-sandbox",
                "platform", "linux/amd64")));
    }

    /** The JSON document served at {@code path} (without query string), if it is a discovery path. */
    Optional<String> document(String path) {
        return Optional.ofNullable(documents.get(path));
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
