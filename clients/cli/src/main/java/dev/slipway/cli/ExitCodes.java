package dev.slipway.cli;

/**
 * The exit codes of the slipway command, the same for every subcommand, so that scripts can tell
 * a failed rollout from a refused request or an unreachable server. Documented in clients/README.md.
 */
public final class ExitCodes {
    /** Done as asked (with --wait: the deployment SUCCEEDED). */
    public static final int OK = 0;
    /** Anything else: a server error (5xx), an unexpected answer, a local file that cannot be read. */
    public static final int ERROR = 1;
    /** The command line was wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The deployment waited for ended FAILED, CANCELLED or SUPERSEDED. */
    public static final int DEPLOYMENT_FAILED = 3;
    /** The wait (--timeout) ran out before the deployment ended; it may still end. */
    public static final int TIMED_OUT = 4;
    /** The server refused the request: invalid (400, 422), forbidden (403), not found (404), frozen or conflicting (409), stale (412). */
    public static final int REFUSED = 5;
    /** The server (or the identity provider) could not be reached. */
    public static final int UNREACHABLE = 6;
    /** No usable credentials: not logged in, the session expired, or the server rejected the token (401). */
    public static final int NOT_AUTHENTICATED = 7;

    private ExitCodes() {
    }
}
