package dev.sluice.storage.codec;

import dev.sluice.storage.CorruptBatchException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/**
 * Record-level iteration of compressed v2 batches, the one place the storage module relies on kafka-clients'
 * record classes (its decompressors). Used off the append path only, for timestamp lookups. Stateless and
 * thread-safe.
 */
public final class CompressedRecords {
    /** Receives each record's absolute offset and timestamp; returns false to stop the iteration. */
    @FunctionalInterface
    public interface RecordVisitor {
        boolean visit(long offset, long timestampMs);
    }

    private CompressedRecords() {
    }

    /** Decompresses the batch(es) held in {@code batch} (position to limit) and visits their records in order. */
    public static void forEach(ByteBuffer batch, RecordVisitor visitor) {
        try {
            for (MutableRecordBatch recordBatch : MemoryRecords.readableRecords(batch.slice()).batches()) {
                try (CloseableIterator<Record> records = recordBatch.skipKeyValueIterator(BufferSupplier.NO_CACHING)) {
                    while (records.hasNext()) {
                        Record record = records.next();
                        if (!visitor.visit(record.offset(), record.timestamp())) {
                            return;
                        }
                    }
                }
            }
        } catch (KafkaException e) {
            throw new CorruptBatchException("cannot decompress batch: " + e.getMessage());
        }
    }
}
