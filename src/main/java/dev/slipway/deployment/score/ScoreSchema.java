package dev.slipway.deployment.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.slipway.api.FieldError;

/**
 * The Score v1b1 JSON Schema ({@code score/score-v1b1.schema.json}) and what a document's
 * violations of it read like: one {@link FieldError} each, named by the path of the offending value
 * in the document ({@code containers.web.image}, {@code containers.web.command[0]}).
 */
final class ScoreSchema {
    static final String RESOURCE = "score/score-v1b1.schema.json";
    /** A failed branch of oneOf/anyOf is explained by the combinator's own error; its details only add noise. */
    private static final Pattern INSIDE_A_BRANCH = Pattern.compile(".*/(oneOf|anyOf)/\\d+/.*");
    private static final Schema SCHEMA = load();

    private ScoreSchema() {
    }

    /** Every violation, in the validator's order; empty when the document conforms. */
    static List<FieldError> violations(JsonNode document) {
        return SCHEMA.validate(document).stream()
                .filter(error -> !INSIDE_A_BRANCH.matcher(error.getEvaluationPath().toString()).matches())
                .map(ScoreSchema::toFieldError)
                .toList();
    }

    /**
     * A missing, unexpected or misnamed property is reported on the property itself (as the rest of
     * the API does), the rest on the value that breaks the rule.
     */
    private static FieldError toFieldError(Error error) {
        String at = path(error.getInstanceLocation());
        return switch (error.getKeyword()) {
            case "required" -> new FieldError(join(at, error.getProperty()), "is required");
            case "additionalProperties" -> new FieldError(join(at, error.getProperty()), "is not a field of Score v1b1 here");
            case "propertyNames" -> new FieldError(join(at, error.getProperty()), error.getMessage());
            default -> new FieldError(at.isEmpty() ? ScoreDocuments.FIELD : at, error.getMessage());
        };
    }

    /** Dotted names and bracketed indexes, as every field path of the API is written. */
    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static String join(String parent, String property) {
        return parent.isEmpty() ? property : parent + "." + property;
    }

    private static Schema load() {
        try (InputStream schema = ScoreSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (schema == null) {
                throw new IllegalStateException("the Score schema " + RESOURCE + " is missing from the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("the Score schema " + RESOURCE + " is unreadable", e);
        }
    }
}
