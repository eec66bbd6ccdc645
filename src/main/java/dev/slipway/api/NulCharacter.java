package dev.slipway.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The NUL character (U+0000) is refused in every text a caller sends: PostgreSQL cannot store it
 * in text or jsonb, so letting it through turns bad input into a failed write (a 500) deep in a
 * service, after permission checks and audit. Both adapters refuse it where input is read.
 */
public final class NulCharacter {
    /** What every refusal says about the field. */
    public static final String MESSAGE = "must not contain the NUL character (U+0000)";

    private NulCharacter() {
    }

    public static boolean in(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the first NUL in a tree sits (a member name or text value): the member names and
     * array indexes leading to it, outermost first; null when there is none.
     */
    public static List<Object> pathIn(JsonNode node) {
        if (node.isTextual()) {
            return in(node.textValue()) ? new ArrayList<>() : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = pathIn(node.get(i));
                if (path != null) {
                    path.add(0, i);
                    return path;
                }
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext();) {
                Map.Entry<String, JsonNode> member = members.next();
                List<Object> path = in(member.getKey()) ? new ArrayList<>() : pathIn(member.getValue());
                if (path != null) {
                    path.add(0, printable(member.getKey()));
                    return path;
                }
            }
        }
        return null;
    }

    /** The text with NUL written as its JSON escape, fit to quote back in an error. */
    public static String printable(String text) {
        return text.replace("\0", "\\u0000");
    }

    /** A JSON value or key holding NUL; the reader adds the path of the field it was reading. */
    public static final class InJson extends JsonMappingException {
        public InJson(JsonParser parser) {
            super(parser, MESSAGE);
        }
    }
}
