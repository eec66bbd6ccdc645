package dev.slipway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A validated request for one page of a keyset-paginated list. The page token is opaque to
 * callers: it holds the sort key of the last item returned and a fingerprint of the filters,
 * so a token cannot be replayed against a different query and silently skip or repeat items.
 */
public record PageRequest(int pageSize, String afterKey, String filterFingerprint) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    /** Tokens this service issues are far shorter; a longer one is refused before it is decoded. */
    public static final int MAX_TOKEN_LENGTH = 1024;
    private static final String TOKEN_VERSION = "v1";

    /**
     * @param pageSize  the caller's page size, or null for the default
     * @param pageToken the caller's token, or null for the first page
     * @param filters   every filter value of the query, in a fixed order
     */
    public static PageRequest of(Integer pageSize, String pageToken, String... filters) {
        String fingerprint = fingerprint(filters);
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw SlipwayException.Invalid.field("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (pageToken == null || pageToken.isEmpty()) {
            return new PageRequest(size, null, fingerprint);
        }
        if (pageToken.length() > MAX_TOKEN_LENGTH) {
            throw SlipwayException.Invalid.field("pageToken", "is not a token returned by this list");
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.Invalid.field("pageToken", "is not a token returned by this list");
        }
        String[] parts = decoded.split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals(TOKEN_VERSION) || parts[2].isEmpty()) {
            throw SlipwayException.Invalid.field("pageToken", "is not a token returned by this list");
        }
        if (!parts[1].equals(fingerprint)) {
            throw SlipwayException.Invalid.field("pageToken", "was issued for a list with different filters");
        }
        return new PageRequest(size, parts[2], fingerprint);
    }

    /** The token that continues after the given sort key under the same filters. */
    public String tokenAfter(String lastKey) {
        String raw = TOKEN_VERSION + "|" + filterFingerprint + "|" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** How many rows to fetch: one more than a page tells whether another page follows. */
    public int fetchSize() {
        return pageSize + 1;
    }

    private static String fingerprint(String... filters) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String filter : filters) {
                digest.update((filter == null ? "\u0000" : filter).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
