package dev.slipway.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;

/**
 * Plays the operators behind custom resources, whatever their kind: some hundred milliseconds
 * after an object of a custom kind is created or its generation changes, its
 * {@code status.conditions} get {@code Ready=True} (with {@code observedGeneration}). The test
 * hook {@value #READY_ANNOTATION} on the object changes that: {@code "False: <message>"} reports
 * {@code Ready=False} with reason {@value #FAILURE_REASON} and that message (what an operator does
 * when provisioning fails), {@code "Unknown"} leaves it unready. A CloudNativePG-like
 * {@code postgresql.cnpg.io} {@code Cluster} also gets what that operator publishes: the Services
 * {@code <name>-rw} and {@code <name>-r}, the Secret {@code <name>-app} (username, password, host,
 * port, dbname, uri, jdbc-uri) and the status fields {@code writeService}, {@code readService},
 * {@code instances}, {@code readyInstances}, {@code phase}; deleting the Cluster deletes them.
 */
final class SimulatedCustomResources implements AutoCloseable {
    /** The sandbox's test hook: "True" (the default), "False: message" or "Unknown". */
    static final String READY_ANNOTATION = "sandbox.slipway.dev/ready";
    static final String FAILURE_REASON = "ReconciliationFailed";
    static final String CNPG_GROUP = "postgresql.cnpg.io";
    private static final Logger LOG = Logger.getLogger(SimulatedCustomResources.class);
    private static final long INFORMER_SYNC_SECONDS = 10;

    private final KubernetesClient client;
    private final ControllerSteps steps;
    private final SecureRandom random = new SecureRandom();
    /** One informer per learned kind, by group/version and plural. */
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    /** What was last reconciled per object uid: generation and test hook, so a status write does not start another. */
    private final Map<String, String> reconciled = new ConcurrentHashMap<>();

    SimulatedCustomResources(KubernetesClient client, ControllerSteps steps) {
        this.client = client;
        this.steps = steps;
    }

    /** Starts watching a kind the sandbox learned (off the caller's thread, which is the API server's). */
    void watch(SandboxDiscovery.LearnedKind kind) {
        String key = kind.groupVersion() + "/" + kind.plural();
        steps.submit("kind " + key, () -> informers.computeIfAbsent(key, ignored -> inform(context(kind))), 0);
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
    }

    private SharedIndexInformer<GenericKubernetesResource> inform(ResourceDefinitionContext context) {
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(context).inAnyNamespace()
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource resource) {
                consider(context, resource);
            }

            @Override
            public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource resource) {
                consider(context, resource);
            }

            @Override
            public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
                reconciled.remove(resource.getMetadata().getUid());
                if (isCnpgCluster(context)) {
                    steps.submit(resource.getMetadata().getUid(), () -> deleteCnpgObjects(resource), 0);
                }
            }
        });
        try {
            informer.start().toCompletableFuture().get(INFORMER_SYNC_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Sandbox could not watch %s: %s", context.getKind(), e.getMessage());
        }
        return informer;
    }

    private void consider(ResourceDefinitionContext context, GenericKubernetesResource resource) {
        String uid = resource.getMetadata().getUid();
        String state = generationOf(resource) + "|" + hook(resource);
        if (state.equals(reconciled.put(uid, state))) {
            return;
        }
        steps.submit(uid, () -> reconcile(context, resource.getMetadata().getNamespace(), resource.getMetadata().getName(), uid),
                steps.jitteredDelay());
    }

    private void reconcile(ResourceDefinitionContext context, String namespace, String name, String uid) {
        GenericKubernetesResource current = client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get();
        if (current == null || !uid.equals(current.getMetadata().getUid())) {
            return;
        }
        String hook = hook(current);
        boolean ready = hook.equals("True");
        Map<String, Object> status = new LinkedHashMap<>();
        if (current.getAdditionalProperties().get("status") instanceof Map<?, ?> existing) {
            existing.forEach((key, value) -> status.put(String.valueOf(key), value));
        }
        if (isCnpgCluster(context)) {
            publishCnpgObjects(current, status, ready);
        }
        status.put("observedGeneration", generationOf(current));
        status.put("conditions", List.of(condition(hook, generationOf(current))));
        current.getAdditionalProperties().put("status", status);
        client.genericKubernetesResources(context).inNamespace(namespace).resource(current).updateStatus();
    }

    private static Map<String, Object> condition(String hook, long generation) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        condition.put("observedGeneration", generation);
        if (hook.equals("True")) {
            condition.put("status", "True");
            condition.put("reason", "Ready");
            condition.put("message", "Reconciled by the sandbox");
        } else if (hook.startsWith("False")) {
            int colon = hook.indexOf(':');
            condition.put("status", "False");
            condition.put("reason", FAILURE_REASON);
            condition.put("message", colon < 0 ? "the sandbox's test hook reports a failure" : hook.substring(colon + 1).trim());
        } else {
            condition.put("status", "Unknown");
            condition.put("reason", "Reconciling");
            condition.put("message", "the sandbox's test hook keeps it reconciling");
        }
        return condition;
    }

    /** What CloudNativePG publishes for a Cluster: Services, the application Secret (once), status fields. */
    private void publishCnpgObjects(GenericKubernetesResource cluster, Map<String, Object> status, boolean ready) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        Object instancesValue = spec(cluster).get("instances");
        int instances = instancesValue instanceof Number n ? n.intValue() : 1;
        for (String suffix : List.of("-rw", "-r")) {
            if (client.services().inNamespace(namespace).withName(name + suffix).get() == null) {
                client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(name + suffix)
                        .addToLabels("cnpg.io/cluster", name).endMetadata()
                        .withNewSpec().addToSelector("cnpg.io/cluster", name).addNewPort().withName("postgres").withPort(5432).endPort()
                        .endSpec().build()).create();
            }
        }
        if (client.secrets().inNamespace(namespace).withName(name + "-app").get() == null) {
            Map<?, ?> initdb = initdb(cluster);
            String user = initdb.get("owner") instanceof String owner ? owner : "app";
            String database = initdb.get("database") instanceof String db ? db : "app";
            String password = password();
            String host = name + "-rw";
            String address = host + "." + namespace + ":5432/" + database;
            Map<String, String> data = new LinkedHashMap<>();
            data.put("username", user);
            data.put("user", user);
            data.put("password", password);
            data.put("host", host);
            data.put("port", "5432");
            data.put("dbname", database);
            data.put("uri", "postgresql://" + user + ":" + password + "@" + address);
            data.put("jdbc-uri", "jdbc:postgresql://" + address + "?password=" + password + "&user=" + user);
            data.replaceAll((key, value) -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name + "-app")
                    .addToLabels("cnpg.io/cluster", name).endMetadata()
                    .withType("kubernetes.io/basic-auth").withData(data).build()).create();
        }
        status.put("instances", instances);
        status.put("readyInstances", ready ? instances : 0);
        status.put("writeService", name + "-rw");
        status.put("readService", name + "-r");
        status.put("phase", ready ? "Cluster in healthy state" : "Setting up primary");
    }

    private void deleteCnpgObjects(GenericKubernetesResource cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        client.secrets().inNamespace(namespace).withName(name + "-app").delete();
        client.services().inNamespace(namespace).withName(name + "-rw").delete();
        client.services().inNamespace(namespace).withName(name + "-r").delete();
    }

    private String password() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static Map<?, ?> spec(GenericKubernetesResource resource) {
        return resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? spec : Map.of();
    }

    private static Map<?, ?> initdb(GenericKubernetesResource cluster) {
        return spec(cluster).get("bootstrap") instanceof Map<?, ?> bootstrap && bootstrap.get("initdb") instanceof Map<?, ?> initdb
                ? initdb
                : Map.of();
    }

    private static String hook(GenericKubernetesResource resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String hook = annotations == null ? null : annotations.get(READY_ANNOTATION);
        return hook == null || hook.isBlank() ? "True" : hook.trim();
    }

    private static long generationOf(GenericKubernetesResource resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 1 : generation;
    }

    private static boolean isCnpgCluster(ResourceDefinitionContext context) {
        return CNPG_GROUP.equals(context.getGroup()) && "Cluster".equals(context.getKind());
    }

    private static ResourceDefinitionContext context(SandboxDiscovery.LearnedKind kind) {
        String[] groupVersion = kind.groupVersion().split("/", 2);
        return new ResourceDefinitionContext.Builder().withGroup(groupVersion[0]).withVersion(groupVersion[1]).withKind(kind.kind())
                .withPlural(kind.plural()).withNamespaced(true).build();
    }
}
