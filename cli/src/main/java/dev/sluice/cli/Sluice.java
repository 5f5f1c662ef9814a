package dev.sluice.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code sluice} command. Exit status: 0 on success, 1 when a command fails
 * (with a one-line message on stderr), 2 on a usage error.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Kafka-compatible commit-log broker with in-broker stream processors.",
        subcommands = {
            ServerCommand.class,
            TopicCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            ClusterCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Sluice implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        // Buffered so that consuming many records is not flushed line by line; commands flush.
        commandLine.setOut(new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), false));
        int status = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(status);
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Sluice())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureHandler())
                .setParameterExceptionHandler(new UsageErrorHandler());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
