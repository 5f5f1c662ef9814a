package dev.sluice.tests.protocol;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Record batches (message format v2) as a producer would send them, and the ways to damage one that a
 * broker must detect. Offsets inside a v2 batch header: magic at 16, CRC-32C at 17 covering everything
 * from the attributes (21) to the end, record count at 57.
 */
final class RecordBatches {
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = DefaultRecordBatch.CRC_OFFSET;
    static final int ATTRIBUTES_OFFSET = CRC_OFFSET + 4;
    static final int LAST_OFFSET_DELTA_OFFSET = DefaultRecordBatch.LAST_OFFSET_DELTA_OFFSET;
    static final int RECORDS_COUNT_OFFSET = DefaultRecordBatch.RECORDS_COUNT_OFFSET;

    private RecordBatches() {
    }

    /** One uncompressed batch with a record per value, keys "key-i", timestamps fixed. */
    static MemoryRecords of(String... values) {
        return compressed(Compression.NONE, values);
    }

    /** One batch with a record per value, as {@link #of}, compressed with {@code compression}. */
    static MemoryRecords compressed(Compression compression, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L + i, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withRecords(compression, records);
    }

    /** One batch with a single record whose value has {@code valueBytes} bytes. */
    static MemoryRecords ofSize(int valueBytes) {
        byte[] value = new byte[valueBytes];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(1_700_000_000_000L, value));
    }

    /**
     * A copy with the last value byte of the last record flipped (the byte after it is the header count),
     * so the batch is well-formed but its stored CRC no longer matches.
     */
    static MemoryRecords withBadCrc(MemoryRecords batch) {
        ByteBuffer copy = copy(batch);
        int lastValueByte = copy.limit() - 2;
        copy.put(lastValueByte, (byte) (copy.get(lastValueByte) ^ 0x5A));
        return MemoryRecords.readableRecords(copy);
    }

    /** A copy with another magic byte; the CRC stays valid because it does not cover the magic. */
    static MemoryRecords withMagic(MemoryRecords batch, byte magic) {
        ByteBuffer copy = copy(batch);
        copy.put(MAGIC_OFFSET, magic);
        return MemoryRecords.readableRecords(copy);
    }

    /** A copy whose header declares {@code count} records, with the CRC recomputed so only the count lies. */
    static MemoryRecords withRecordCount(MemoryRecords batch, int count) {
        ByteBuffer copy = copy(batch);
        copy.putInt(RECORDS_COUNT_OFFSET, count);
        return resealed(copy);
    }

    /**
     * A copy whose header consistently declares {@code count} records (count and last offset delta), with the
     * CRC recomputed: only the records themselves can tell that the header lies.
     */
    static MemoryRecords declaringRecords(MemoryRecords batch, int count) {
        ByteBuffer copy = copy(batch);
        copy.putInt(RECORDS_COUNT_OFFSET, count);
        copy.putInt(LAST_OFFSET_DELTA_OFFSET, count - 1);
        return resealed(copy);
    }

    private static MemoryRecords resealed(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.duplicate().position(ATTRIBUTES_OFFSET));
        batch.putInt(CRC_OFFSET, (int) crc.getValue());
        return MemoryRecords.readableRecords(batch);
    }

    private static ByteBuffer copy(MemoryRecords batch) {
        ByteBuffer source = batch.buffer().duplicate();
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source).flip();
        return copy;
    }
}
