package dev.sluice.broker.groups;

import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The records of the offsets topic, in the layout Kafka's coordinator writes to {@code __consumer_offsets}:
 * key version 1 (group, topic, partition) with value version 3 (offset, leader epoch, metadata, commit time),
 * a null value deleting the key. Other key versions (Kafka's group metadata) are recognised and skipped.
 */
final class OffsetRecords {
    static final short OFFSET_KEY_VERSION = 1;
    static final short OFFSET_VALUE_VERSION = 3;

    private OffsetRecords() {
    }

    /** A decoded offset record; {@code value} is null for a deletion. */
    record Entry(String group, TopicPartition partition, CommittedOffset value) {
    }

    static byte[] key(String group, TopicPartition partition) {
        byte[] groupBytes = group.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = partition.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + groupBytes.length + 2 + topicBytes.length + 4)
                .putShort(OFFSET_KEY_VERSION)
                .putShort((short) groupBytes.length).put(groupBytes)
                .putShort((short) topicBytes.length).put(topicBytes)
                .putInt(partition.partition())
                .array();
    }

    static byte[] value(CommittedOffset committed) {
        byte[] metadata = committed.metadata().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 8 + 4 + 2 + metadata.length + 8)
                .putShort(OFFSET_VALUE_VERSION)
                .putLong(committed.offset())
                .putInt(committed.leaderEpoch())
                .putShort((short) metadata.length).put(metadata)
                .putLong(committed.commitTimestampMs())
                .array();
    }

    /** The entry, or null for records of other kinds. Throws {@link IllegalArgumentException} when damaged. */
    static Entry decode(ByteBuffer key, ByteBuffer value) {
        if (key == null || key.remaining() < 2) {
            throw new IllegalArgumentException("offsets record without a key");
        }
        short keyVersion = key.getShort();
        if (keyVersion != 0 && keyVersion != OFFSET_KEY_VERSION) {
            return null;
        }
        String group = string(key);
        TopicPartition partition = new TopicPartition(string(key), key.getInt());
        if (value == null) {
            return new Entry(group, partition, null);
        }
        short valueVersion = value.getShort();
        if (valueVersion < 0 || valueVersion > OFFSET_VALUE_VERSION) {
            throw new IllegalArgumentException("unknown offset value version " + valueVersion);
        }
        long offset = value.getLong();
        int leaderEpoch = valueVersion >= 3 ? value.getInt() : -1;
        String metadata = string(value);
        long commitTimestamp = value.getLong();
        return new Entry(group, partition, new CommittedOffset(offset, leaderEpoch, metadata, commitTimestamp));
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getShort();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("string length " + length + " exceeds the record");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
