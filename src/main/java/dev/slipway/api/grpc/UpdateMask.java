package dev.slipway.api.grpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.FieldMask;
import dev.slipway.api.ErrorText;
import dev.slipway.api.SlipwayException;

/**
 * One message type's updatable field-mask paths as a table, turning an update mask into the JSON
 * merge patch a REST client would send, so both APIs run the same update.
 *
 * <p>Each row names a mask path, the property it becomes in the patch and how to read its value
 * from the message. proto3 cannot tell "" from unset, so an empty string clears the field. A map
 * named in the mask is replaced as a whole (AIP-161): a merge patch only removes keys it names
 * with null, so every key of the current resource is nulled before the message's entries are put.
 *
 * @param <M> the resource message the mask applies to
 * @param <V> the service layer's view of the current resource, which only replaced maps read
 */
public final class UpdateMask<M, V> {
    private final Map<String, Field<M, V>> fields;
    private final List<String> updatable;

    private UpdateMask(Map<String, Field<M, V>> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.updatable = List.copyOf(fields.keySet());
    }

    /** Starts a table; the classes only fix the types the rows read. */
    public static <M, V> Builder<M, V> builder(Class<M> message, Class<V> view) {
        return new Builder<>();
    }

    /**
     * Refuses a mask naming a path outside the table, unknown or immutable alike (INVALID_ARGUMENT
     * on update_mask). Apart from {@link #patch} so a bad mask is refused before anything is read.
     */
    public void validate(FieldMask mask) {
        for (String path : mask.getPathsList()) {
            if (!fields.containsKey(path)) {
                throw SlipwayException.Invalid.field("update_mask", ErrorText.quote(path) + " cannot be updated; updatable: " + updatable);
            }
        }
    }

    /** The merge patch for the fields the mask names, read from the message; {@code current} is needed only when a map is named. */
    public ObjectNode patch(FieldMask mask, M message, V current) {
        validate(mask);
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        fields.forEach((path, field) -> {
            if (mask.getPathsList().contains(path)) {
                field.write(patch, message, current);
            }
        });
        return patch;
    }

    /** The merge patch for a table without maps, which never needs the current resource. */
    public ObjectNode patch(FieldMask mask, M message) {
        return patch(mask, message, null);
    }

    @FunctionalInterface
    private interface Field<M, V> {
        void write(ObjectNode patch, M message, V current);
    }

    /** Collects the rows of an {@link UpdateMask}, in the order its error message lists the paths. */
    public static final class Builder<M, V> {
        private final Map<String, Field<M, V>> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** A string field: "" clears it. */
        public Builder<M, V> text(String path, String property, Function<M, String> value) {
            return row(path, (patch, message, current) -> patch.put(property, Protos.optional(value.apply(message))));
        }

        public Builder<M, V> bool(String path, String property, Predicate<M> value) {
            return row(path, (patch, message, current) -> patch.put(property, value.test(message)));
        }

        public Builder<M, V> number(String path, String property, ToIntFunction<M> value) {
            return row(path, (patch, message, current) -> patch.put(property, value.applyAsInt(message)));
        }

        /** A message field as the JSON object it is in the patch; null (an empty message) clears it. */
        public Builder<M, V> object(String path, String property, Function<M, ObjectNode> value) {
            return row(path, (patch, message, current) -> {
                ObjectNode object = value.apply(message);
                if (object == null) {
                    patch.putNull(property);
                } else {
                    patch.set(property, object);
                }
            });
        }

        /** A string map, replaced whole: the current resource's keys are nulled, then the message's entries put. */
        public Builder<M, V> map(String path, String property, Function<M, Map<String, String>> value,
                Function<V, Map<String, String>> current) {
            return row(path, (patch, message, view) -> {
                Objects.requireNonNull(view, () -> "'" + path + "' is replaced whole, so its patch needs the current resource");
                ObjectNode map = patch.putObject(property);
                current.apply(view).keySet().forEach(map::putNull);
                value.apply(message).forEach(map::put);
            });
        }

        /**
         * Any JSON value, computed from the message and (when the row needs it) the current
         * resource: lists and structs. A dotted property ({@code driverInputs.values}) nests
         * inside the patch, so two rows may write beside each other in one object.
         */
        public Builder<M, V> json(String path, String property, BiFunction<M, V, JsonNode> value) {
            return row(path, (patch, message, current) -> {
                String[] names = property.split("\\.");
                ObjectNode parent = patch;
                for (int i = 0; i < names.length - 1; i++) {
                    parent = parent.has(names[i]) ? (ObjectNode) parent.get(names[i]) : parent.putObject(names[i]);
                }
                parent.set(names[names.length - 1], value.apply(message, current));
            });
        }

        public UpdateMask<M, V> build() {
            return new UpdateMask<>(fields);
        }

        private Builder<M, V> row(String path, Field<M, V> field) {
            if (fields.putIfAbsent(path, field) != null) {
                throw new IllegalStateException("mask path '" + path + "' declared twice");
            }
            return this;
        }
    }
}
