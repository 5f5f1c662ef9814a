package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import dev.sluice.storage.Log;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResultCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch: the end offset of the largest leader epoch not above the requested one, which
 * consumers use to detect log truncation after a leader change (KIP-320).
 */
public final class OffsetForLeaderEpochHandler extends ApiHandler<OffsetForLeaderEpochRequestData> {
    private static final int UNDEFINED_EPOCH = -1;
    private static final long UNDEFINED_OFFSET = -1;
    private final BrokerNode node;

    public OffsetForLeaderEpochHandler(BrokerNode node) {
        super(ApiKeys.OFFSET_FOR_LEADER_EPOCH, 2, 4);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, OffsetForLeaderEpochRequestData body) {
        OffsetForLeaderTopicResultCollection topics = new OffsetForLeaderTopicResultCollection();
        for (OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic : body.topics()) {
            List<EpochEndOffset> partitions = new ArrayList<>();
            for (OffsetForLeaderEpochRequestData.OffsetForLeaderPartition p : topic.partitions()) {
                partitions.add(endOffset(topic.topic(), p));
            }
            topics.add(new OffsetForLeaderTopicResult().setTopic(topic.topic()).setPartitions(partitions));
        }
        return CompletableFuture.completedFuture(new OffsetForLeaderEpochResponseData().setTopics(topics));
    }

    private EpochEndOffset endOffset(String topic, OffsetForLeaderEpochRequestData.OffsetForLeaderPartition p) {
        EpochEndOffset result = new EpochEndOffset().setPartition(p.partition())
                .setLeaderEpoch(UNDEFINED_EPOCH).setEndOffset(UNDEFINED_OFFSET);
        Partition partition = node.replicas().partition(new TopicPartition(topic, p.partition()));
        if (partition == null) {
            return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors epochError = LeaderEpochs.check(p.currentLeaderEpoch(), partition.leaderEpoch());
        if (epochError != Errors.NONE) {
            return result.setErrorCode(epochError.code());
        }
        Log.EpochEndOffset end = partition.endOffsetForEpoch(p.leaderEpoch());
        return result.setLeaderEpoch(end.epoch()).setEndOffset(end.endOffset());
    }
}
