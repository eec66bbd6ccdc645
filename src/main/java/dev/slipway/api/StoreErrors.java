package dev.slipway.api;

import java.net.ConnectException;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognises store failures that are the caller's business (a concurrent change, a duplicate,
 * a database that is down) wherever they sit in a cause chain, and names them as domain errors.
 */
public final class StoreErrors {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private StoreErrors() {
    }

    /** Whether this failure is a write that lost to a concurrent one (a stale optimistic-lock version). */
    public static boolean isStaleVersion(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StaleObjectStateException || cause instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** The domain error for this failure, or null when it is not a known store failure. */
    public static SlipwayException translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SlipwayException domain) {
                return domain;
            }
            if (cause instanceof StaleObjectStateException || cause instanceof OptimisticLockException) {
                return new SlipwayException.PreconditionFailed(
                        "the resource was changed by another request at the same time; read it again and retry");
            }
            String sqlState = cause instanceof ConstraintViolationException violation
                    ? violation.getSQLState()
                    : cause instanceof PgException pg ? pg.getSqlState() : null;
            if (UNIQUE_VIOLATION.equals(sqlState)) {
                return new SlipwayException.AlreadyExists("a resource with the same unique name already exists");
            }
            if (FOREIGN_KEY_VIOLATION.equals(sqlState)) {
                return new SlipwayException.Conflict("the change conflicts with resources that refer to this one");
            }
            if (cause instanceof ConnectException) {
                return new SlipwayException.Unavailable("the database is unavailable; retry later");
            }
        }
        return null;
    }
}
