package dev.slipway.api;

import java.util.List;

/**
 * Root of the domain exception family. Services throw these; adapters translate them through
 * {@link ErrorKind} and never show a Java class name or stack trace to a caller.
 */
public abstract class SlipwayException extends RuntimeException {
    private final ErrorKind kind;
    private final List<FieldError> fieldErrors;

    protected SlipwayException(ErrorKind kind, String detail, List<FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    protected SlipwayException(ErrorKind kind, String detail) {
        this(kind, detail, List.of());
    }

    public ErrorKind kind() {
        return kind;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public static final class NotFound extends SlipwayException {
        public NotFound(String detail) {
            super(ErrorKind.NOT_FOUND, detail);
        }

        public static NotFound of(String resourceKind, String name) {
            return new NotFound(resourceKind + " " + ErrorText.quote(name) + " does not exist");
        }
    }

    public static final class Invalid extends SlipwayException {
        public Invalid(String detail, List<FieldError> fieldErrors) {
            super(ErrorKind.INVALID, detail, fieldErrors);
        }

        public static Invalid field(String field, String message) {
            return new Invalid(field + ": " + message, List.of(new FieldError(field, message)));
        }
    }

    public static final class Conflict extends SlipwayException {
        public Conflict(String detail) {
            super(ErrorKind.CONFLICT, detail);
        }
    }

    /** A create whose unique name is taken. */
    public static final class AlreadyExists extends SlipwayException {
        public AlreadyExists(String detail) {
            super(ErrorKind.ALREADY_EXISTS, detail);
        }
    }

    public static final class Forbidden extends SlipwayException {
        public Forbidden(String detail) {
            super(ErrorKind.FORBIDDEN, detail);
        }
    }

    public static final class Unauthenticated extends SlipwayException {
        public Unauthenticated(String detail) {
            super(ErrorKind.UNAUTHENTICATED, detail);
        }
    }

    public static final class PreconditionFailed extends SlipwayException {
        public PreconditionFailed(String detail) {
            super(ErrorKind.PRECONDITION_FAILED, detail);
        }
    }

    public static final class Unavailable extends SlipwayException {
        public Unavailable(String detail) {
            super(ErrorKind.UNAVAILABLE, detail);
        }
    }

    /** Same Idempotency-Key (or gRPC request_id) with a different request. */
    public static final class IdempotencyKeyReused extends SlipwayException {
        public IdempotencyKeyReused(String detail) {
            super(ErrorKind.IDEMPOTENCY_KEY_REUSED, detail);
        }
    }

    /** Same Idempotency-Key while the first request with it is still running. */
    public static final class IdempotencyInFlight extends SlipwayException {
        public IdempotencyInFlight(String detail) {
            super(ErrorKind.IDEMPOTENCY_IN_FLIGHT, detail);
        }
    }
}
