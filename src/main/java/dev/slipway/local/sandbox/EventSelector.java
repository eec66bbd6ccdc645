package dev.slipway.local.sandbox;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The field selectors a real API server supports on Events ({@code involvedObject.name},
 * {@code .kind}, {@code .uid}, {@code .namespace}, {@code .apiVersion}, {@code reason},
 * {@code type}), which the mock knows nothing of: it matches them against attributes no object
 * has and lists nothing. A list of Events with such terms is answered by the mock without them,
 * then filtered here. Watches with them are not (a watcher filters on its side).
 */
final class EventSelector {
    private static final Pattern EVENTS = Pattern.compile("^/api/v1/(namespaces/[^/]+/)?events$");
    private static final List<String> FIELDS = List.of("involvedObject.name", "involvedObject.kind", "involvedObject.uid",
            "involvedObject.namespace", "involvedObject.apiVersion", "reason", "type");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String remainingPath;
    private final Map<String, String> terms;

    private EventSelector(String remainingPath, Map<String, String> terms) {
        this.remainingPath = remainingPath;
        this.terms = terms;
    }

    /** The event terms of a list request's field selector, if it is a list of Events that has any. */
    static Optional<EventSelector> of(String uri) {
        int queryStart = uri.indexOf('?');
        if (queryStart < 0 || !EVENTS.matcher(uri.substring(0, queryStart)).matches()) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        Map<String, String> terms = new LinkedHashMap<>();
        boolean watch = false;
        for (String pair : uri.substring(queryStart + 1).split("&")) {
            watch |= pair.equals("watch=true");
            if (!pair.startsWith("fieldSelector=")) {
                kept.add(pair);
                continue;
            }
            List<String> other = new ArrayList<>();
            for (String term : URLDecoder.decode(pair.substring("fieldSelector=".length()), StandardCharsets.UTF_8).split(",")) {
                String[] sides = term.split("==?", 2);
                if (sides.length == 2 && !term.contains("!=") && FIELDS.contains(sides[0].strip())) {
                    terms.put(sides[0].strip(), sides[1].strip());
                } else if (!term.isBlank()) {
                    other.add(term);
                }
            }
            if (!other.isEmpty()) {
                kept.add("fieldSelector=" + URLEncoder.encode(String.join(",", other), StandardCharsets.UTF_8));
            }
        }
        if (terms.isEmpty() || watch) {
            return Optional.empty();
        }
        return Optional.of(new EventSelector(uri.substring(0, queryStart) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)), terms));
    }

    String remainingPath() {
        return remainingPath;
    }

    /** The mock's list answer with only the Events that match. */
    MockResponse filter(MockResponse list) {
        if (list == null || list.code() != 200 || list.getBody() == null) {
            return list;
        }
        JsonNode body = SERIALIZATION.unmarshal(list.getBody().readUtf8(), JsonNode.class);
        if (!(body instanceof ObjectNode object) || !(body.get("items") instanceof ArrayNode items)) {
            return list;
        }
        ArrayNode matching = object.arrayNode();
        items.forEach(item -> {
            if (terms.entrySet().stream().allMatch(term -> term.getValue().equals(field(item, term.getKey())))) {
                matching.add(item);
            }
        });
        object.set("items", matching);
        return list.setBody(SERIALIZATION.asJson(object));
    }

    private static String field(JsonNode event, String path) {
        JsonNode node = event;
        for (String segment : path.split("\\.")) {
            node = node.path(segment);
        }
        return node.asText();
    }
}
