package dev.sluice.storage.codec;

import dev.sluice.storage.CorruptBatchException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;
import org.xerial.snappy.SnappyError;

/**
 * Record-level iteration of compressed v2 batches, the one place the storage module relies on kafka-clients'
 * record classes (its decompressors): streams for validating produced batches, and timestamp lookups.
 * Thread-safe.
 */
public final class CompressedRecords {
    /** Appends run on the few event loops; each keeps its decompression buffers rather than allocate per batch. */
    private static final ThreadLocal<BufferSupplier> APPEND_BUFFERS = ThreadLocal.withInitial(BufferSupplier::create);

    /** Receives each record's absolute offset and timestamp; returns false to stop the iteration. */
    @FunctionalInterface
    public interface RecordVisitor {
        boolean visit(long offset, long timestampMs);
    }

    private CompressedRecords() {
    }

    /** Decompresses the stored batch(es) in {@code batch} (position to limit) and visits their records in order. */
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
        } catch (KafkaException | IllegalArgumentException | SnappyError e) {
            throw new CorruptBatchException("cannot decompress batch: " + e.getMessage());
        }
    }

    /**
     * A stream of the decompressed records of a v2 batch: {@code records} holds its compressed bytes (position to
     * limit), {@code codec} is the codec id from its attributes. Throws IllegalArgumentException for an unknown id.
     */
    public static InputStream open(ByteBuffer records, int codec) {
        Compression compression = Compression.of(CompressionType.forId(codec)).build();
        return compression.wrapForInput(records, RecordBatch.MAGIC_VALUE_V2, APPEND_BUFFERS.get());
    }
}
