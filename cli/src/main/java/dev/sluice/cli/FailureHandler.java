package dev.sluice.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command: expected failures as one line on stderr, bugs with their stack trace.
 * Either way the exit status is 1. Stateless.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getOut().flush();
        return report(failure, commandLine.getErr(), clientOptionsOf(commandLine.getCommandSpec()));
    }

    /**
     * Writes the report of {@code failure} to {@code err}; returns the exit status. {@code client} is the failed
     * command's client options, or null for a command without them (their defaults are reported).
     */
    static int report(Exception failure, PrintWriter err, ClientOptions client) {
        ClientOptions options = client == null ? new ClientOptions() : client;
        String message = Failures.describe(failure, options.bootstrap, options.timeout);
        if (message != null) {
            err.println("error: " + message);
        } else {
            err.println("error: unexpected failure, please report it:");
            failure.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static ClientOptions clientOptionsOf(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ClientOptions options) {
                return options;
            }
        }
        return null;
    }
}
