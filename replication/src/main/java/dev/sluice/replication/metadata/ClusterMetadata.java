package dev.sluice.replication.metadata;

import org.apache.kafka.common.Uuid;

import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;

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

    /** Deletes the topic with this id; a re-created topic of the same name has another id and is left alone. */
    TopicMetadata deleteTopic(Uuid id);

    /** Grows the topic to {@code totalPartitions}; shrinking is refused. */
    TopicMetadata addPartitions(String name, int totalPartitions);

    /**
     * Replaces the topic's config overrides with what {@code change} makes of the current ones, as one change:
     * concurrent updates apply one after the other. An exception from {@code change} stores nothing.
     */
    TopicMetadata updateTopicConfigs(String name, UnaryOperator<Map<String, String>> change);

    /** Dynamic cluster-wide broker config overrides. */
    Map<String, String> dynamicBrokerConfigs();

    /** Like {@link #updateTopicConfigs}, for the dynamic broker configs. */
    void updateDynamicBrokerConfigs(UnaryOperator<Map<String, String>> change);

    /** Reserves {@code size} producer ids never handed out before, even across restarts; returns the first. */
    long allocateProducerIds(int size);

    void addListener(MetadataListener listener);

    @Override
    void close();
}
