package dev.sluice.cli;

import dev.sluice.broker.Broker;
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
@Command(name = "sluice", mixinStandardHelpOptions = true, version = Sluice.VERSION,
        scope = CommandLine.ScopeType.INHERIT, description = Sluice.DESCRIPTION,
        subcommands = {
            ServerCommand.class,
            TopicCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            GroupCommand.class,
            ClusterCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Sluice implements Runnable {
    static final String VERSION = "sluice 0.1.0";
    static final String DESCRIPTION = "Kafka-compatible commit-log broker with in-broker stream processors.";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        boolean server = args.length > 0 && args[0].equals("server");
        ServerCommand plain = server ? ServerCommand.parsePlain(args) : null;
        if (plain != null) {
            // Overlaps the broker's costliest class setup with reading the configuration and starting logging.
            Broker.prepareClasses();
            System.exit(runServer(plain));
        }
        // Building every command's model takes a fifth of a second; a broker start needs only its own.
        CommandLine commandLine = server ? configure(new CommandLine(new ServerOnly())) : commandLine();
        // Buffered so that consuming many records is not flushed line by line; commands flush.
        commandLine.setOut(new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), false));
        int status = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(status);
    }

    /** Runs a broker started with plain arguments, reporting a failure as picocli's handler would. */
    private static int runServer(ServerCommand command) {
        try {
            return command.call();
        } catch (Exception e) {
            System.out.flush();
            return FailureHandler.report(e, new PrintWriter(System.err, true), null);
        }
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Sluice()));
    }

    private static CommandLine configure(CommandLine commandLine) {
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureHandler())
                .setParameterExceptionHandler(new UsageErrorHandler());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The same root as {@link Sluice} with only the {@code server} command, for a fast broker start. */
    @Command(name = "sluice", mixinStandardHelpOptions = true, version = VERSION,
            scope = CommandLine.ScopeType.INHERIT, description = DESCRIPTION, subcommands = ServerCommand.class)
    static final class ServerOnly implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
