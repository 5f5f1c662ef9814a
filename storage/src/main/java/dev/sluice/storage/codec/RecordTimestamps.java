package dev.sluice.storage.codec;

import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

import java.nio.ByteBuffer;

/**
 * Record-level reads of a stored batch, decompressing when needed. Used only by timestamp lookups, never
 * on the append or fetch paths; the only place storage uses the Kafka client's record classes.
 */
public final class RecordTimestamps {
    private RecordTimestamps() {
    }

    /**
     * The first record in the batch (in offset order) whose timestamp is at least {@code timestamp}, as
     * {@code {offset, timestamp}}, or null when there is none.
     */
    public static long[] firstAtOrAfter(ByteBuffer batch, long timestamp) {
        for (MutableRecordBatch b : MemoryRecords.readableRecords(batch.duplicate()).batches()) {
            try (CloseableIterator<Record> records = b.streamingIterator(BufferSupplier.NO_CACHING)) {
                while (records.hasNext()) {
                    Record record = records.next();
                    if (record.timestamp() >= timestamp) {
                        return new long[] {record.offset(), record.timestamp()};
                    }
                }
            }
        }
        return null;
    }
}
