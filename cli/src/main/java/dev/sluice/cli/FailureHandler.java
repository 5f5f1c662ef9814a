package dev.sluice.cli;

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
        String bootstrap = client == null ? ClientOptions.DEFAULT_BOOTSTRAP : client.bootstrap;
        Duration timeout = client == null ? Duration.ofSeconds(30) : client.timeout;
        String message = Failures.describe(failure, bootstrap, timeout);
        commandLine.getOut().flush();
        if (message != null) {
            commandLine.getErr().println("error: " + message);
        } else {
            commandLine.getErr().println("error: unexpected failure, please report it:");
            failure.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
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
