package dev.sluice.replication.metadata;

import org.apache.kafka.common.Uuid;

import java.util.Map;

/**
 * One topic as the cluster knows it: a name, an id that changes when the topic is re-created, its
 * partition count and its config overrides. Immutable.
 */
public record TopicMetadata(String name, Uuid id, int partitions, Map<String, String> configs, boolean internal) {
    public TopicMetadata {
        configs = Map.copyOf(configs);
    }

    public TopicMetadata withPartitions(int count) {
        return new TopicMetadata(name, id, count, configs, internal);
    }

    public TopicMetadata withConfigs(Map<String, String> overrides) {
        return new TopicMetadata(name, id, partitions, overrides, internal);
    }
}
