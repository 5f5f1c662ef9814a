package dev.sluice.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Flyweight over one magic-v2 record batch inside a ByteBuffer: reads and patches header fields with absolute
 * accessors, never copying the batch. Wire layout (big-endian): baseOffset int64 @0, batchLength int32 @8,
 * partitionLeaderEpoch int32 @12, magic int8 @16, crc uint32 @17 (CRC32C of bytes 21..end), attributes int16
 * @21, lastOffsetDelta int32 @23, baseTimestamp int64 @27, maxTimestamp int64 @35, producerId int64 @43,
 * producerEpoch int16 @51, baseSequence int32 @53, recordCount int32 @57, records @61.
 * Not thread-safe: one instance per thread, re-pointed with {@link #wrap}.
 */
final class RecordBatchView {
    static final int LOG_OVERHEAD = 12;
    static final int HEADER_SIZE = 61;
    static final int MAGIC_OFFSET = 16;
    static final byte MAGIC_V2 = 2;
    private static final int LEADER_EPOCH_OFFSET = 12;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;
    private static final int BASE_TIMESTAMP_OFFSET = 27;
    private static final int MAX_TIMESTAMP_OFFSET = 35;
    private static final int PRODUCER_ID_OFFSET = 43;
    private static final int PRODUCER_EPOCH_OFFSET = 51;
    private static final int BASE_SEQUENCE_OFFSET = 53;
    private static final int RECORD_COUNT_OFFSET = 57;
    private static final int COMPRESSION_MASK = 0x07;
    private static final int LOG_APPEND_TIME_FLAG = 0x08;
    private static final int CONTROL_FLAG = 0x20;

    private ByteBuffer buffer;
    private int start;

    RecordBatchView wrap(ByteBuffer buffer, int start) {
        this.buffer = buffer;
        this.start = start;
        return this;
    }

    int start() {
        return start;
    }

    long baseOffset() {
        return buffer.getLong(start);
    }

    int batchLength() {
        return buffer.getInt(start + 8);
    }

    int sizeInBytes() {
        return batchLength() + LOG_OVERHEAD;
    }

    int partitionLeaderEpoch() {
        return buffer.getInt(start + LEADER_EPOCH_OFFSET);
    }

    byte magic() {
        return buffer.get(start + MAGIC_OFFSET);
    }

    int storedCrc() {
        return buffer.getInt(start + CRC_OFFSET);
    }

    int attributes() {
        return buffer.getShort(start + ATTRIBUTES_OFFSET);
    }

    int compressionCodec() {
        return attributes() & COMPRESSION_MASK;
    }

    boolean isLogAppendTime() {
        return (attributes() & LOG_APPEND_TIME_FLAG) != 0;
    }

    boolean isControl() {
        return (attributes() & CONTROL_FLAG) != 0;
    }

    int lastOffsetDelta() {
        return buffer.getInt(start + LAST_OFFSET_DELTA_OFFSET);
    }

    long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    long baseTimestamp() {
        return buffer.getLong(start + BASE_TIMESTAMP_OFFSET);
    }

    long maxTimestamp() {
        return buffer.getLong(start + MAX_TIMESTAMP_OFFSET);
    }

    long producerId() {
        return buffer.getLong(start + PRODUCER_ID_OFFSET);
    }

    short producerEpoch() {
        return buffer.getShort(start + PRODUCER_EPOCH_OFFSET);
    }

    int baseSequence() {
        return buffer.getInt(start + BASE_SEQUENCE_OFFSET);
    }

    /** Last sequence of the batch; sequences wrap from Integer.MAX_VALUE to 0. */
    int lastSequence() {
        return ProducerEntry.addSequence(baseSequence(), lastOffsetDelta());
    }

    int recordCount() {
        return buffer.getInt(start + RECORD_COUNT_OFFSET);
    }

    /** CRC32C over attributes..end, computed in place; the buffer's position and limit are restored. */
    int computeCrc(CRC32C crc) {
        int oldPosition = buffer.position();
        int oldLimit = buffer.limit();
        buffer.limit(start + sizeInBytes());
        buffer.position(start + ATTRIBUTES_OFFSET);
        crc.reset();
        crc.update(buffer);
        buffer.limit(oldLimit);
        buffer.position(oldPosition);
        return (int) crc.getValue();
    }

    boolean isCrcValid(CRC32C crc) {
        return computeCrc(crc) == storedCrc();
    }

    void setBaseOffset(long baseOffset) {
        buffer.putLong(start, baseOffset);
    }

    void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(start + LEADER_EPOCH_OFFSET, epoch);
    }

    /** Marks the batch LogAppendTime with the given time and re-seals its CRC. */
    void setLogAppendTime(long timestampMs, CRC32C crc) {
        buffer.putShort(start + ATTRIBUTES_OFFSET, (short) (attributes() | LOG_APPEND_TIME_FLAG));
        buffer.putLong(start + MAX_TIMESTAMP_OFFSET, timestampMs);
        buffer.putInt(start + CRC_OFFSET, computeCrc(crc));
    }
}
