package dev.sluice.cli;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Checks a topic before producing to or consuming from it, so that an unreachable cluster, an
 * unknown topic or a missing partition is reported clearly instead of as a client timeout.
 * Stateless.
 */
final class TopicProbe {

    private TopicProbe() {
    }

    /** The topic's partition count; fails with a clear message if it does not exist. */
    static int partitionCount(ClientOptions client, String topic) {
        try (Admin admin = client.admin()) {
            return Failures.awaitTopic(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), topic)
                    .partitions().size();
        }
    }

    static void checkPartition(String topic, int partition, int partitionCount) {
        if (partition < 0 || partition >= partitionCount) {
            throw new CliException("partition " + partition + " does not exist: topic " + topic + " has "
                    + partitionCount + (partitionCount == 1 ? " partition" : " partitions"));
        }
    }
}
