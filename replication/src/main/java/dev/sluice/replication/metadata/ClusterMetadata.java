package dev.sluice.replication.metadata;

import org.apache.kafka.common.Uuid;

import java.util.Collection;
import java.util.Map;

/**
 * The cluster's durable metadata: topics, partition counts, topic and dynamic broker configs, and producer
 * id blocks. Every change is durable before the call returns. Readers get immutable snapshots; changes
 * are serialized by the implementation. Nothing here assumes a single broker: a quorum-backed
 * implementation serves the same contract.
 */
public interface ClusterMetadata extends AutoCloseable {
    String clusterId();

    /** An immutable view of all topics at one point in time. */
    Collection<TopicMetadata> topics();

    /** The topic with this name, or null. */
    TopicMetadata topic(String name);

    /** The topic with this id, or null (also for ids of deleted topics). */
    TopicMetadata topic(Uuid id);

    TopicMetadata createTopic(String name, int partitions, Map<String, String> configs);

    TopicMetadata deleteTopic(String name);

    /** Grows the topic to {@code totalPartitions}; shrinking is refused. */
    TopicMetadata addPartitions(String name, int totalPartitions);

    /** Replaces the topic's config overrides (already validated) with {@code configs}. */
    TopicMetadata setTopicConfigs(String name, Map<String, String> configs);

    /** Dynamic cluster-wide broker config overrides. */
    Map<String, String> dynamicBrokerConfigs();

    void setDynamicBrokerConfigs(Map<String, String> configs);

    /** Reserves {@code size} producer ids never handed out before, even across restarts; returns the first. */
    long allocateProducerIds(int size);

    void addListener(MetadataListener listener);

    @Override
    void close();
}
