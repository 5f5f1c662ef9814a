package dev.sluice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice topic}: groups the topic administration commands. Holds no state. */
@Command(name = "topic", description = "Create, list, describe, alter and delete topics.",
        subcommands = {
            TopicCreateCommand.class,
            TopicListCommand.class,
            TopicDescribeCommand.class,
            TopicDeleteCommand.class,
            TopicAlterConfigCommand.class,
            TopicAddPartitionsCommand.class,
        })
final class TopicCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
