package dev.slipway.api;

import java.util.Arrays;

/**
 * Entity tags derived from the optimistic-lock version, so If-Match and @Version guard the same
 * thing: a conditional write succeeds only against the version the caller last saw.
 */
public final class ETags {
    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Fails with 412 when an If-Match header is present and names none of the current tag
     * ({@code *} matches any existing resource). An absent header means an unconditional write.
     */
    public static void checkIfMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = of(currentVersion);
        boolean matches = Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
        if (!matches) {
            throw new SlipwayException.PreconditionFailed(
                    "If-Match " + ifMatch.trim() + " does not match the current ETag " + current + "; fetch the resource again and retry");
        }
    }
}
