package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import dev.sluice.storage.Log;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: earliest, latest, the record with the largest timestamp, or the first record at or after a
 * timestamp. Without tiered storage the local log start is the earliest offset and nothing is tiered.
 */
public final class ListOffsetsHandler extends ApiHandler<ListOffsetsRequestData> {
    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;
    static final long LATEST_TIERED = -5;
    static final long EARLIEST_PENDING_UPLOAD = -6;
    private static final long UNKNOWN = -1;

    private final BrokerNode node;

    public ListOffsetsHandler(BrokerNode node) {
        super(ApiKeys.LIST_OFFSETS, 1, 11);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, ListOffsetsRequestData body) {
        boolean readCommitted = body.isolationLevel() == 1;
        boolean withEpoch = request.version() >= 4;
        List<ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsetsRequestData.ListOffsetsTopic topic : body.topics()) {
            List<ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsetsRequestData.ListOffsetsPartition p : topic.partitions()) {
                partitions.add(lookup(topic.name(), p, readCommitted, withEpoch));
            }
            topics.add(new ListOffsetsTopicResponse().setName(topic.name()).setPartitions(partitions));
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponseData().setTopics(topics));
    }

    private ListOffsetsPartitionResponse lookup(String topic, ListOffsetsRequestData.ListOffsetsPartition p,
                                                boolean readCommitted, boolean withEpoch) {
        ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                .setPartitionIndex(p.partitionIndex()).setTimestamp(UNKNOWN).setOffset(UNKNOWN).setLeaderEpoch(-1);
        Partition partition = node.replicas().partition(new TopicPartition(topic, p.partitionIndex()));
        if (partition == null) {
            return response.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        Errors epochError = LeaderEpochs.check(p.currentLeaderEpoch(), partition.leaderEpoch());
        if (epochError != Errors.NONE) {
            return response.setErrorCode(epochError.code());
        }
        long timestamp = p.timestamp();
        if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
            return found(response, UNKNOWN, partition.logStartOffset(), epochOf(partition, withEpoch));
        } else if (timestamp == LATEST) {
            return found(response, UNKNOWN, readCommitted ? partition.lastStableOffset() : partition.highWatermark(), epochOf(partition, withEpoch));
        } else if (timestamp == LATEST_TIERED || timestamp == EARLIEST_PENDING_UPLOAD) {
            return response;
        } else if (timestamp == MAX_TIMESTAMP) {
            Log.TimestampOffset max = partition.maxTimestamp();
            return max == null ? response : found(response, max.timestampMs(), max.offset(), epochOf(partition, withEpoch));
        } else if (timestamp < 0) {
            return response.setErrorCode(Errors.INVALID_REQUEST.code());
        }
        Log.TimestampOffset at = partition.offsetForTimestamp(timestamp);
        if (at == null || at.offset() >= partition.highWatermark()) {
            return response;
        }
        return found(response, at.timestampMs(), at.offset(), epochOf(partition, withEpoch));
    }

    /** Versions before 4 have no leader epoch field. */
    private static int epochOf(Partition partition, boolean withEpoch) {
        return withEpoch ? partition.leaderEpoch() : -1;
    }

    private static ListOffsetsPartitionResponse found(ListOffsetsPartitionResponse response, long timestamp,
                                                      long offset, int leaderEpoch) {
        return response.setTimestamp(timestamp).setOffset(offset).setLeaderEpoch(leaderEpoch);
    }
}
