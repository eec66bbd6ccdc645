package dev.slipway.infra.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.infra.driver.AppliedObject;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.ValueResolver;

/**
 * What output expressions may read from the cluster, as {@code cluster} in their data:
 * {@code {cluster.status('StatefulSet', resource + '-postgres', '$.status.readyReplicas')}} reads
 * one of the objects the template applied by JSONPath (over the whole object), and
 * {@code {cluster.secret(resource + '-app', 'password')}} a key of a Secret in the namespace
 * (how operators and Crossplane claims publish connection details). A value that is not there yet
 * is {@link NotYetAvailable}: the resource is then not ready yet.
 */
final class ClusterLookups {

    /** Resolves {@code status(kind, name, path)} and {@code secret(name, key)} on a lookups object. */
    static final ValueResolver RESOLVER = ValueResolver.builder()
            .appliesTo(context -> context.getBase() instanceof ClusterLookups)
            .resolveAsync(ClusterLookups::resolve)
            .build();

    /** A value an output needs is not in the cluster yet (a Secret the operator has not written). */
    static final class NotYetAvailable extends RuntimeException {
        NotYetAvailable(String message) {
            super(message, null, false, false);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final List<AppliedObject> applied;
    private final ClusterObjects objects;
    private final Map<AppliedObject, Optional<JsonNode>> fetched = new HashMap<>();
    private final Map<String, Optional<Secret>> secrets = new HashMap<>();

    ClusterLookups(KubernetesClient client, String namespace, List<AppliedObject> applied, ClusterObjects objects) {
        this.client = client;
        this.namespace = namespace;
        this.applied = applied;
        this.objects = objects;
    }

    String status(String kind, String name, String path) {
        AppliedObject object = applied.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cluster.status: " + kind + "/" + name
                        + " is not one of the objects the template applies"));
        JsonPath jsonPath = JsonPath.parse(path);
        JsonNode found = fetched.computeIfAbsent(object, o -> objects.get(client, o))
                .orElseThrow(() -> new NotYetAvailable(object.describe() + " does not exist"));
        return jsonPath.text(found).orElseThrow(() -> new NotYetAvailable(object.describe() + " has no " + path + " yet"));
    }

    String secret(String name, String key) {
        Secret secret = secrets.computeIfAbsent(name,
                n -> Optional.ofNullable(client.secrets().inNamespace(namespace).withName(n).get()))
                .orElseThrow(() -> new NotYetAvailable("Secret " + name + " does not exist yet"));
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return secret.getStringData().get(key);
        }
        throw new NotYetAvailable("Secret " + name + " has no key " + key + " yet");
    }

    private static CompletionStage<Object> resolve(EvalContext context) {
        ClusterLookups lookups = (ClusterLookups) context.getBase();
        String method = context.getName();
        int arity = "status".equals(method) ? 3 : "secret".equals(method) ? 2 : -1;
        if (arity < 0 || context.getParams().size() != arity) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "cluster." + method + ": use cluster.status(kind, name, jsonPath) or cluster.secret(name, key)"));
        }
        List<CompletableFuture<Object>> params = new ArrayList<>();
        context.getParams().forEach(param -> params.add(context.evaluate(param).toCompletableFuture()));
        return CompletableFuture.allOf(params.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<String> args = params.stream().map(param -> String.valueOf(param.join())).toList();
            return arity == 3 ? lookups.status(args.get(0), args.get(1), args.get(2)) : lookups.secret(args.get(0), args.get(1));
        });
    }
}
