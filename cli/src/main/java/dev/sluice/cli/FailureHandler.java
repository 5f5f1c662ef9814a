package dev.sluice.cli;

import java.io.PrintWriter;
import java.time.Duration;
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
        ClientOptions client = clientOptionsOf(commandLine.getCommandSpec());
        commandLine.getOut().flush();
        return report(failure, commandLine.getErr(), client == null ? ClientOptions.DEFAULT_BOOTSTRAP : client.bootstrap,
                client == null ? Duration.ofSeconds(30) : client.timeout);
    }

    /** Writes the report of {@code failure} to {@code err}; returns the exit status. */
    static int report(Exception failure, PrintWriter err, String bootstrap, Duration timeout) {
        String message = Failures.describe(failure, bootstrap, timeout);
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
