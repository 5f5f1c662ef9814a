package dev.sluice.cli;

/**
 * An expected failure of a command, carrying the one-line message shown to the user.
 * The command line prints its message without a stack trace and exits with status 1.
 */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
