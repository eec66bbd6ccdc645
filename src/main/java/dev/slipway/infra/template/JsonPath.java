package dev.slipway.infra.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of JSONPath that reading a Kubernetes object's status needs, as kubectl writes it:
 * {@code $.status.readyReplicas}, {@code .status.conditions[0].type}, {@code {.status.writeService}},
 * {@code $.metadata.annotations['example.com/key']}, {@code $.status.conditions[?(@.type=='Ready')].status}.
 * Segments are names ({@code .name} or {@code ['name']}), indexes ({@code [0]}), every element
 * ({@code [*]}) and equality filters ({@code [?(@.a.b=='value')]}, also {@code !=}). Written here
 * rather than taken from a library because that is all templates need, and a small grammar is one
 * a definition author can read in full.
 */
public final class JsonPath {

    private interface Segment {
    }

    private record Field(String name) implements Segment {
    }

    private record Index(int index) implements Segment {
    }

    private record Every() implements Segment {
    }

    private record Filter(List<String> path, boolean equal, String value) implements Segment {
        boolean matches(JsonNode element) {
            JsonNode field = element;
            for (String name : path) {
                field = field == null ? null : field.get(name);
            }
            boolean same = field != null && field.isValueNode() && field.asText().equals(value);
            return same == equal;
        }
    }

    private final String text;
    private final List<Segment> segments;

    private JsonPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static JsonPath parse(String text) {
        String path = text == null ? "" : text.trim();
        if (path.startsWith("{") && path.endsWith("}")) {
            path = path.substring(1, path.length() - 1).trim();
        }
        if (path.startsWith("$")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("JSONPath '" + text + "' selects nothing: write e.g. $.status.readyReplicas");
        }
        return new JsonPath(text, new Parser(text, path).segments());
    }

    /** The first value the path selects in {@code document}, if any (a JSON null counts as none). */
    public Optional<JsonNode> first(JsonNode document) {
        List<JsonNode> current = List.of(document);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                select(node, segment, next);
            }
            current = next;
        }
        return current.stream().filter(node -> !node.isNull() && !node.isMissingNode()).findFirst();
    }

    /** The first selected value as text: a scalar's text, or the JSON of an object or array. */
    public Optional<String> text(JsonNode document) {
        return first(document).map(node -> node.isValueNode() ? node.asText() : node.toString());
    }

    @Override
    public String toString() {
        return text;
    }

    private static void select(JsonNode node, Segment segment, List<JsonNode> into) {
        if (segment instanceof Field field) {
            add(node.get(field.name()), into);
        } else if (segment instanceof Index index) {
            if (node.isArray()) {
                add(node.get(index.index() < 0 ? node.size() + index.index() : index.index()), into);
            }
        } else if (segment instanceof Every) {
            node.forEach(into::add);
        } else if (segment instanceof Filter filter) {
            node.forEach(element -> {
                if (filter.matches(element)) {
                    into.add(element);
                }
            });
        }
    }

    private static void add(JsonNode node, List<JsonNode> into) {
        if (node != null) {
            into.add(node);
        }
    }

    /** A recursive-descent reader over the path after its optional {@code $}. */
    private static final class Parser {
        private final String original;
        private final String path;
        private int at;

        Parser(String original, String path) {
            this.original = original;
            this.path = path;
        }

        List<Segment> segments() {
            List<Segment> segments = new ArrayList<>();
            while (at < path.length()) {
                char c = path.charAt(at);
                if (c == '.') {
                    at++;
                    segments.add(new Field(name()));
                } else if (c == '[') {
                    segments.add(bracket());
                } else {
                    throw error("expected '.' or '['");
                }
            }
            return segments;
        }

        private String name() {
            int start = at;
            while (at < path.length() && path.charAt(at) != '.' && path.charAt(at) != '[') {
                at++;
            }
            if (start == at) {
                throw error("expected a field name");
            }
            return path.substring(start, at);
        }

        private Segment bracket() {
            at++; // [
            Segment segment;
            if (peek('\'') || peek('"')) {
                segment = new Field(quoted());
            } else if (peek('*')) {
                at++;
                segment = new Every();
            } else if (peek('?')) {
                segment = filter();
            } else {
                int start = at;
                while (at < path.length() && (Character.isDigit(path.charAt(at)) || path.charAt(at) == '-')) {
                    at++;
                }
                try {
                    segment = new Index(Integer.parseInt(path.substring(start, at)));
                } catch (NumberFormatException e) {
                    throw error("expected an index, '*', a quoted name or a filter");
                }
            }
            expect(']');
            return segment;
        }

        private Segment filter() {
            at++; // ?
            expect('(');
            expect('@');
            List<String> fields = new ArrayList<>();
            while (peek('.')) {
                at++;
                int start = at;
                while (at < path.length() && (Character.isLetterOrDigit(path.charAt(at)) || "_-".indexOf(path.charAt(at)) >= 0)) {
                    at++;
                }
                if (start == at) {
                    throw error("expected a field name");
                }
                fields.add(path.substring(start, at));
            }
            skipSpaces();
            boolean equal;
            if (path.startsWith("==", at)) {
                equal = true;
            } else if (path.startsWith("!=", at)) {
                equal = false;
            } else {
                throw error("expected == or !=");
            }
            at += 2;
            skipSpaces();
            String value;
            if (peek('\'') || peek('"')) {
                value = quoted();
            } else {
                int start = at;
                while (at < path.length() && path.charAt(at) != ')' && path.charAt(at) != ' ') {
                    at++;
                }
                value = path.substring(start, at);
            }
            skipSpaces();
            expect(')');
            if (fields.isEmpty()) {
                throw error("a filter compares a field of the element, e.g. @.type");
            }
            return new Filter(fields, equal, value);
        }

        private String quoted() {
            char quote = path.charAt(at++);
            int end = path.indexOf(quote, at);
            if (end < 0) {
                throw error("unterminated quote");
            }
            String value = path.substring(at, end);
            at = end + 1;
            return value;
        }

        private boolean peek(char c) {
            return at < path.length() && path.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpaces() {
            while (peek(' ')) {
                at++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("JSONPath '" + original + "': " + problem + " at character " + (at + 1));
        }
    }
}
