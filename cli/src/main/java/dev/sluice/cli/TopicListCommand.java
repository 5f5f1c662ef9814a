package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice topic list}: lists topics with their partition count and replication factor. */
@Command(name = "list", aliases = "ls", description = "List topics.")
final class TopicListCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--internal"}, description = "Include internal topics.")
    boolean internal;

    /** One line of the listing. */
    record Listing(String name, int partitions, int replicas) { }

    @Override
    public Integer call() {
        List<Listing> listings = new ArrayList<>();
        try (Admin admin = client.admin()) {
            var names = Failures.await(admin.listTopics(new ListTopicsOptions().listInternal(internal)).names());
            Map<String, KafkaFuture<TopicDescription>> descriptions =
                    admin.describeTopics(names).topicNameValues();
            for (String name : new TreeSet<>(names)) {
                TopicDescription description;
                try {
                    description = Failures.await(descriptions.get(name));
                } catch (UnknownTopicOrPartitionException deletedSinceListed) {
                    continue;
                }
                listings.add(new Listing(name, description.partitions().size(),
                        TopicDescribeCommand.replicationFactor(description)));
            }
        }
        format.output(spec.commandLine().getOut()).list(listings, List.of("NAME", "PARTITIONS", "REPLICAS"),
                listing -> List.of(listing.name(), Integer.toString(listing.partitions()),
                        Integer.toString(listing.replicas())));
        return 0;
    }
}
