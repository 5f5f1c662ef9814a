package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code sluice} command. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Kafka-compatible commit-log broker with in-broker stream processors.",
        subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class Sluice implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Sluice()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
