package io.bigr.discovery.cli;

/** A command failure that is the user's to fix: printed as one line, exits with {@link #exitCode()}. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Bad input (a value that does not validate). */
    public static final int BAD_INPUT = 1;
    /** Wrong usage (missing or conflicting arguments). */
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message);
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
