package dev.sluice.broker.handlers;

import dev.sluice.broker.network.SegmentSlice;
import dev.sluice.replication.Partition;
import dev.sluice.storage.Log;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;

import java.util.ArrayList;
import java.util.List;

/**
 * The partitions one fetch request reads, resolved once, and the read itself, repeatable for a delayed
 * fetch that is woken up. Reads are bounded by the request's and each partition's byte limits, return at
 * least one whole batch for the first partition with data (so a batch larger than the limits still makes
 * progress), and never copy record bytes. Like Kafka's, a read that returned whole batches fills the rest of
 * its limit with the start of the next batch, which the client drops.
 */
final class FetchPlan {
    private static final long NO_OFFSET = -1;

    /** One requested partition: where to read, or why it cannot be read. */
    record Target(String topic, Uuid topicId, int index, Partition partition, Errors error, long offset, int maxBytes) {
    }

    /**
     * The answer of one read and how many record bytes it carries; {@code bytesRead} and {@code recordsRead}
     * hold each target's share, in target order.
     */
    final class Result {
        private final FetchResponseData response;
        private final long bytes;
        private final boolean hasErrors;
        private final int[] bytesRead;
        private final int[] recordsRead;

        private Result(FetchResponseData response, long bytes, boolean hasErrors, int[] bytesRead, int[] recordsRead) {
            this.response = response;
            this.bytes = bytes;
            this.hasErrors = hasErrors;
            this.bytesRead = bytesRead;
            this.recordsRead = recordsRead;
        }

        long bytes() {
            return bytes;
        }

        boolean hasErrors() {
            return hasErrors;
        }

        /**
         * The response, once it is final: counts what it carries in each topic's traffic. A delayed fetch
         * reads several times; only the read that is sent is counted.
         */
        FetchResponseData countedResponse() {
            for (int i = 0; i < bytesRead.length; i++) {
                if (bytesRead[i] > 0) {
                    targets.get(i).partition().traffic().fetched(bytesRead[i], recordsRead[i]);
                }
            }
            return response;
        }
    }

    private final List<Target> targets;
    private final int maxBytes;
    private final boolean readCommitted;

    FetchPlan(List<Target> targets, int maxBytes, boolean readCommitted) {
        this.targets = targets;
        this.maxBytes = maxBytes;
        this.readCommitted = readCommitted;
    }

    List<Target> targets() {
        return targets;
    }

    boolean isEmpty() {
        return targets.isEmpty();
    }

    Result read() {
        List<FetchableTopicResponse> topics = new ArrayList<>();
        FetchableTopicResponse current = null;
        long remaining = maxBytes;
        long bytes = 0;
        boolean hasErrors = false;
        int[] bytesRead = new int[targets.size()];
        int[] recordsRead = new int[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            if (current == null || !sameTopic(current, target)) {
                current = new FetchableTopicResponse().setTopic(target.topic()).setTopicId(target.topicId())
                        .setPartitions(new ArrayList<>());
                topics.add(current);
            }
            PartitionData data = readOne(target, (int) Math.min(remaining, target.maxBytes()), bytes == 0,
                    recordsRead, i);
            if (data.errorCode() != Errors.NONE.code()) {
                hasErrors = true;
            }
            int size = data.records() == null ? 0 : data.records().sizeInBytes();
            bytesRead[i] = size;
            bytes += size;
            remaining = Math.max(0, remaining - size);
            current.partitions().add(data);
        }
        FetchResponseData response = new FetchResponseData().setSessionId(0).setResponses(topics);
        return new Result(response, bytes, hasErrors, bytesRead, recordsRead);
    }

    private static boolean sameTopic(FetchableTopicResponse response, Target target) {
        return response.topicId().equals(target.topicId()) && java.util.Objects.equals(response.topic(), target.topic());
    }

    /** Reads one target; the count of records read goes to {@code records[index]}. */
    private PartitionData readOne(Target target, int limit, boolean minOneBatch, int[] records, int index) {
        PartitionData data = new PartitionData().setPartitionIndex(target.index())
                .setAbortedTransactions(readCommitted ? new ArrayList<>() : null)
                .setRecords(MemoryRecords.EMPTY);
        Partition partition = target.partition();
        if (target.error() != Errors.NONE) {
            return data.setErrorCode(target.error().code()).setHighWatermark(NO_OFFSET)
                    .setLastStableOffset(NO_OFFSET).setLogStartOffset(NO_OFFSET);
        }
        data.setHighWatermark(partition.highWatermark())
                .setLastStableOffset(partition.lastStableOffset())
                .setLogStartOffset(partition.logStartOffset());
        try {
            Log.ReadResult read = partition.read(target.offset(), limit, minOneBatch);
            if (read.size() > 0) {
                data.setRecords(SegmentSlice.of(read));
                records[index] = read.records();
            }
        } catch (RuntimeException e) {
            data.setErrorCode(Failures.errorOf(e).code());
        }
        return data;
    }
}
