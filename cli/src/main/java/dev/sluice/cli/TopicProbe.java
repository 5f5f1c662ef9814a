package dev.sluice.cli;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ApiException;

/**
 * Checks a topic before producing to or consuming from it, so that an unreachable cluster, an
 * unknown topic or a missing partition is reported clearly instead of as a client timeout.
 * Stateless.
 */
final class TopicProbe {

    /**
     * What {@code produce} needs to know about its topic.
     *
     * @param maxBatchBytes the topic's {@code max.message.bytes}, or -1 when the cluster would not say
     */
    record ProduceTarget(int partitionCount, int maxBatchBytes) { }

    private TopicProbe() {
    }

    /** The topic's partition count; fails with a clear message if it does not exist. */
    static int partitionCount(ClientOptions client, String topic) {
        try (Admin admin = client.admin()) {
            return partitionCount(admin, topic);
        }
    }

    /** The topic's partition count and batch size limit; fails with a clear message if it does not exist. */
    static ProduceTarget produceTarget(ClientOptions client, String topic) {
        try (Admin admin = client.admin()) {
            int partitions = partitionCount(admin, topic);
            return new ProduceTarget(partitions, maxMessageBytes(admin, topic));
        }
    }

    static void checkPartition(String topic, int partition, int partitionCount) {
        if (partition < 0 || partition >= partitionCount) {
            throw new CliException("partition " + partition + " does not exist: topic " + topic + " has "
                    + partitionCount + (partitionCount == 1 ? " partition" : " partitions"));
        }
    }

    private static int partitionCount(Admin admin, String topic) {
        return Failures.awaitTopic(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), topic)
                .partitions().size();
    }

    /**
     * Producing works without this limit, so a cluster that refuses to describe configs (for instance
     * without the DescribeConfigs permission) yields -1 rather than a failure.
     */
    private static int maxMessageBytes(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = Failures.await(admin.describeConfigs(List.of(resource)).values().get(resource))
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? -1 : Integer.parseInt(entry.value());
        } catch (ApiException | NumberFormatException notDescribed) {
            return -1;
        }
    }
}
