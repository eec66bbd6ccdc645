package dev.slipway.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Describes a JSON binding failure in the caller's terms: the field and what was expected,
 * never a Java type or class name.
 */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static String describe(Exception e) {
        if (e instanceof NulCharacter.InJson) {
            return NulCharacter.MESSAGE;
        }
        if (duplicateMember(e) != null) {
            return "is given more than once";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
            }
            return "must be " + jsonTypeName(target);
        }
        if (e instanceof ValueInstantiationException) {
            return "has an invalid value";
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "must be " + jsonTypeName(mismatch.getTargetType());
        }
        if (e instanceof JsonParseException parse) {
            return "is not valid JSON (line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
        }
        if (e instanceof JsonMappingException) {
            return "has an invalid value";
        }
        return "is not valid JSON";
    }

    /** JSON's vocabulary for the Java types our request models use. */
    static String jsonTypeName(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object of string values";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.Instant.class) {
            return "an RFC 3339 timestamp";
        }
        return "an object";
    }

    /**
     * The JSON path of the failing member: the member given twice, or the field being read when the
     * failure is not a syntax error. The member given twice is named by the parser's position, which
     * stays on it when STRICT_DUPLICATE_DETECTION throws.
     */
    public static String fieldPath(Exception e) {
        JsonParseException duplicate = duplicateMember(e);
        if (duplicate != null && duplicate.getProcessor() != null) {
            return contextPath(duplicate.getProcessor().getParsingContext());
        }
        return e instanceof JsonMappingException mapping ? fieldPath(mapping) : "body";
    }

    /** The parse failure for a member given twice, wherever it sits in the cause chain, or null. */
    private static JsonParseException duplicateMember(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null
                    && parse.getOriginalMessage().startsWith("Duplicate field")) {
                return parse;
            }
        }
        return null;
    }

    private static String contextPath(JsonStreamContext context) {
        java.util.Deque<JsonStreamContext> levels = new java.util.ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            levels.push(at);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext level : levels) {
            if (level.inObject() && level.getCurrentName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(level.getCurrentName());
            } else if (level.inArray()) {
                path.append('[').append(Math.max(level.getCurrentIndex(), 0)).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The JSON path of the failing member ({@code labels.team}, {@code items[2]}), or "body". */
    public static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
