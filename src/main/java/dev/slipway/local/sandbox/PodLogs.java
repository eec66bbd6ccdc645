package dev.slipway.local.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The logs of simulated containers ({@code GET /api/v1/namespaces/{ns}/pods/{pod}/log}), which
 * the mock does not serve. Nothing is stored: a container's log is a function of its pod and the
 * time since it started. It opens with {@code Starting <container> (image <image>)}; a container
 * with a command or args then prints them, {@code $(VAR)} expanded with its environment as the
 * kubelet expands them (values, Secret and ConfigMap references, envFrom), so tests can make a
 * container print a secret; then a running container writes {@code tick N} every log interval.
 * A terminated container (a Job's) ends with {@code done} or {@code exit <code>}; a
 * crash-looping one with {@code panic: simulated crash}. Query parameters as on a real API
 * server: container, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes, follow
 * ({@link SandboxWebServer} streams those).
 */
final class PodLogs {
    private static final Pattern LOG_PATH = Pattern.compile("^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/log$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\(([-._a-zA-Z0-9]+)\\)");
    /** The kubelet's timestamp format: RFC 3339 with nanoseconds, always nine digits. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Older heartbeats are gone, as a rotated container log is. */
    private static final int MAX_TICKS = 10_000;
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    /** One line of a container's log and when it was written. */
    record Line(Instant at, String text) {
    }

    /** A log request, as its query parameters say. */
    record Request(String namespace, String pod, String container, Integer tailLines, Long sinceSeconds, Instant sinceTime,
            boolean timestamps, Long limitBytes, boolean follow) {
    }

    /**
     * The log as of now: an error (code and message) or every line so far, with whether more can
     * come (a running container) and the pod's uid (a follower stops when the pod is replaced).
     */
    record Answer(int code, String reason, String message, List<Line> lines, boolean more, String podUid) {
        static Answer error(int code, String reason, String message) {
            return new Answer(code, reason, message, List.of(), false, null);
        }
    }

    private final Function<String, JsonNode> store;
    private final Duration interval;

    /**
     * @param store    the stored object at a resource path (null when there is none)
     * @param interval how often a running container writes a heartbeat line
     */
    PodLogs(Function<String, JsonNode> store, Duration interval) {
        this.store = store;
        this.interval = interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
    }

    Duration interval() {
        return interval;
    }

    /** The log request of a GET of {@code uri} (path and query), if it asks for a pod's log. */
    static Optional<Request> parse(String uri) {
        int queryStart = uri.indexOf('?');
        Matcher path = LOG_PATH.matcher(queryStart < 0 ? uri : uri.substring(0, queryStart));
        if (!path.matches()) {
            return Optional.empty();
        }
        Map<String, String> query = new HashMap<>();
        if (queryStart >= 0) {
            for (String pair : uri.substring(queryStart + 1).split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.of(new Request(path.group(1), path.group(2), query.get("container"),
                number(query.get("tailLines"), Integer::valueOf), number(query.get("sinceSeconds"), Long::valueOf),
                number(query.get("sinceTime"), Instant::parse), "true".equals(query.get("timestamps")),
                number(query.get("limitBytes"), Long::valueOf), "true".equals(query.get("follow"))));
    }

    private static <T> T number(String value, Function<String, T> parse) {
        return value == null || value.isEmpty() ? null : parse.apply(value);
    }

    /** How an error is answered: code, reason, message to a Status response. */
    interface StatusResponse {
        MockResponse of(int code, String reason, String message);
    }

    /**
     * The whole answer to a GET of {@code uri} if it asks for a pod's log: the selected lines as
     * text/plain, or an error Status. A followed log arrives here only from a client that does not
     * go through {@link SandboxWebServer}; it gets what there is so far.
     */
    Optional<MockResponse> answer(String uri, StatusResponse status) {
        Optional<Request> request;
        try {
            request = parse(uri);
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.of(status.of(400, "BadRequest", "invalid log query: " + e.getMessage()));
        }
        if (request.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Answer answer = read(request.get(), now);
        if (answer.code() != 200) {
            return Optional.of(status.of(answer.code(), answer.reason(), answer.message()));
        }
        byte[] text = render(select(answer.lines(), request.get(), now), request.get()).getBytes(StandardCharsets.UTF_8);
        Long limit = request.get().limitBytes();
        if (limit != null && limit >= 0 && limit < text.length) {
            text = Arrays.copyOf(text, limit.intValue());
        }
        return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text));
    }

    /** Reads the log as of {@code now}: every line written so far (filter with {@link #select}). */
    Answer read(Request request, Instant now) {
        String podPath = "/api/v1/namespaces/" + request.namespace() + "/pods/" + request.pod();
        JsonNode pod = store.apply(podPath);
        if (pod == null) {
            return Answer.error(404, "NotFound", "pods \"" + request.pod() + "\" not found");
        }
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        String name = request.container();
        if (name == null || name.isEmpty()) {
            if (names.size() != 1) {
                return Answer.error(400, "BadRequest", "a container name must be specified for pod " + request.pod()
                        + ", choose one of: [" + String.join(" ", names) + "]");
            }
            name = names.get(0);
        }
        JsonNode container = null;
        for (JsonNode each : pod.path("spec").path("containers")) {
            if (name.equals(each.path("name").asText())) {
                container = each;
            }
        }
        if (container == null) {
            return Answer.error(400, "BadRequest", "container " + name + " is not valid for pod " + request.pod());
        }
        JsonNode status = null;
        for (JsonNode each : pod.path("status").path("containerStatuses")) {
            if (name.equals(each.path("name").asText())) {
                status = each;
            }
        }
        JsonNode state = status == null ? null : status.path("state");
        JsonNode waiting = state == null ? null : state.get("waiting");
        boolean crashLoop = waiting != null && SimulatedPods.CRASH_LOOP_BACK_OFF.equals(waiting.path("reason").asText());
        if (state == null || (waiting != null && !crashLoop)) {
            String why = waiting == null ? "ContainerCreating" : "trying and failing to pull image";
            return Answer.error(400, "BadRequest",
                    "container \"" + name + "\" in pod \"" + request.pod() + "\" is waiting to start: " + why);
        }
        JsonNode terminated = state.get("terminated");
        JsonNode lastTerminated = status.path("lastState").get("terminated");
        String startedAt = firstText(state.path("running").path("startedAt"), state.path("terminated").path("startedAt"),
                lastTerminated == null ? null : lastTerminated.path("startedAt"), pod.path("status").path("startTime"));
        Instant start = startedAt == null ? now : Instant.parse(startedAt);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(start, "Starting " + name + " (image " + container.path("image").asText() + ")"));
        commandLine(request.namespace(), pod, container).ifPresent(text -> lines.add(new Line(start.plusMillis(1), text)));
        if (crashLoop) {
            lines.add(new Line(start.plusMillis(2), "panic: simulated crash"));
            return new Answer(200, null, null, lines, false, pod.path("metadata").path("uid").asText());
        }
        Instant end = terminated == null ? now : Instant.parse(terminated.path("finishedAt").asText(now.toString()));
        long elapsed = Duration.between(start, end).toNanos();
        long ticks = elapsed <= 0 ? 0 : elapsed / interval.toNanos();
        for (long tick = Math.max(1, ticks - MAX_TICKS + 1); tick <= ticks; tick++) {
            lines.add(new Line(start.plus(interval.multipliedBy(tick)), "tick " + tick));
        }
        if (terminated != null) {
            int exitCode = terminated.path("exitCode").asInt();
            Instant last = lines.get(lines.size() - 1).at();
            lines.add(new Line(end.isAfter(last) ? end : last.plusMillis(1), exitCode == 0 ? "done" : "exit " + exitCode));
        }
        return new Answer(200, null, null, lines, terminated == null, pod.path("metadata").path("uid").asText());
    }

    /** The lines a request asks for: since a time or age, then the last tailLines of those. */
    static List<Line> select(List<Line> lines, Request request, Instant now) {
        Instant since = request.sinceTime();
        if (request.sinceSeconds() != null) {
            since = now.minusSeconds(request.sinceSeconds());
        }
        List<Line> selected = new ArrayList<>();
        for (Line line : lines) {
            if (since == null || !line.at().isBefore(since)) {
                selected.add(line);
            }
        }
        if (request.tailLines() != null && request.tailLines() >= 0 && selected.size() > request.tailLines()) {
            selected = selected.subList(selected.size() - request.tailLines(), selected.size());
        }
        return selected;
    }

    /** The lines as the API server sends them: one per line, with the kubelet's timestamp first if asked. */
    static String render(List<Line> lines, Request request) {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            if (request.timestamps()) {
                text.append(TIMESTAMP.format(line.at())).append(' ');
            }
            text.append(line.text()).append('\n');
        }
        return text.toString();
    }

    /** The command and args joined by spaces, {@code $(VAR)} expanded with the container's environment. */
    private Optional<String> commandLine(String namespace, JsonNode pod, JsonNode container) {
        List<String> words = new ArrayList<>();
        container.path("command").forEach(word -> words.add(word.asText()));
        container.path("args").forEach(word -> words.add(word.asText()));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> env = environment(namespace, pod, container);
        return Optional.of(String.join(" ", words.stream().map(word -> expand(word, env)).toList()));
    }

    private Map<String, String> environment(String namespace, JsonNode pod, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            String prefix = source.path("prefix").asText("");
            Map<String, String> values = source.has("secretRef")
                    ? data(namespace, "secrets", source.path("secretRef").path("name").asText(), true)
                    : data(namespace, "configmaps", source.path("configMapRef").path("name").asText(), false);
            values.forEach((key, value) -> env.put(prefix + key, value));
        }
        for (JsonNode variable : container.path("env")) {
            String value;
            JsonNode from = variable.get("valueFrom");
            if (from == null) {
                value = expand(variable.path("value").asText(""), env);
            } else if (from.has("secretKeyRef")) {
                value = data(namespace, "secrets", from.path("secretKeyRef").path("name").asText(), true)
                        .get(from.path("secretKeyRef").path("key").asText());
            } else if (from.has("configMapKeyRef")) {
                value = data(namespace, "configmaps", from.path("configMapKeyRef").path("name").asText(), false)
                        .get(from.path("configMapKeyRef").path("key").asText());
            } else if (from.has("fieldRef")) {
                String field = from.path("fieldRef").path("fieldPath").asText();
                JsonNode node = pod;
                for (String segment : field.split("\\.")) {
                    node = node.path(segment);
                }
                value = node.isValueNode() ? node.asText() : null;
            } else {
                value = null;
            }
            if (value != null) {
                env.put(variable.path("name").asText(), value);
            }
        }
        return env;
    }

    private Map<String, String> data(String namespace, String plural, String name, boolean base64) {
        JsonNode object = store.apply("/api/v1/namespaces/" + namespace + "/" + plural + "/" + name);
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null) {
            object.path("data").fields().forEachRemaining(entry -> values.put(entry.getKey(), base64
                    ? new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8)
                    : entry.getValue().asText()));
        }
        return values;
    }

    /** Kubernetes' expansion: {@code $(NAME)} of a defined variable is replaced, {@code $$} escapes, the rest stays. */
    static String expand(String text, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else {
                replacement = env.getOrDefault(matcher.group(1), matcher.group());
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate != null && candidate.isTextual() && !candidate.asText().isEmpty()) {
                return candidate.asText();
            }
        }
        return null;
    }
}
