package dev.slipway.api;

/**
 * Error messages quote what the caller sent, and a caller controls how long that is. Quoting
 * through here keeps every message small enough to read and, for gRPC, to fit the trailers a
 * client accepts (a status too large for them leaves the call hanging and the connection unusable).
 */
public final class ErrorText {
    /** The most of one caller-supplied value an error message repeats. */
    public static final int MAX_QUOTED = 100;
    /** The most a whole message (a problem's detail, a gRPC status message) may hold. */
    public static final int MAX_MESSAGE = 500;
    static final String ELLIPSIS = "…";

    private ErrorText() {
    }

    /** The value in single quotes, cut after {@link #MAX_QUOTED} characters. */
    public static String quote(Object value) {
        return "'" + bound(String.valueOf(value), MAX_QUOTED) + "'";
    }

    /**
     * The text itself when it has at most {@code max} characters, else its first {@code max}
     * followed by an ellipsis; a cut never splits a surrogate pair.
     */
    public static String bound(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end) + ELLIPSIS;
    }
}
