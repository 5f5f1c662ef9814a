package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.LogOffsetStore;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResultCollection;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResultCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

import java.util.concurrent.CompletableFuture;

/** DeleteRecords: moves each partition's log start offset forward; -1 means up to the high watermark. */
public final class DeleteRecordsHandler extends ApiHandler<DeleteRecordsRequestData> {
    private static final long HIGH_WATERMARK = -1;
    private final BrokerNode node;

    public DeleteRecordsHandler(BrokerNode node) {
        super(ApiKeys.DELETE_RECORDS, 0, 2);
        this.node = node;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, DeleteRecordsRequestData body) {
        DeleteRecordsTopicResultCollection topics = new DeleteRecordsTopicResultCollection();
        for (DeleteRecordsRequestData.DeleteRecordsTopic topic : body.topics()) {
            DeleteRecordsPartitionResultCollection partitions = new DeleteRecordsPartitionResultCollection();
            for (DeleteRecordsRequestData.DeleteRecordsPartition p : topic.partitions()) {
                partitions.add(delete(topic.name(), p));
            }
            topics.add(new DeleteRecordsTopicResult().setName(topic.name()).setPartitions(partitions));
        }
        return CompletableFuture.completedFuture(new DeleteRecordsResponseData().setTopics(topics));
    }

    private DeleteRecordsPartitionResult delete(String topic, DeleteRecordsRequestData.DeleteRecordsPartition p) {
        DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult()
                .setPartitionIndex(p.partitionIndex()).setLowWatermark(-1);
        Partition partition = node.replicas().partition(new TopicPartition(topic, p.partitionIndex()));
        if (partition == null) {
            return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        if (topic.equals(LogOffsetStore.TOPIC)) {
            // Replay reads the offsets log from its start; records deleted there would be commits forgotten.
            return result.setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
        long offset = p.offset() == HIGH_WATERMARK ? partition.highWatermark() : p.offset();
        if (offset < 0 || offset > partition.highWatermark()) {
            return result.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
        }
        try {
            return result.setLowWatermark(partition.deleteRecordsBefore(offset));
        } catch (RuntimeException e) {
            return result.setErrorCode(Failures.errorOf(e).code());
        }
    }
}
