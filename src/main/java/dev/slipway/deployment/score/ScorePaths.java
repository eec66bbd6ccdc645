package dev.slipway.deployment.score;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.FieldError;

/**
 * Where each part of a converted spec came from in the Score document, so that a problem the
 * workload validator finds in the spec ({@code spec.containers[0].env.A}) is reported where the
 * author can fix it ({@code containers.web.variables.A}).
 */
final class ScorePaths {
    private final Map<String, String> origins = new HashMap<>();

    /** The spec field {@code specPath} and everything under it came from {@code documentPath}. */
    ScorePaths map(String specPath, String documentPath) {
        origins.put(specPath, documentPath);
        return this;
    }

    /**
     * The document path of a spec field: its longest mapped prefix replaced by that prefix's
     * origin. A field nothing was mapped for (a part of the spec Slipway added itself) is reported
     * on the document as a whole.
     */
    String toDocument(String specPath) {
        for (String prefix = specPath; prefix != null; prefix = parent(prefix)) {
            String origin = origins.get(prefix);
            if (origin != null) {
                return origin + specPath.substring(prefix.length());
            }
        }
        return ScoreDocuments.FIELD;
    }

    List<FieldError> toDocument(List<FieldError> errors) {
        return errors.stream().map(error -> new FieldError(toDocument(error.field()), error.message())).toList();
    }

    /** {@code a.b[2]} -> {@code a.b} -> {@code a} -> null. */
    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
