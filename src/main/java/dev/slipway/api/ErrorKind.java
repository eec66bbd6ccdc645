package dev.slipway.api;

/**
 * The one table from a domain error to what each API says about it. REST turns a kind into an
 * RFC 9457 problem (status, type, title); gRPC will turn the same kind into a status code, so
 * the two APIs cannot disagree about what went wrong.
 */
public enum ErrorKind {
    INVALID(400, "invalid-request", "The request is not valid"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication is required"),
    FORBIDDEN(403, "forbidden", "The caller may not do this"),
    NOT_FOUND(404, "not-found", "The resource does not exist"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    IDEMPOTENCY_IN_FLIGHT(409, "idempotency-key-in-flight", "A request with this Idempotency-Key is still being processed"),
    PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body's media type is not supported"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was used with a different request"),
    PRECONDITION_REQUIRED(428, "precondition-required", "The request must be conditional"),
    UNAVAILABLE(503, "unavailable", "A dependency is unavailable; try again later"),
    INTERNAL(500, "internal", "Internal error");

    /** Problem type URIs are relative to this base, so each one can be documented. */
    public static final String TYPE_BASE = "https://slipway.dev/problems/";

    private final int httpStatus;
    private final String slug;
    private final String title;

    ErrorKind(int httpStatus, String slug, String title) {
        this.httpStatus = httpStatus;
        this.slug = slug;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String typeUri() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }

    /** The kind REST uses for a bare HTTP status raised by the framework (routing, media types). */
    public static ErrorKind forHttpStatus(int status) {
        for (ErrorKind kind : values()) {
            if (kind.httpStatus == status && kind != IDEMPOTENCY_IN_FLIGHT) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : INVALID;
    }
}
