package dev.slipway.api;

import io.grpc.Status;

/**
 * The one table from a domain error to what each API says about it. REST turns a kind into an
 * RFC 9457 problem (status, type, title); gRPC turns the same kind into a status code, so
 * the two APIs cannot disagree about what went wrong.
 */
public enum ErrorKind {
    INVALID(400, "invalid-request", "The request is not valid", Status.Code.INVALID_ARGUMENT), UNAUTHENTICATED(401, "unauthenticated",
            "Authentication is required", Status.Code.UNAUTHENTICATED), FORBIDDEN(403, "forbidden", "The caller may not do this",
                    Status.Code.PERMISSION_DENIED), NOT_FOUND(404, "not-found", "The resource does not exist",
                            Status.Code.NOT_FOUND), METHOD_NOT_ALLOWED(405, "method-not-allowed",
                                    "The method is not allowed on this resource", Status.Code.UNIMPLEMENTED), NOT_ACCEPTABLE(406,
                                            "not-acceptable", "No acceptable representation",
                                            Status.Code.INVALID_ARGUMENT), ALREADY_EXISTS(409, "already-exists",
                                                    "A resource with this name already exists", Status.Code.ALREADY_EXISTS), CONFLICT(409,
                                                            "conflict", "The request conflicts with the current state",
                                                            Status.Code.FAILED_PRECONDITION), IDEMPOTENCY_IN_FLIGHT(409,
                                                                    "idempotency-key-in-flight",
                                                                    "A request with this Idempotency-Key is still being processed",
                                                                    Status.Code.ABORTED), PRECONDITION_FAILED(412, "precondition-failed",
                                                                            "The resource has changed",
                                                                            Status.Code.ABORTED), PAYLOAD_TOO_LARGE(413,
                                                                                    "payload-too-large", "The request body is too large",
                                                                                    Status.Code.RESOURCE_EXHAUSTED), URI_TOO_LONG(414,
                                                                                            "uri-too-long", "The request URI is too long",
                                                                                            Status.Code.INVALID_ARGUMENT), HEADERS_TOO_LARGE(
                                                                                                    431, "headers-too-large",
                                                                                                    "The request headers are too large",
                                                                                                    Status.Code.INVALID_ARGUMENT), UNSUPPORTED_MEDIA_TYPE(
                                                                                                            415, "unsupported-media-type",
                                                                                                            "The request body's media type is not supported",
                                                                                                            Status.Code.INVALID_ARGUMENT), IDEMPOTENCY_KEY_REUSED(
                                                                                                                    422,
                                                                                                                    "idempotency-key-reused",
                                                                                                                    "The Idempotency-Key was used with a different request",
                                                                                                                    Status.Code.INVALID_ARGUMENT), PRECONDITION_REQUIRED(
                                                                                                                            428,
                                                                                                                            "precondition-required",
                                                                                                                            "The request must be conditional",
                                                                                                                            Status.Code.FAILED_PRECONDITION), UNAVAILABLE(
                                                                                                                                    503,
                                                                                                                                    "unavailable",
                                                                                                                                    "A dependency is unavailable; try again later",
                                                                                                                                    Status.Code.UNAVAILABLE), INTERNAL(
                                                                                                                                            500,
                                                                                                                                            "internal",
                                                                                                                                            "Internal error",
                                                                                                                                            Status.Code.INTERNAL);

    /** Problem type URIs are relative to this base, so each one can be documented. */
    public static final String TYPE_BASE = "https://slipway.dev/problems/";

    private final int httpStatus;
    private final String slug;
    private final String title;
    private final Status.Code grpcCode;

    ErrorKind(int httpStatus, String slug, String title, Status.Code grpcCode) {
        this.httpStatus = httpStatus;
        this.slug = slug;
        this.title = title;
        this.grpcCode = grpcCode;
    }

    public Status.Code grpcCode() {
        return grpcCode;
    }

    /** The reason code in gRPC ErrorInfo: the problem type's slug in upper snake case. */
    public String reason() {
        return slug.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
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
            if (kind.httpStatus == status && kind != IDEMPOTENCY_IN_FLIGHT && kind != ALREADY_EXISTS) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : INVALID;
    }
}
