package dev.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Builds real v2 batches with kafka-clients and decodes what the log returns. */
final class Batches {
    static final long NO_PRODUCER = RecordBatch.NO_PRODUCER_ID;

    private Batches() {
    }

    /** One CreateTime batch with one record per timestamp, values "v0", "v1", ... */
    static ByteBuffer batch(Compression compression, long... timestamps) {
        return idempotent(compression, NO_PRODUCER, (short) -1, -1, timestamps);
    }

    static ByteBuffer idempotent(Compression compression, long producerId, short epoch, int baseSequence,
            long... timestamps) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 + timestamps.length * 64);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, RecordBatch.CURRENT_MAGIC_VALUE, compression,
                TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, producerId, epoch, baseSequence);
        for (int i = 0; i < timestamps.length; i++) {
            builder.append(timestamps[i], ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build().buffer();
    }

    /** A batch whose single value has {@code valueBytes} bytes. */
    static ByteBuffer sized(long timestamp, int valueBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(valueBytes + 256);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, Compression.NONE, TimestampType.CREATE_TIME, 0L);
        builder.append(timestamp, null, new byte[valueBytes]);
        return builder.build().buffer();
    }

    static ByteBuffer concat(ByteBuffer... parts) {
        int total = 0;
        for (ByteBuffer part : parts) {
            total += part.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer part : parts) {
            joined.put(part.duplicate());
        }
        return joined.flip();
    }

    /** The bytes a read result designates. */
    static ByteBuffer bytes(Log.ReadResult result) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(result.size());
        long position = result.position();
        while (buffer.hasRemaining()) {
            position += result.channel().read(buffer, position);
        }
        return buffer.flip();
    }

    static List<MutableRecordBatch> batchesOf(Log.ReadResult result) throws IOException {
        List<MutableRecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(bytes(result)).batches().forEach(batches::add);
        return batches;
    }

    /** Offsets of every record in the read result, checking each batch's CRC on the way. */
    static List<Long> offsetsOf(Log.ReadResult result) throws IOException {
        List<Long> offsets = new ArrayList<>();
        for (MutableRecordBatch batch : batchesOf(result)) {
            batch.ensureValid();
            for (Record record : batch) {
                offsets.add(record.offset());
            }
        }
        return offsets;
    }
}
