package dev.slipway.local.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The CRUD dispatcher, taught what a real API server does and the mock does not: server-side
 * apply, discovery for kubectl, namespaces that must exist before anything is created in them
 * and whose deletion takes their objects along (lookups through an index: {@link IndexedCrudDispatcher}).
 *
 * <p>Writes are serialised per namespace (the Namespace object included; a cluster-scoped object
 * on its own), so an apply's read-merge-write cannot interleave with another write to the same
 * object (status updates of the simulated controller included), while writes to different
 * environments do not wait for each other. The stock handlers still commit one write at a time.
 * An apply is turned into the stock handlers' own work (a create or a full update), so uids,
 * resource versions, generation bumps, conflicts on a stale resourceVersion and watch events
 * behave as they do for any other write.
 */
final class SandboxDispatcher extends IndexedCrudDispatcher {

    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String JSON = "application/json";
    private static final String NAMESPACES = "/api/v1/namespaces/";

    private static final int WRITE_LOCK_STRIPES = 64;

    /** Write locks by namespace (or cluster-scoped path), striped so that their number stays bounded. */
    private final ReentrantLock[] writes = new ReentrantLock[WRITE_LOCK_STRIPES];
    /** Last object each field manager applied: by resource path, then field manager. */
    private final Map<String, Map<String, ObjectNode>> lastApplied = new ConcurrentHashMap<>();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final SandboxDiscovery discovery = new SandboxDiscovery(serialization);
    private final AtomicLong requests = new AtomicLong();
    private final long housekeepingEvery;
    private final Runnable housekeeping;
    /** Told about each custom kind the first time an object of it is written (the simulated controller watches them). */
    private final List<Consumer<SandboxDiscovery.LearnedKind>> kindListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PodLogs logs;

    /**
     * @param housekeepingEvery run {@code housekeeping} once per this many requests
     * @param housekeeping      what keeps the server's memory bounded (it records every request)
     */
    SandboxDispatcher(long housekeepingEvery, Runnable housekeeping, java.time.Duration logInterval) {
        this.housekeepingEvery = housekeepingEvery;
        this.housekeeping = housekeeping;
        this.logs = new PodLogs(this::stored, logInterval);
        for (int i = 0; i < writes.length; i++) {
            writes[i] = new ReentrantLock();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (requests.incrementAndGet() % housekeepingEvery == 0) {
            housekeeping.run();
        }
        String path = withoutQuery(request.getPath());
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            Optional<MockResponse> log = logs.answer(request.getPath(), this::status);
            if (log.isPresent()) {
                return log.get();
            }
            Optional<String> document = discovery.document(path);
            if (document.isPresent()) {
                return json(200, document.get());
            }
            return EventSelector.of(request.getPath())
                    .map(selector -> selector.filter(super.dispatch(withPath(request, selector.remainingPath()))))
                    .orElseGet(() -> super.dispatch(request));
        }
        ReentrantLock lock = writeLock(path);
        lock.lock();
        try {
            if (method == HttpMethod.PATCH && isApplyPatch(request)) {
                return apply(request, path);
            }
            if (method == HttpMethod.POST && !namespaceExists(path)) {
                return namespaceNotFound(path);
            }
            MockResponse response = super.dispatch(request);
            if (method == HttpMethod.POST && response != null && response.code() < 300) {
                learnKind(path, () -> serialization.unmarshal(new String(request.getBody().getBytes(), StandardCharsets.UTF_8),
                        JsonNode.class));
            }
            if (method == HttpMethod.DELETE && response != null && response.code() < 300) {
                afterDelete(path);
            }
            return response;
        } finally {
            lock.unlock();
        }
    }

    /** The pod logs this server answers with (followed ones are streamed by {@link SandboxWebServer}). */
    PodLogs logs() {
        return logs;
    }

    private static RecordedRequest withPath(RecordedRequest request, String path) {
        return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(), request.getBody());
    }

    /** The stored object at a resource path, or null. */
    private JsonNode stored(String path) {
        Map.Entry<AttributeSet, String> entry = findResource(getKey(path));
        if (entry == null) {
            return null;
        }
        try {
            return asNode(entry);
        } catch (KubernetesCrudDispatcherException e) {
            return null;
        }
    }

    /** Writes to one namespace (the Namespace object included) share a lock; a cluster-scoped object has its own. */
    private ReentrantLock writeLock(String path) {
        String namespace = namespaceOf(path);
        String scope;
        if (namespace != null) {
            scope = namespace;
        } else if (path.startsWith(NAMESPACES)) {
            int end = path.indexOf('/', NAMESPACES.length());
            scope = end < 0 ? path.substring(NAMESPACES.length()) : path.substring(NAMESPACES.length(), end);
        } else {
            scope = path;
        }
        return writes[Math.floorMod(scope.hashCode(), writes.length)];
    }

    private MockResponse apply(RecordedRequest request, String path) {
        String fieldManager = query(request.getPath()).get("fieldManager");
        if (fieldManager == null || fieldManager.isBlank()) {
            return status(400, "BadRequest", "fieldManager is required for apply requests");
        }
        if (path.endsWith("/status") || path.endsWith("/scale")) {
            return status(415, "UnsupportedMediaType", "the sandbox does not apply subresources");
        }
        ObjectNode applied;
        try {
            JsonNode parsed = serialization.unmarshal(request.getBody().readUtf8(), JsonNode.class);
            if (!(parsed instanceof ObjectNode object)) {
                return status(400, "BadRequest", "an apply patch must be a single object");
            }
            applied = object;
        } catch (RuntimeException e) {
            return status(400, "BadRequest", "cannot parse the apply patch: " + e.getMessage());
        }
        ApplyPatch.sanitize(applied);
        Optional<MockResponse> invalid = bindToPath(applied, path);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        ObjectNode recorded = applied.deepCopy();
        ((ObjectNode) recorded.get("metadata")).remove("resourceVersion");

        Map.Entry<AttributeSet, String> existing = findResource(getKey(path));
        MockResponse response;
        if (existing == null) {
            if (!namespaceExists(path)) {
                return namespaceNotFound(path);
            }
            response = handleCreate(request(HttpMethod.POST, collectionPath(path), recorded));
        } else {
            response = update(path, existing, applied, recorded, lastApplied.getOrDefault(path, Map.of()).get(fieldManager));
        }
        if (response.code() < 300) {
            lastApplied.computeIfAbsent(path, ignored -> new ConcurrentHashMap<>()).put(fieldManager, recorded);
            learnKind(path, () -> applied);
        }
        return response;
    }

    /** Registers a listener for custom kinds; it hears of the kinds learned so far at once. */
    void onNewKind(Consumer<SandboxDiscovery.LearnedKind> listener) {
        kindListeners.add(listener);
        discovery.learnedKinds().forEach(listener);
    }

    /**
     * Lists the kind of an object written to a group/version the sandbox does not know, so that
     * discovery finds it from then on. Objects of custom kinds are namespaced here.
     */
    private void learnKind(String path, Supplier<JsonNode> body) {
        String[] segments = path.split("/");
        // "", "apis", group, version, "namespaces", namespace, plural[, name]
        if (segments.length < 7 || !segments[1].equals("apis") || !segments[4].equals("namespaces")) {
            return;
        }
        String groupVersion = segments[2] + "/" + segments[3];
        String plural = segments[6];
        if (discovery.knows(groupVersion, plural)) {
            return;
        }
        String kind = body.get().path("kind").asText("");
        if (kind.isEmpty()) {
            return;
        }
        SandboxDiscovery.LearnedKind learned = new SandboxDiscovery.LearnedKind(groupVersion, plural, kind);
        if (discovery.learn(learned)) {
            kindListeners.forEach(listener -> listener.accept(learned));
        }
    }

    private MockResponse update(String path, Map.Entry<AttributeSet, String> existing, ObjectNode applied,
            ObjectNode recorded, ObjectNode previous) {
        ObjectNode stored;
        try {
            stored = (ObjectNode) asNode(existing);
        } catch (KubernetesCrudDispatcherException e) {
            return status(500, "InternalError", e.getMessage());
        }
        // The merged object keeps the stored status: a PUT of a built-in kind writes status too.
        ObjectNode merged = stored.deepCopy();
        if (previous != null) {
            ApplyPatch.removeDropped(merged, previous, recorded);
        }
        ApplyPatch.merge(merged, applied);
        if (merged.equals(stored)) {
            // A no-op apply changes nothing on a real server either: no new resourceVersion, no event.
            return json(200, existing.getValue());
        }
        return handleUpdate(request(HttpMethod.PUT, path, merged));
    }

    /** Name and namespace come from the path; a body that says otherwise is refused, as a real server does. */
    private Optional<MockResponse> bindToPath(ObjectNode applied, String path) {
        ObjectNode metadata = applied.get("metadata") instanceof ObjectNode meta ? meta : applied.putObject("metadata");
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (metadata.hasNonNull("name") && !metadata.get("name").asText().equals(name)) {
            return Optional.of(status(400, "BadRequest", "the name of the object does not match the name on the URL"));
        }
        metadata.put("name", name);
        String namespace = namespaceOf(path);
        if (namespace != null) {
            if (metadata.hasNonNull("namespace") && !metadata.get("namespace").asText().equals(namespace)) {
                return Optional.of(status(400, "BadRequest", "the namespace of the object does not match the namespace on the URL"));
            }
            metadata.put("namespace", namespace);
        }
        return Optional.empty();
    }

    /** A real API server creates nothing in a namespace that does not exist (cluster-scoped objects need none). */
    private boolean namespaceExists(String path) {
        String namespace = namespaceOf(path);
        return namespace == null || findResource(getKey(NAMESPACES + namespace)) != null;
    }

    private MockResponse namespaceNotFound(String path) {
        return status(404, "NotFound", "namespaces \"" + namespaceOf(path) + "\" not found");
    }

    /**
     * Drops what deleted objects leave behind, and lets a deleted namespace take its objects along.
     * Only the deleted object's (or namespace's) records are looked at: checking every record on
     * every delete, each with a lookup that scanned the store, made deletes quadratic in its size.
     */
    private void afterDelete(String path) {
        List<String> gone = new ArrayList<>();
        gone.add(path);
        if (path.startsWith(NAMESPACES) && path.indexOf('/', NAMESPACES.length()) < 0) {
            String namespace = path.substring(NAMESPACES.length());
            deleteNamespaceContents(namespace);
            lastApplied.keySet().stream().filter(key -> namespace.equals(namespaceOf(key))).forEach(gone::add);
        }
        for (String object : gone) {
            // An object with finalizers is only marked for deletion: it stays, and so does its record.
            if (findResource(getKey(object)) == null) {
                lastApplied.remove(object);
            }
        }
    }

    private void deleteNamespaceContents(String namespace) {
        List<String> paths = new ArrayList<>();
        for (Map.Entry<AttributeSet, String> entry : new ArrayList<>(getMap().entrySet())) {
            String plural = value(entry.getKey(), KubernetesAttributesExtractor.PLURAL);
            if (plural != null && namespace.equals(value(entry.getKey(), KubernetesAttributesExtractor.NAMESPACE))) {
                try {
                    paths.add(selfPath(asNode(entry), plural));
                } catch (KubernetesCrudDispatcherException e) {
                    // Unreadable entries cannot be addressed; the namespace goes regardless.
                }
            }
        }
        paths.forEach(this::handleDelete);
    }

    private static String selfPath(JsonNode object, String plural) {
        String apiVersion = object.path("apiVersion").asText();
        String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        JsonNode metadata = object.path("metadata");
        return prefix + "/namespaces/" + metadata.path("namespace").asText() + "/"
                + plural + "/"
                + metadata.path("name").asText();
    }

    private static String value(AttributeSet attributes, String key) {
        Attribute attribute = attributes.getAttribute(key);
        return attribute == null || attribute.getValues().isEmpty() ? null : attribute.getValues().get(0).toString();
    }

    /** The namespace of a namespaced resource path, or null for cluster-scoped ones (a Namespace included). */
    static String namespaceOf(String path) {
        String[] segments = path.split("/");
        // "", "api", "v1", ... or "", "apis", group, version, ...
        int start = segments.length > 1 && segments[1].equals("apis") ? 4 : 3;
        if (segments.length > start + 2 && segments[start].equals("namespaces")) {
            return segments[start + 1];
        }
        return null;
    }

    private static String collectionPath(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static boolean isApplyPatch(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(APPLY_PATCH);
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Map<String, String> query(String path) {
        Map<String, String> parameters = new HashMap<>();
        int start = path.indexOf('?');
        if (start < 0) {
            return parameters;
        }
        for (String pair : path.substring(start + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private RecordedRequest request(HttpMethod method, String path, JsonNode body) {
        Headers headers = Headers.builder().add("Content-Type", JSON).build();
        byte[] bytes = serialization.asJson(body).getBytes(StandardCharsets.UTF_8);
        return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(bytes));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody(body);
    }

    private MockResponse status(int code, String reason, String message) {
        Map<String, Object> status = Map.of(
                "apiVersion", "v1", "kind", "Status", "status", "Failure",
                "message", message, "reason", reason, "code", code);
        return json(code, serialization.asJson(status));
    }
}
