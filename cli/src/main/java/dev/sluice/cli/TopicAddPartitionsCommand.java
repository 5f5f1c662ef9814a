package dev.sluice.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice topic add-partitions}: adds partitions to a topic. One instance per invocation. */
@Command(name = "add-partitions", description = "Add partitions to a topic.")
final class TopicAddPartitionsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Topic to grow.")
    String name;

    @Option(names = {"-n", "--num"}, paramLabel = "N", required = true,
            description = "How many partitions to add.")
    int count;

    /** The change made, also the JSON document. */
    record Added(String topic, int added, int partitions) { }

    @Override
    public Integer call() {
        if (count <= 0) {
            throw new ParameterException(spec.commandLine(), "--num must be positive");
        }
        int total;
        try (Admin admin = client.admin()) {
            TopicDescription topic = Failures.awaitTopic(
                    admin.describeTopics(List.of(name)).topicNameValues().get(name), name);
            total = topic.partitions().size() + count;
            var result = admin.createPartitions(Map.of(name, NewPartitions.increaseTo(total)));
            Failures.awaitTopic(result.values().get(name), name);
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(new Added(name, count, total));
        } else {
            output.line("Added " + count + " partitions to topic " + name + "; it now has " + total);
        }
        return 0;
    }
}
