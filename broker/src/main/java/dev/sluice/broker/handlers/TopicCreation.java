package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.config.TopicConfig;
import dev.sluice.replication.metadata.MetadataException;
import dev.sluice.replication.metadata.TopicMetadata;
import dev.sluice.replication.metadata.TopicNames;

import java.util.Map;

/** Creating topics with the broker's defaults and Kafka's validation, for CreateTopics and auto-creation. */
final class TopicCreation {
    private final BrokerNode node;

    TopicCreation(BrokerNode node) {
        this.node = node;
    }

    /** A validated creation request, ready to apply. */
    record Plan(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    }

    /**
     * Resolves defaults (-1) and validates everything that can be checked without creating the topic.
     * Throws {@link MetadataException} or {@code ConfigException} naming the problem.
     */
    Plan plan(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        TopicNames.validate(name);
        if (node.metadata().topic(name) != null) {
            throw new MetadataException(MetadataException.Reason.TOPIC_EXISTS, "Topic '" + name + "' already exists.");
        }
        TopicNames.ensureNoCollision(name, node.metadata().topics().stream().map(TopicMetadata::name).toList());
        int count = partitions == -1 ? node.config().numPartitions() : partitions;
        if (count <= 0) {
            throw new MetadataException(MetadataException.Reason.INVALID_PARTITIONS,
                    "Number of partitions must be larger than 0, or -1 for the broker default; got " + partitions + ".");
        }
        int factor = replicationFactor == -1 ? node.config().defaultReplicationFactor() : replicationFactor;
        if (factor <= 0) {
            throw new MetadataException(MetadataException.Reason.INVALID_REPLICATION_FACTOR,
                    "Replication factor must be larger than 0, or -1 for the broker default; got " + replicationFactor + ".");
        }
        int brokers = 1;
        if (factor > brokers) {
            throw new MetadataException(MetadataException.Reason.INVALID_REPLICATION_FACTOR,
                    "Unable to replicate the partition " + factor + " time(s): The target replication factor of "
                            + factor + " cannot be reached because only " + brokers + " broker(s) are registered.");
        }
        Map<String, String> validated = TopicConfig.validateOverrides(configs);
        // Overrides can also conflict with broker settings (e.g. compaction lags); refuse before anything is stored.
        TopicConfig.resolve(node.config(), validated);
        return new Plan(name, count, (short) factor, validated);
    }

    TopicMetadata apply(Plan plan) {
        return node.metadata().createTopic(plan.name(), plan.partitions(), plan.configs());
    }
}
