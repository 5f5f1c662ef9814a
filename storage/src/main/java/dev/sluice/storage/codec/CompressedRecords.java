package dev.sluice.storage.codec;

import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.BufferSupplier;

/**
 * The decompressors of kafka-clients, the one place the storage module relies on its record classes: streams
 * over the records of compressed v2 batches, walked by the storage module itself. Thread-safe.
 */
public final class CompressedRecords {
    /** Records are decompressed on the few event loops; each keeps its buffers rather than allocate per batch. */
    private static final ThreadLocal<BufferSupplier> BUFFERS = ThreadLocal.withInitial(BufferSupplier::create);

    private CompressedRecords() {
    }

    /**
     * A stream of the decompressed records of a v2 batch: {@code records} holds its compressed bytes (position to
     * limit), {@code codec} is the codec id from its attributes. Throws IllegalArgumentException for an unknown id.
     */
    public static InputStream open(ByteBuffer records, int codec) {
        Compression compression = Compression.of(CompressionType.forId(codec)).build();
        return compression.wrapForInput(records, RecordBatch.MAGIC_VALUE_V2, BUFFERS.get());
    }
}
