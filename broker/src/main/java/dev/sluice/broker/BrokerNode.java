package dev.sluice.broker;

import dev.sluice.config.BrokerConfig;
import dev.sluice.replication.ProducerIdBlocks;
import dev.sluice.replication.ReplicaManager;
import dev.sluice.replication.metadata.ClusterMetadata;

/**
 * What request handlers see of the broker: its identity and advertised address, its effective
 * configuration, the cluster metadata and the partitions it hosts. Thread-safe.
 */
public final class BrokerNode {
    /** Where clients reach this broker. */
    public record Endpoint(String host, int port) {
    }

    private final DynamicBrokerConfig config;
    private final ClusterMetadata metadata;
    private final ReplicaManager replicas;
    private final ProducerIdBlocks producerIds;
    private final Endpoint endpoint;

    public BrokerNode(DynamicBrokerConfig config, ClusterMetadata metadata, ReplicaManager replicas,
                      ProducerIdBlocks producerIds, Endpoint endpoint) {
        this.config = config;
        this.metadata = metadata;
        this.replicas = replicas;
        this.producerIds = producerIds;
        this.endpoint = endpoint;
    }

    public int nodeId() {
        return config.staticConfig().nodeId();
    }

    /** The static configuration with dynamic overrides applied. */
    public BrokerConfig config() {
        return config.current();
    }

    public BrokerConfig staticConfig() {
        return config.staticConfig();
    }

    public ClusterMetadata metadata() {
        return metadata;
    }

    public ReplicaManager replicas() {
        return replicas;
    }

    public ProducerIdBlocks producerIds() {
        return producerIds;
    }

    public Endpoint endpoint() {
        return endpoint;
    }
}
