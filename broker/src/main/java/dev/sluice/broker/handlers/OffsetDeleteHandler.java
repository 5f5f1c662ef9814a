package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** OffsetDelete: drops a group's commits for topics none of its members subscribes to. */
public final class OffsetDeleteHandler extends ApiHandler<OffsetDeleteRequestData> {
    private final BrokerNode node;
    private final GroupCoordinator coordinator;

    public OffsetDeleteHandler(BrokerNode node, GroupCoordinator coordinator) {
        super(ApiKeys.OFFSET_DELETE, 0, 0);
        this.node = node;
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, OffsetDeleteRequestData body) {
        List<TopicPartition> known = new ArrayList<>();
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic topic : body.topics()) {
            TopicMetadata metadata = node.metadata().topic(topic.name());
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition p : topic.partitions()) {
                if (metadata != null && p.partitionIndex() >= 0 && p.partitionIndex() < metadata.partitions()) {
                    known.add(new TopicPartition(topic.name(), p.partitionIndex()));
                }
            }
        }
        GroupCoordinator.OffsetDeleteResult result = coordinator.deleteOffsets(body.groupId(), known);
        OffsetDeleteResponseData response = new OffsetDeleteResponseData().setErrorCode(result.error().code());
        if (result.error() != Errors.NONE) {
            return CompletableFuture.completedFuture(response);
        }
        OffsetDeleteResponseTopicCollection topics = new OffsetDeleteResponseTopicCollection();
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic topic : body.topics()) {
            OffsetDeleteResponsePartitionCollection partitions = new OffsetDeleteResponsePartitionCollection();
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition p : topic.partitions()) {
                Errors error = result.partitions().getOrDefault(new TopicPartition(topic.name(), p.partitionIndex()),
                        Errors.UNKNOWN_TOPIC_OR_PARTITION);
                if (partitions.find(p.partitionIndex()) == null) {
                    partitions.add(new OffsetDeleteResponsePartition().setPartitionIndex(p.partitionIndex())
                            .setErrorCode(error.code()));
                }
            }
            topics.add(new OffsetDeleteResponseTopic().setName(topic.name()).setPartitions(partitions));
        }
        return CompletableFuture.completedFuture(response.setTopics(topics));
    }
}
