package dev.sluice.broker.handlers;

import dev.sluice.broker.BrokerNode;
import dev.sluice.broker.groups.LogOffsetStore;
import dev.sluice.broker.network.CloseConnectionException;
import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import dev.sluice.storage.Log;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponseCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Produce: appends each partition's batches to its log as they arrived on the wire (offsets are assigned
 * in place, nothing is re-encoded). With one replica, {@code acks=all} is satisfied once the local append
 * completes. {@code acks=0} gets no response; if it fails, the connection is closed so the producer
 * notices, as Kafka does.
 */
public final class ProduceHandler extends ApiHandler<ProduceRequestData> {
    private static final int BATCH_LENGTH_OFFSET = 8;
    private static final int BATCH_ATTRIBUTES_OFFSET = 21;
    private static final int TRANSACTIONAL_FLAG = 0x10;
    private static final int CODEC_MASK = 0x07;
    private static final int ZSTD = 4;
    private static final short FIRST_VERSION_WITH_ZSTD = 7;

    private final BrokerNode node;
    private final Purgatory purgatory;

    public ProduceHandler(BrokerNode node, Purgatory purgatory) {
        super(ApiKeys.PRODUCE, 3, 13);
        this.node = node;
        this.purgatory = purgatory;
    }

    /** librdkafka refuses brokers whose Produce range does not start at 0 (KAFKA-18659); 0-2 stay rejected. */
    @Override
    public short advertisedMinVersion() {
        return 0;
    }

    @Override
    public CompletableFuture<ApiMessage> handle(KafkaRequest request, ProduceRequestData body) {
        short acks = body.acks();
        boolean byId = request.version() >= 13;
        Errors requestError = Errors.NONE;
        if (acks != 0 && acks != 1 && acks != -1) {
            requestError = Errors.INVALID_REQUIRED_ACKS;
        } else if (body.transactionalId() != null) {
            requestError = Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
        }
        boolean failed = false;
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        TopicProduceResponseCollection topics = new TopicProduceResponseCollection();
        for (ProduceRequestData.TopicProduceData topic : body.topicData()) {
            String name = byId ? topicName(topic) : topic.name();
            List<PartitionProduceResponse> partitions = new ArrayList<>(topic.partitionData().size());
            for (ProduceRequestData.PartitionProduceData data : topic.partitionData()) {
                PartitionProduceResponse result = requestError != Errors.NONE
                        ? failure(data.index(), requestError, null)
                        : append(request.version(), name, byId ? topic.topicId() : null, data, syncs);
                failed |= result.errorCode() != Errors.NONE.code();
                partitions.add(result);
            }
            topics.add(new TopicProduceResponse().setName(byId ? "" : topic.name()).setTopicId(topic.topicId())
                    .setPartitionResponses(partitions));
        }
        if (acks == 0) {
            return failed ? CompletableFuture.failedFuture(new CloseConnectionException("acks=0 produce failed"))
                    : CompletableFuture.completedFuture(null);
        }
        ProduceResponseData response = new ProduceResponseData().setResponses(topics);
        if (syncs.isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        // flush.messages: acknowledge only what is on disk; the fsync runs off the event loop.
        purgatory.produceDelayed();
        return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new)).thenApply(v -> {
            purgatory.produceCompleted();
            return response;
        });
    }

    private String topicName(ProduceRequestData.TopicProduceData topic) {
        var metadata = node.metadata().topic(topic.topicId());
        return metadata == null ? null : metadata.name();
    }

    /** Appends one partition's batch; {@code topicId} is set when the request names topics by id (v13+). */
    private PartitionProduceResponse append(short version, String topic, Uuid topicId,
                                            ProduceRequestData.PartitionProduceData data,
                                            List<CompletableFuture<Void>> syncs) {
        if (topic == null) {
            return failure(data.index(), topicId != null ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        Partition partition = node.replicas().partition(new TopicPartition(topic, data.index()));
        if (partition == null || (topicId != null && !partition.topicId().equals(topicId))) {
            return failure(data.index(), Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        if (topic.equals(LogOffsetStore.TOPIC)) {
            // The group coordinator owns this log; foreign records would be replayed as offsets.
            return failure(data.index(), Errors.INVALID_TOPIC_EXCEPTION, "Cannot append to internal topic " + topic);
        }
        if (!(data.records() instanceof MemoryRecords records) || records.sizeInBytes() == 0) {
            return failure(data.index(), Errors.INVALID_RECORD, "Produce request has no record batch for " + topic
                    + "-" + data.index());
        }
        ByteBuffer batch = records.buffer();
        if (holdsMoreThanOneBatch(batch)) {
            return failure(data.index(), Errors.INVALID_RECORD,
                    "Produce requests are only allowed to contain exactly one record batch per partition");
        }
        if (version < FIRST_VERSION_WITH_ZSTD && codec(batch) == ZSTD) {
            // Clients that speak older versions cannot decompress zstd; Kafka refuses it the same way.
            return failure(data.index(), Errors.UNSUPPORTED_COMPRESSION_TYPE, "zstd-compressed batches need Produce v"
                    + FIRST_VERSION_WITH_ZSTD + " or later, this request is v" + version);
        }
        if (isTransactional(batch)) {
            return failure(data.index(), Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                    "Transactional records need a transactional id and a transaction coordinator, which this broker does not run");
        }
        try {
            Log.AppendResult result = partition.appendAsLeader(records.buffer());
            PartitionProduceResponse response = new PartitionProduceResponse()
                    .setIndex(data.index())
                    .setBaseOffset(result.firstOffset())
                    .setLogAppendTimeMs(result.logAppendTimeMs())
                    .setLogStartOffset(result.logStartOffset());
            CompletableFuture<Void> sync = partition.syncIfDue();
            if (!sync.isDone()) {
                syncs.add(sync.exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                    Failures.Failure failure = Failures.of(cause);
                    response.setErrorCode(failure.error().code()).setErrorMessage(failure.message()).setBaseOffset(-1);
                    return null;
                }));
            }
            return response;
        } catch (RuntimeException e) {
            Failures.Failure failure = Failures.of(e);
            return failure(data.index(), failure.error(), failure.message());
        }
    }

    /** Kafka accepts one batch per partition from Produce v3 on; a malformed length is left to the log. */
    private static boolean holdsMoreThanOneBatch(ByteBuffer records) {
        if (records.remaining() < BATCH_LENGTH_OFFSET + 4) {
            return false;
        }
        long first = records.getInt(records.position() + BATCH_LENGTH_OFFSET) + (long) BATCH_LENGTH_OFFSET + 4;
        return first > 0 && first < records.remaining();
    }

    private static boolean isTransactional(ByteBuffer records) {
        return (attributes(records) & TRANSACTIONAL_FLAG) != 0;
    }

    private static int codec(ByteBuffer records) {
        return attributes(records) & CODEC_MASK;
    }

    /** The first batch's attributes, or 0 when the batch is too short to hold them (the log refuses it). */
    private static int attributes(ByteBuffer records) {
        return records.remaining() > BATCH_ATTRIBUTES_OFFSET + 1
                ? records.getShort(records.position() + BATCH_ATTRIBUTES_OFFSET) : 0;
    }

    private static PartitionProduceResponse failure(int index, Errors error, String message) {
        return new PartitionProduceResponse()
                .setIndex(index)
                .setErrorCode(error.code())
                .setErrorMessage(message)
                .setBaseOffset(-1)
                .setLogAppendTimeMs(-1)
                .setLogStartOffset(-1);
    }
}
