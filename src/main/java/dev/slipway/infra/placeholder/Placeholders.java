package dev.slipway.infra.placeholder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The placeholders a deployment's values may hold, as Score writes them: {@code ${resources.db.host}},
 * {@code ${metadata.name}}, {@code ${environment.name}}, {@code ${environment.namespace}},
 * {@code ${application.name}}; {@code $${} stands for a literal {@code ${}. Parsing is separate from
 * resolving, so the same text is checked when a deployment is accepted (every reference must name
 * something that will exist) and resolved when it is applied.
 */
public final class Placeholders {
    private Placeholders() {
    }

    /** One reference, by its dotted path: {@code resources.db.host} is ["resources", "db", "host"]. */
    public record Reference(List<String> path) {
        public String root() {
            return path.get(0);
        }

        @Override
        public String toString() {
            return "${" + String.join(".", path) + "}";
        }
    }

    /** A text that is not a well-formed sequence of literals and placeholders. */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(Reference reference) implements Part {
    }

    /** Every reference in the text, in order. */
    public static List<Reference> references(String text) {
        return parse(text).stream().filter(Placeholder.class::isInstance).map(part -> ((Placeholder) part).reference()).toList();
    }

    /** Whether the text holds a placeholder (an escaped {@code $${} is not one). */
    public static boolean hasReferences(String text) {
        return !references(text).isEmpty();
    }

    /**
     * The text with every reference replaced by its value and every {@code $${} by {@code ${}.
     *
     * @param values the value of a reference; never called for a text without references
     */
    public static String resolve(String text, Function<Reference, String> values) {
        StringBuilder resolved = new StringBuilder();
        for (Part part : parse(text)) {
            if (part instanceof Literal literal) {
                resolved.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                resolved.append(values.apply(placeholder.reference()));
            }
        }
        return resolved.toString();
    }

    private static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new Malformed("'${' at position " + i + " has no closing '}' (write $${ for a literal ${)");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(reference(text.substring(i + 2, end))));
                i = end + 1;
            } else {
                literal.append(text.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return parts;
    }

    private static Reference reference(String path) {
        String[] segments = path.split("\\.", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || !segment.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                throw new Malformed("'${" + path + "}' is not a placeholder: write dotted names such as ${resources.db.host}");
            }
        }
        return new Reference(List.of(segments));
    }
}
