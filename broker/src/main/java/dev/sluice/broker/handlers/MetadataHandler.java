package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBrokerCollection;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopicCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Metadata: brokers, controller and topics with their partitions. Unknown topics are created on the spot
 * when {@code auto.create.topics.enable} is on and the request allows it, and returned complete in the
 * same answer.
 */
public final class MetadataHandler extends ApiHandler<MetadataRequestData> {
    private static final Logger log = LoggerFactory.getLogger(MetadataHandler.class);
    private final BrokerNode node;
    private final TopicCreation creation;

    public MetadataHandler(BrokerNode node) {
        super(ApiKeys.METADATA, 0, 13);
        this.node = node;
        this.creation = new TopicCreation(node);
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, MetadataRequestData body) {
        MetadataResponseTopicCollection topics = new MetadataResponseTopicCollection();
        boolean allTopics = body.topics() == null || (request.version() == 0 && body.topics().isEmpty());
        if (allTopics) {
            node.metadata().topics().forEach(t -> topics.add(describe(t)));
        } else {
            boolean autoCreate = node.config().autoCreateTopicsEnable()
                    && (request.version() < 4 || body.allowAutoTopicCreation());
            for (MetadataRequestData.MetadataRequestTopic requested : body.topics()) {
                topics.add(lookup(requested, autoCreate, request.version()));
            }
        }
        BrokerNode.Endpoint endpoint = node.endpoint();
        MetadataResponseBrokerCollection brokers = new MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseBroker().setNodeId(node.nodeId()).setHost(endpoint.host())
                .setPort(endpoint.port()).setRack(null));
        return CompletableFuture.completedFuture(new MetadataResponseData()
                .setBrokers(brokers)
                .setClusterId(node.metadata().clusterId())
                .setControllerId(node.nodeId())
                .setTopics(topics));
    }

    private MetadataResponseTopic lookup(MetadataRequestData.MetadataRequestTopic requested, boolean autoCreate,
                                         short version) {
        String name = requested.name();
        if (name == null && version < 12) {
            // Topic ids in Metadata requests are only honoured from version 12, as in Kafka.
            return error("", requested.topicId(), Errors.INVALID_REQUEST);
        }
        if (name == null) {
            TopicMetadata byId = node.metadata().topic(requested.topicId());
            return byId != null ? describe(byId) : error(null, requested.topicId(), Errors.UNKNOWN_TOPIC_ID);
        }
        TopicMetadata topic = node.metadata().topic(name);
        if (topic != null) {
            return describe(topic);
        }
        if (!autoCreate) {
            return error(name, Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        try {
            TopicMetadata created = creation.apply(creation.plan(name, -1, -1, Map.of()));
            log.info("Auto-created topic {} with {} partitions", name, created.partitions());
            return describe(created);
        } catch (RuntimeException e) {
            Errors error = Failures.errorOf(e);
            // Another request may have created it in between; then it simply exists.
            TopicMetadata raced = node.metadata().topic(name);
            return raced != null ? describe(raced) : error(name, Uuid.ZERO_UUID, error);
        }
    }

    private static MetadataResponseTopic error(String name, Uuid id, Errors error) {
        return new MetadataResponseTopic().setName(name).setTopicId(id).setErrorCode(error.code());
    }

    private MetadataResponseTopic describe(TopicMetadata topic) {
        List<Integer> replicas = List.of(node.nodeId());
        List<MetadataResponsePartition> partitions = new ArrayList<>(topic.partitions());
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(new MetadataResponsePartition()
                    .setPartitionIndex(p)
                    .setLeaderId(node.nodeId())
                    .setLeaderEpoch(0)
                    .setReplicaNodes(replicas)
                    .setIsrNodes(replicas)
                    .setOfflineReplicas(List.of()));
        }
        return new MetadataResponseTopic()
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(topic.internal())
                .setPartitions(partitions);
    }
}
