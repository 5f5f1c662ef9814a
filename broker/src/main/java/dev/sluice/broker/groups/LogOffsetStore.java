package dev.sluice.broker.groups;

import dev.sluice.broker.BrokerNode;
import dev.sluice.replication.Partition;
import dev.sluice.replication.metadata.MetadataException;
import dev.sluice.replication.metadata.TopicMetadata;
import dev.sluice.storage.Log;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Committed offsets in the internal topic {@code __consumer_offsets}, created on first use with
 * {@code offsets.topic.num.partitions} partitions; a group's records all go to partition
 * {@code abs(hash(group)) % partitions}, as in Kafka, so each group's history stays in order.
 */
public final class LogOffsetStore implements OffsetStore {
    public static final String TOPIC = "__consumer_offsets";
    private static final Logger log = LoggerFactory.getLogger(LogOffsetStore.class);
    private static final int READ_CHUNK = 1 << 20;

    private final BrokerNode node;

    public LogOffsetStore(BrokerNode node) {
        this.node = node;
    }

    /**
     * Creates the topic if it does not exist yet. Throws {@link CoordinatorUnavailableException} when it cannot
     * be created with the configured replication factor, as Kafka's coordinator stays unavailable then. Needs no
     * lock of its own: of two callers racing to create it, the metadata lets one win and the other finds it.
     */
    public void ensureTopic() {
        if (node.metadata().topic(TOPIC) != null) {
            return;
        }
        short factor = node.config().offsetsTopicReplicationFactor();
        int brokers = 1;
        if (factor > brokers) {
            throw new CoordinatorUnavailableException("The offsets topic needs offsets.topic.replication.factor="
                    + factor + " brokers but " + brokers + " is registered; set offsets.topic.replication.factor=1.");
        }
        try {
            node.metadata().createTopic(TOPIC, node.config().offsetsTopicNumPartitions(),
                    Map.of("cleanup.policy", "compact"));
        } catch (MetadataException e) {
            if (e.reason() != MetadataException.Reason.TOPIC_EXISTS) {
                throw e;
            }
        }
    }

    @Override
    public CompletableFuture<Void> write(String group, Map<TopicPartition, CommittedOffset> changes) {
        ensureTopic();
        Partition partition = partitionFor(group);
        long now = System.currentTimeMillis();
        SimpleRecord[] records = new SimpleRecord[changes.size()];
        int i = 0;
        for (Map.Entry<TopicPartition, CommittedOffset> change : changes.entrySet()) {
            CommittedOffset value = change.getValue();
            records[i++] = new SimpleRecord(now, OffsetRecords.key(group, change.getKey()),
                    value == null ? null : OffsetRecords.value(value));
        }
        partition.appendAsLeader(MemoryRecords.withRecords(Compression.NONE, records).buffer());
        return partition.syncIfDue();
    }

    /** True when the group's partition is loaded, or when nothing has been stored yet. */
    @Override
    public boolean available(String group) {
        TopicMetadata topic = node.metadata().topic(TOPIC);
        return topic == null || node.replicas().partition(new TopicPartition(TOPIC, partitionIndex(group, topic))) != null;
    }

    private static int partitionIndex(String group, TopicMetadata topic) {
        return Utils.abs(group.hashCode()) % topic.partitions();
    }

    private Partition partitionFor(String group) {
        TopicMetadata topic = node.metadata().topic(TOPIC);
        Partition partition = topic == null ? null
                : node.replicas().partition(new TopicPartition(TOPIC, partitionIndex(group, topic)));
        if (partition == null) {
            throw new CoordinatorUnavailableException("The offsets topic " + TOPIC + " is not loaded.");
        }
        return partition;
    }

    @Override
    public void replay(Replay replay) {
        TopicMetadata topic = node.metadata().topic(TOPIC);
        if (topic == null) {
            return;
        }
        for (int p = 0; p < topic.partitions(); p++) {
            Partition partition = node.replicas().partition(new TopicPartition(TOPIC, p));
            if (partition != null) {
                replay(partition, replay);
            }
        }
    }

    private static void replay(Partition partition, Replay replay) {
        long offset = partition.logStartOffset();
        while (offset < partition.highWatermark()) {
            Log.ReadResult read = partition.read(offset, READ_CHUNK, true);
            if (read.size() == 0) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate(read.size());
            try {
                while (buffer.hasRemaining()) {
                    if (read.channel().read(buffer, read.position() + buffer.position()) < 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + partition, e);
            }
            buffer.flip();
            long next = offset;
            for (RecordBatch batch : MemoryRecords.readableRecords(buffer).batches()) {
                for (Record record : batch) {
                    if (record.offset() >= offset) {
                        apply(partition, record, replay);
                    }
                }
                next = batch.nextOffset();
            }
            if (next <= offset) {
                return;
            }
            offset = next;
        }
    }

    private static void apply(Partition partition, Record record, Replay replay) {
        try {
            OffsetRecords.Entry entry = OffsetRecords.decode(record.key(), record.value());
            if (entry == null) {
                return;
            }
            if (entry.value() == null) {
                replay.deleted(entry.group(), entry.partition());
            } else {
                replay.committed(entry.group(), entry.partition(), entry.value());
            }
        } catch (RuntimeException e) {
            log.warn("Skipping undecodable record at offset {} of {}: {}", record.offset(), partition, e.toString());
        }
    }
}
