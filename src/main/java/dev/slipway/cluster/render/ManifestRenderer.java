package dev.slipway.cluster.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.slipway.api.SlipwayException.Invalid;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * Renders a deployment into the Kubernetes objects the cluster driver applies with server-side
 * apply: a pure function of its input, so the same deployment always renders equal objects.
 *
 * <p>Objects come back in apply order ({@link Rendered}): Namespace, ConfigMap, the Secrets when
 * the configuration has secret values, the release Job, then per workload (in name order) its
 * Deployment or CronJob, its Service and its HorizontalPodAutoscaler, then the routes. Pod
 * templates carry a hash of the variables and (with secrets) one of the secrets' version, so that
 * a change of configuration alone rolls the pods. Every object but the Namespace carries the
 * application's name label, its workload's instance labels ({@link #workloadSelector}), the version
 * and managed-by labels and the deployment id annotation. The Namespace is labelled managed-by
 * and with its Pod Security Admission level only: it may hold other things, so a pruning by the
 * application's labels must never select it. Pods get the environment type's
 * {@link dev.slipway.cluster.workload.WorkloadDefaults} (a restricted security context unless it
 * says otherwise).
 *
 * <p>The single-workload spec renders exactly as it did before several workloads existed (same
 * names, labels and selector), so upgrading Slipway does not roll anyone's pods.
 */
public final class ManifestRenderer {
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String VERSION_LABEL = "app.kubernetes.io/version";
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    /** The component of the release Job's objects (a workload may not take this name). */
    public static final String RELEASE_COMPONENT = "release";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "slipway";
    public static final String DEPLOYMENT_ID_ANNOTATION = "slipway.dev/deployment-id";
    /** On the pod template, so that a change of configuration alone rolls the pods. */
    public static final String CONFIG_HASH_ANNOTATION = "slipway.dev/config-hash";
    /** On the pod template when there are secrets: a hash of their version and references, never of their values. */
    public static final String SECRET_HASH_ANNOTATION = "slipway.dev/secret-hash";

    static final int MAX_LABEL_VALUE = 63;
    private static final int INSTANCE_HASH_LENGTH = 8;

    private ManifestRenderer() {
    }

    /**
     * What one deployment renders, in apply order: {@link #shared} (Namespace, ConfigMap, Secrets),
     * then the {@link #release} Job when the spec has one (the rest waits for it to complete), then
     * {@link #workloads} (per workload its Deployment or CronJob, Service and HorizontalPodAutoscaler,
     * then the routes).
     *
     * @param rollouts the Deployments whose rollout decides the deployment's outcome, in name order
     */
    public record Rendered(List<HasMetadata> shared, HasMetadata release, List<HasMetadata> workloads, List<Rollout> rollouts) {
        /** Everything, in apply order. */
        public List<HasMetadata> all() {
            List<HasMetadata> all = new ArrayList<>(shared);
            if (release != null) {
                all.add(release);
            }
            all.addAll(workloads);
            return List.copyOf(all);
        }
    }

    /**
     * A Deployment to watch roll out.
     *
     * @param workload the workload's name, as failures name it
     * @param name     the Deployment's name
     * @param selector its pods' labels
     */
    public record Rollout(String workload, String name, Map<String, String> selector) {
    }

    /**
     * Renders the objects for one deployment of a workload, in apply order.
     *
     * @throws Invalid when the spec is invalid (fields under {@code spec})
     */
    public static List<HasMetadata> render(RenderTarget target, WorkloadSpec spec) {
        return renderParts(target, spec).all();
    }

    /**
     * Renders the objects for one deployment, in the parts the driver applies one after the other.
     *
     * @throws Invalid when the spec is invalid (fields under {@code spec})
     */
    public static Rendered renderParts(RenderTarget target, WorkloadSpec spec) {
        WorkloadValidator.validate(spec, "spec", target.application());
        SortedMap<String, String> labels = labels(target, versionLabel(spec.allContainers().get(0).image()));
        Map<String, String> annotations = Map.of(DEPLOYMENT_ID_ANNOTATION, target.deploymentId());

        List<HasMetadata> shared = new ArrayList<>();
        shared.add(namespace(target));
        shared.add(configMap(target, metadata(configMapName(target.application()), target, labels, annotations)));
        if (!target.secrets().values().isEmpty()) {
            shared.add(secret(metadata(secretName(target.application()), target, labels, annotations), target.secrets().values()));
        }
        if (!target.secrets().containerValues().isEmpty()) {
            shared.add(secret(metadata(containerSecretName(target.application()), target, labels, annotations),
                    containerSecretData(target.secrets())));
        }
        WorkloadObjects objects = new WorkloadObjects(podConfig(target), podAnnotations(target),
                new PodDefaults(target.workloadDefaults()));
        HasMetadata release = null;
        if (spec.release() != null) {
            String name = releaseJobName(target.application(), target.deploymentId());
            Map<String, String> releaseLabels = workloadLabels(target, RELEASE_COMPONENT, false,
                    versionLabel(spec.release().containers().get(0).image()));
            release = objects.releaseJob(spec.release(), metadata(name, target, releaseLabels, annotations), releaseLabels);
        }
        List<HasMetadata> workloads = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();
        for (WorkloadSpec.Named named : spec.workloadsOf(target.application())) {
            Workload workload = named.workload();
            String name = objectName(target.application(), named.name());
            Map<String, String> workloadLabels = workloadLabels(target, named.name(), named.primary(),
                    versionLabel(workload.containers().get(0).image()));
            ObjectMeta metadata = metadata(name, target, workloadLabels, annotations);
            Map<String, String> selector = workloadSelector(target.application(), target.environment(), named.name(), named.primary());
            if (Workload.CRON.equals(workload.kind())) {
                workloads.add(objects.cronJob(workload, metadata, workloadLabels));
                continue;
            }
            workloads.add(objects.deployment(workload, replicas(target, named), metadata, workloadLabels, selector));
            rollouts.add(new Rollout(named.name(), name, selector));
            if (workload.servicePorts() != null && !workload.servicePorts().isEmpty()) {
                workloads.add(objects.service(workload.servicePorts(), metadata(name, target, workloadLabels, annotations), selector));
            }
            if (workload.autoscaling() != null) {
                workloads.add(objects.autoscaler(workload.autoscaling(), metadata(name, target, workloadLabels, annotations)));
            }
        }
        if (spec.routes() != null && !spec.routes().isEmpty()) {
            workloads.addAll(RouteObjects.render(target, spec, metadata(target.application(), target, labels, annotations)));
        }
        return new Rendered(List.copyOf(shared), release, List.copyOf(workloads), List.copyOf(rollouts));
    }

    /**
     * The replicas a Deployment is rendered with: none when an autoscaler owns them (server-side
     * apply then leaves them to it), else the spec's, else the environment's formation, else 1.
     */
    private static Integer replicas(RenderTarget target, WorkloadSpec.Named named) {
        if (named.workload().autoscaling() != null) {
            return null;
        }
        if (named.workload().replicas() != null) {
            return named.workload().replicas();
        }
        return target.formation().getOrDefault(named.name(), 1);
    }

    /**
     * The name of a workload's objects: the application's own for the primary workload (the single
     * workload of the original spec, or one named after the application), else
     * {@code <application>-<workload>}.
     */
    public static String objectName(String application, String workload) {
        return workload.equals(application) ? application : application + "-" + workload;
    }

    /** The release Job of a deployment: a new name per deployment, as a Job's pod template cannot change. */
    public static String releaseJobName(String application, String deploymentId) {
        return application + "-release-" + sha256Hex(deploymentId).substring(0, 8);
    }

    /**
     * The labels selecting a workload's pods. The primary workload keeps the selector a single
     * workload always had (Deployment selectors cannot change); every other workload has an
     * instance of its own, so the primary's selector never matches its pods, and a component label.
     */
    public static Map<String, String> workloadSelector(String application, String environment, String workload, boolean primary) {
        if (primary) {
            return selectorLabels(application, environment);
        }
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(NAME_LABEL, application);
        labels.put(INSTANCE_LABEL, instance(application + "-" + workload, environment));
        labels.put(COMPONENT_LABEL, workload);
        return Collections.unmodifiableSortedMap(labels);
    }

    private static SortedMap<String, String> workloadLabels(RenderTarget target, String workload, boolean primary, String version) {
        SortedMap<String, String> labels = new TreeMap<>(workloadSelector(target.application(), target.environment(), workload, primary));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(VERSION_LABEL, version);
        return labels;
    }

    private static PodContainers.Config podConfig(RenderTarget target) {
        return new PodContainers.Config(configMapName(target.application()),
                target.secrets().values().isEmpty() ? null : secretName(target.application()), target.secrets().references(),
                containerSecretName(target.application()), target.secrets().containerValues());
    }

    /** On every pod template, so that a change of configuration alone rolls the pods. */
    private static Map<String, String> podAnnotations(RenderTarget target) {
        Map<String, String> podAnnotations = new TreeMap<>();
        podAnnotations.put(DEPLOYMENT_ID_ANNOTATION, target.deploymentId());
        podAnnotations.put(CONFIG_HASH_ANNOTATION, configHash(target.config()));
        if (!target.secrets().isEmpty()) {
            podAnnotations.put(SECRET_HASH_ANNOTATION, secretHash(target.secrets()));
        }
        return podAnnotations;
    }

    /** The labels that identify one instance (application x environment): the Deployment's immutable selector. */
    public static Map<String, String> selectorLabels(String application, String environment) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(NAME_LABEL, application);
        labels.put(INSTANCE_LABEL, instance(application, environment));
        return Collections.unmodifiableSortedMap(labels);
    }

    /**
     * The labels every object Slipway rendered for an instance carries: list objects by these to
     * find (and prune) the ones a newer render no longer contains.
     */
    public static Map<String, String> managedLabels(String application, String environment) {
        SortedMap<String, String> labels = new TreeMap<>(selectorLabels(application, environment));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        return Collections.unmodifiableSortedMap(labels);
    }

    public static String configMapName(String application) {
        return application + "-config";
    }

    public static String secretName(String application) {
        return application + "-secrets";
    }

    /**
     * The Secret of per-container secret values (keys {@code <container>.<VARIABLE>}); containers
     * reference their own keys one by one and never import it whole.
     */
    public static String containerSecretName(String application) {
        return application + "-container-secrets";
    }

    /** The key of a container's secret variable in {@link #containerSecretName}. */
    static String containerSecretKey(String container, String variable) {
        return container + "." + variable;
    }

    /**
     * {@code <application>-<environment>}; when that exceeds a label value's 63 characters, its
     * start plus a hash of the whole, so that two long instances still get different values.
     */
    static String instance(String application, String environment) {
        String instance = application + "-" + environment;
        if (instance.length() <= MAX_LABEL_VALUE) {
            return instance;
        }
        String hash = sha256Hex(instance).substring(0, INSTANCE_HASH_LENGTH);
        String start = instance.substring(0, MAX_LABEL_VALUE - INSTANCE_HASH_LENGTH - 1).replaceAll("-+$", "");
        return start + "-" + hash;
    }

    /**
     * The image's tag, else the first 12 hex digits of its digest, else {@code latest} (what a
     * registry serves for an image without either), made a valid label value.
     */
    static String versionLabel(String image) {
        ImageReference reference = ImageReference.parse(image).reference().orElse(null);
        if (reference != null && reference.tag() != null) {
            String tag = labelValue(reference.tag());
            if (!tag.isEmpty()) {
                return tag;
            }
        }
        if (reference != null && reference.digest() != null) {
            return reference.digest().substring(0, 12);
        }
        return "latest";
    }

    /** At most 63 characters, starting and ending with a letter or digit (tags may also use '_', '.', '-'). */
    static String labelValue(String text) {
        String value = text.length() > MAX_LABEL_VALUE ? text.substring(0, MAX_LABEL_VALUE) : text;
        return value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    /**
     * First 16 hex digits of a SHA-256 over the variables in name order, each name and value
     * length-prefixed so that no two different maps encode alike.
     */
    static String configHash(Map<String, String> config) {
        StringBuilder encoded = new StringBuilder();
        new TreeMap<>(config).forEach((name, value) -> encoded
                .append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
        return sha256Hex(encoded.toString()).substring(0, 16);
    }

    /**
     * First 16 hex digits of a SHA-256 over the secrets' version and references: changes whenever
     * a secret value or reference does, and says nothing about the values.
     */
    static String secretHash(WorkloadSecrets secrets) {
        StringBuilder encoded = new StringBuilder();
        encoded.append(secrets.version().length()).append(':').append(secrets.version());
        secrets.containerValues().forEach((container, variables) -> variables.keySet().forEach(variable -> encoded
                .append(container.length()).append(':').append(container).append(variable.length()).append(':').append(variable)));
        secrets.references().forEach((name, reference) -> encoded
                .append(name.length()).append(':').append(name)
                .append(reference.secret().length()).append(':').append(reference.secret())
                .append(reference.key().length()).append(':').append(reference.key()));
        return sha256Hex(encoded.toString()).substring(0, 16);
    }

    private static SortedMap<String, String> labels(RenderTarget target, String version) {
        SortedMap<String, String> labels = new TreeMap<>(managedLabels(target.application(), target.environment()));
        labels.put(VERSION_LABEL, version);
        return labels;
    }

    private static ObjectMeta metadata(String name, RenderTarget target, Map<String, String> labels, Map<String, String> annotations) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(target.namespace())
                .withLabels(new TreeMap<>(labels))
                .withAnnotations(new TreeMap<>(annotations))
                .build();
    }

    /**
     * The Namespace object of a target, labelled managed-by and with the Pod Security Admission
     * level of the environment's type (enforced, warned and audited), so that the cluster refuses
     * pods looser than the type allows, whoever creates them.
     */
    public static Namespace namespace(RenderTarget target) {
        Map<String, String> labels = new TreeMap<>(new PodDefaults(target.workloadDefaults()).namespaceLabels());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        return new NamespaceBuilder()
                .withApiVersion("v1")
                .withKind("Namespace")
                .withNewMetadata()
                .withName(target.namespace())
                .withLabels(labels)
                .endMetadata()
                .build();
    }

    private static ConfigMap configMap(RenderTarget target, ObjectMeta metadata) {
        return new ConfigMapBuilder()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withMetadata(metadata)
                .withData(new TreeMap<>(target.config()))
                .build();
    }

    private static Map<String, String> containerSecretData(WorkloadSecrets secrets) {
        Map<String, String> data = new TreeMap<>();
        secrets.containerValues().forEach((container, variables) -> variables
                .forEach((variable, value) -> data.put(containerSecretKey(container, variable), value)));
        return data;
    }

    /** Values as base64 data: server-side apply then owns each key, so a key dropped here is removed. */
    private static Secret secret(ObjectMeta metadata, Map<String, String> values) {
        Map<String, String> data = new TreeMap<>();
        values.forEach((name, value) -> data.put(name, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withApiVersion("v1")
                .withKind("Secret")
                .withMetadata(metadata)
                .withType("Opaque")
                .withData(data)
                .build();
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
