package dev.sluice.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Field access to Kafka v2 record batches inside a buffer, by absolute position, without objects.
 *
 * <pre>
 *  0 baseOffset int64        |  27 baseTimestamp int64
 *  8 length int32            |  35 maxTimestamp int64
 * 12 partitionLeaderEpoch    |  43 producerId int64
 * 16 magic int8              |  51 producerEpoch int16
 * 17 crc uint32 (CRC32C of   |  53 baseSequence int32
 *    bytes 21..end)          |  57 recordCount int32
 * 21 attributes int16        |  61 records
 * 23 lastOffsetDelta int32   |
 * </pre>
 * Stateless.
 */
final class Batches {
    static final int LOG_OVERHEAD = 12;
    static final int HEADER_SIZE = 61;
    static final byte MAGIC = 2;
    static final long NO_PRODUCER_ID = -1;
    static final int NO_SEQUENCE = -1;

    private static final int LENGTH = 8;
    private static final int LEADER_EPOCH = 12;
    private static final int MAGIC_OFFSET = 16;
    private static final int CRC = 17;
    private static final int ATTRIBUTES = 21;
    private static final int LAST_OFFSET_DELTA = 23;
    private static final int BASE_TIMESTAMP = 27;
    private static final int MAX_TIMESTAMP = 35;
    private static final int PRODUCER_ID = 43;
    private static final int PRODUCER_EPOCH = 51;
    private static final int BASE_SEQUENCE = 53;
    private static final int RECORD_COUNT = 57;

    private static final int COMPRESSION_MASK = 0x07;
    private static final int TIMESTAMP_TYPE_BIT = 0x08;
    private static final int TRANSACTIONAL_BIT = 0x10;
    private static final int CONTROL_BIT = 0x20;

    private Batches() {
    }

    /** Total size of the batch at {@code pos}: the length field plus the offset and length fields. */
    static int size(ByteBuffer buf, int pos) {
        return buf.getInt(pos + LENGTH) + LOG_OVERHEAD;
    }

    static long baseOffset(ByteBuffer buf, int pos) {
        return buf.getLong(pos);
    }

    static long lastOffset(ByteBuffer buf, int pos) {
        return buf.getLong(pos) + buf.getInt(pos + LAST_OFFSET_DELTA);
    }

    static int lastOffsetDelta(ByteBuffer buf, int pos) {
        return buf.getInt(pos + LAST_OFFSET_DELTA);
    }

    static byte magic(ByteBuffer buf, int pos) {
        return buf.get(pos + MAGIC_OFFSET);
    }

    static int partitionLeaderEpoch(ByteBuffer buf, int pos) {
        return buf.getInt(pos + LEADER_EPOCH);
    }

    static long storedCrc(ByteBuffer buf, int pos) {
        return Integer.toUnsignedLong(buf.getInt(pos + CRC));
    }

    static int compression(ByteBuffer buf, int pos) {
        return buf.getShort(pos + ATTRIBUTES) & COMPRESSION_MASK;
    }

    static boolean isControl(ByteBuffer buf, int pos) {
        return (buf.getShort(pos + ATTRIBUTES) & CONTROL_BIT) != 0;
    }

    static boolean isTransactional(ByteBuffer buf, int pos) {
        return (buf.getShort(pos + ATTRIBUTES) & TRANSACTIONAL_BIT) != 0;
    }

    static long baseTimestamp(ByteBuffer buf, int pos) {
        return buf.getLong(pos + BASE_TIMESTAMP);
    }

    static long maxTimestamp(ByteBuffer buf, int pos) {
        return buf.getLong(pos + MAX_TIMESTAMP);
    }

    static long producerId(ByteBuffer buf, int pos) {
        return buf.getLong(pos + PRODUCER_ID);
    }

    static short producerEpoch(ByteBuffer buf, int pos) {
        return buf.getShort(pos + PRODUCER_EPOCH);
    }

    static int baseSequence(ByteBuffer buf, int pos) {
        return buf.getInt(pos + BASE_SEQUENCE);
    }

    static int recordCount(ByteBuffer buf, int pos) {
        return buf.getInt(pos + RECORD_COUNT);
    }

    /** CRC32C over attributes to the end of the batch, as the producer computed it. */
    static long computeCrc(ByteBuffer buf, int pos, int size) {
        CRC32C crc = new CRC32C();
        ByteBuffer view = buf.duplicate();
        view.limit(pos + size).position(pos + ATTRIBUTES);
        crc.update(view);
        return crc.getValue();
    }

    static void setBaseOffset(ByteBuffer buf, int pos, long offset) {
        buf.putLong(pos, offset);
    }

    static void setPartitionLeaderEpoch(ByteBuffer buf, int pos, int epoch) {
        buf.putInt(pos + LEADER_EPOCH, epoch);
    }

    /** Marks the batch as stamped with log-append time and rewrites its CRC. */
    static void setLogAppendTime(ByteBuffer buf, int pos, long timestamp) {
        short attributes = buf.getShort(pos + ATTRIBUTES);
        buf.putShort(pos + ATTRIBUTES, (short) (attributes | TIMESTAMP_TYPE_BIT));
        buf.putLong(pos + MAX_TIMESTAMP, timestamp);
        buf.putInt(pos + CRC, (int) computeCrc(buf, pos, size(buf, pos)));
    }

    /**
     * Checks that the records of an uncompressed batch fill it exactly and number {@code recordCount}.
     * Each record starts with its length as a zig-zag varint; only lengths are read.
     */
    static boolean recordsFit(ByteBuffer buf, int pos, int size, int expectedCount) {
        int p = pos + HEADER_SIZE;
        int end = pos + size;
        int count = 0;
        while (p < end) {
            int raw = 0;
            int shift = 0;
            byte b;
            do {
                if (p >= end || shift > 28) {
                    return false;
                }
                b = buf.get(p++);
                raw |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int length = (raw >>> 1) ^ -(raw & 1);
            if (length < 0 || length > end - p) {
                return false;
            }
            p += length;
            count++;
        }
        return p == end && count == expectedCount;
    }
}
