package dev.sluice.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice topic delete}: deletes one or more topics. One instance per invocation. */
@Command(name = "delete", description = "Delete topics.")
final class TopicDeleteCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Topics to delete.")
    List<String> names;

    @Override
    public Integer call() {
        try (Admin admin = client.admin()) {
            Set<String> topics = new LinkedHashSet<>(names);
            var result = admin.deleteTopics(topics);
            List<TopicOutcome> outcomes = TopicOutcome.collect(topics, result.topicNameValues());
            return TopicOutcome.report(outcomes, "OK",
                    format.output(spec.commandLine().getOut()), spec.commandLine().getErr());
        }
    }
}
