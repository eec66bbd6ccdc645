package dev.slipway.cli;

/** Ends a command with a message on stderr and the given exit code (see {@link ExitCodes}). */
public class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
