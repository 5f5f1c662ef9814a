package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.CommittedOffset;
import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit, v2 to v10 (topic ids from v10). Partitions of unknown topics and oversized metadata are
 * refused one by one; the rest are committed together, in one batch of the offsets topic, and answered once
 * that batch is in the log.
 */
public final class OffsetCommitHandler extends ApiHandler<OffsetCommitRequestData> {
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 10;
    private final BrokerNode node;
    private final GroupCoordinator coordinator;

    public OffsetCommitHandler(BrokerNode node, GroupCoordinator coordinator) {
        super(ApiKeys.OFFSET_COMMIT, 2, 10);
        this.node = node;
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, OffsetCommitRequestData body) {
        boolean byId = request.version() >= FIRST_VERSION_WITH_TOPIC_IDS;
        long now = System.currentTimeMillis();
        Map<TopicPartition, CommittedOffset> valid = new LinkedHashMap<>();
        Map<OffsetCommitResponsePartition, TopicPartition> pending = new HashMap<>();
        List<OffsetCommitResponseTopic> topics = new ArrayList<>();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : body.topics()) {
            TopicMetadata metadata = byId ? node.metadata().topic(topic.topicId()) : node.metadata().topic(topic.name());
            Errors unknown = byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            List<OffsetCommitResponsePartition> partitions = new ArrayList<>();
            for (OffsetCommitRequestData.OffsetCommitRequestPartition p : topic.partitions()) {
                OffsetCommitResponsePartition result = new OffsetCommitResponsePartition()
                        .setPartitionIndex(p.partitionIndex());
                partitions.add(result);
                String metadataText = p.committedMetadata() == null ? "" : p.committedMetadata();
                if (metadata == null || p.partitionIndex() < 0 || p.partitionIndex() >= metadata.partitions()) {
                    result.setErrorCode(unknown.code());
                } else if (metadataText.getBytes(StandardCharsets.UTF_8).length > coordinator.maxMetadataBytes()) {
                    result.setErrorCode(Errors.OFFSET_METADATA_TOO_LARGE.code());
                } else {
                    TopicPartition partition = new TopicPartition(metadata.name(), p.partitionIndex());
                    valid.put(partition, new CommittedOffset(p.committedOffset(), p.committedLeaderEpoch(), metadataText, now));
                    pending.put(result, partition);
                }
            }
            topics.add(new OffsetCommitResponseTopic().setName(byId ? "" : topic.name()).setTopicId(topic.topicId())
                    .setPartitions(partitions));
        }
        OffsetCommitResponseData response = new OffsetCommitResponseData().setTopics(topics);
        if (valid.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        String memberId = body.memberId() == null ? "" : body.memberId();
        short version = request.version();
        return coordinator.commit(body.groupId(), body.generationIdOrMemberEpoch(), memberId, body.groupInstanceId(), valid)
                .thenApply(error -> {
                    // A generation for a group that does not exist: GROUP_ID_NOT_FOUND only from v9 on.
                    Errors answer = error == Errors.GROUP_ID_NOT_FOUND && version < 9 ? Errors.ILLEGAL_GENERATION : error;
                    pending.keySet().forEach(result -> result.setErrorCode(answer.code()));
                    return response;
                });
    }
}
