package dev.slipway.api;

import java.util.Comparator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Path;
import jakarta.validation.Validator;

/**
 * Checks a request record against the limits its Bean Validation annotations declare, in the use
 * case, so REST and gRPC (whose messages are mapped to the same records) refuse the same requests
 * with the same field errors. The annotations are also what the OpenAPI contract shows
 * ({@code maxLength}, {@code pattern}, {@code maxItems}, ...), so the documented limit is the
 * enforced one. REST parameters carry no {@code @Valid}: that would check REST only and answer in
 * another shape.
 */
@ApplicationScoped
public class RequestValidation {
    private final Validator validator;

    public RequestValidation(Validator validator) {
        this.validator = validator;
    }

    /** A new collection holding every declared limit the request breaks; a null request breaks none here. */
    public Violations check(Object request) {
        return addTo(new Violations(), request);
    }

    /** Adds every declared limit the request breaks to the violations the use case collects by hand. */
    public Violations addTo(Violations violations, Object request) {
        return addTo(violations, "", request);
    }

    /** As {@link #addTo(Violations, Object)}, for a request nested in a document at {@code prefix} (say {@code spec}). */
    public Violations addTo(Violations violations, String prefix, Object request) {
        if (request == null) {
            return violations;
        }
        validator.validate(request).stream()
                .map(v -> new FieldError(prefix.isEmpty() ? field(v.getPropertyPath()) : prefix + "." + field(v.getPropertyPath()),
                        v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .forEach(error -> violations.add(error.field(), error.message()));
        return violations;
    }

    /** The property path as callers write it: JSON names (see JsonPropertyNames), list indexes and map keys. */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
