package dev.slipway.api.rest;

import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;

/** The list parameters every paginated REST list takes, and their descriptions. */
public final class Pages {
    public static final String PAGE_SIZE_DESCRIPTION = "Items per page, 1 to 500 (default 50); other values are a 400.";
    public static final String PAGE_TOKEN_DESCRIPTION = "nextPageToken from the previous page, with the same filters.";
    public static final String LABEL_SELECTOR_DESCRIPTION = "Only items carrying all these labels: k=v,k2=v2.";

    private Pages() {
    }

    /**
     * Parses pageSize here rather than letting JAX-RS bind an Integer, which would answer a
     * non-number with 404 instead of naming the bad parameter.
     */
    public static Integer size(String pageSize) {
        if (pageSize == null || pageSize.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(pageSize.trim());
        } catch (NumberFormatException e) {
            throw SlipwayException.Invalid.field("pageSize", "must be an integer between 1 and " + PageRequest.MAX_PAGE_SIZE);
        }
    }
}
