package dev.sluice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice group}: groups the consumer group administration commands. Holds no state. */
@Command(name = "group", description = "List, describe, seek and delete consumer groups.",
        subcommands = {
            GroupListCommand.class,
            GroupDescribeCommand.class,
            GroupSeekCommand.class,
            GroupDeleteCommand.class,
        })
final class GroupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
