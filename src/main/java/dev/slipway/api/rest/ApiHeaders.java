package dev.slipway.api.rest;

/** Header names, media types and their descriptions, shared by every REST resource. */
public final class ApiHeaders {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENCY_KEY_DESCRIPTION = "Makes the create safe to retry: the same key and body within 24 h "
            + "return the first response and create nothing; the same key with another body is 422; while the first is still running, 409.";
    public static final String IF_MATCH_DESCRIPTION = "ETag the change is based on; 412 when the resource has changed since.";
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiHeaders() {
    }
}
