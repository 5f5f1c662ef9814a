package dev.sluice.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Validates the batches of one append before anything is written, and remembers what the append needs next
 * (batch and record counts, the one idempotent batch). Checks, per batch in order: framing and magic, size
 * limit, CRC32C, count fields, control/producer rules, the structure of every record (compressed batches are
 * decompressed for it), timestamps. Owned by the log's writer thread; reused across appends so validating an
 * uncompressed batch allocates nothing.
 */
final class AppendValidator {
    private static final long NO_TIMESTAMP = -1;
    private final RecordBatchView batch = new RecordBatchView();
    private final UncompressedRecords records = new UncompressedRecords();
    private final DecompressedRecords decompressed = new DecompressedRecords();
    private final CRC32C crc;

    private int batchCount;
    private long offsetCount;
    private int recordCount;
    private int producerBatchStart;

    AppendValidator(CRC32C crc) {
        this.crc = crc;
    }

    /** Validates every batch between position and limit of {@code batches}; throws on the first violation. */
    void validate(ByteBuffer batches, LogConfig config, long nowMs) {
        batchCount = 0;
        offsetCount = 0;
        recordCount = 0;
        producerBatchStart = -1;
        int end = batches.limit();
        int position = batches.position();
        if (batches.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("record batches must be read big-endian");
        }
        if (position == end) {
            throw new InvalidRecordException("append carries no record batches");
        }
        if (end - position > config.segmentBytes()) {
            throw new BatchTooLargeException("append of " + (end - position) + " bytes exceeds segment size "
                    + config.segmentBytes());
        }
        while (position < end) {
            validateFraming(batches, position, end - position, config);
            validateContents(batches, config, nowMs);
            batchCount++;
            offsetCount += batch.lastOffsetDelta() + 1L;
            recordCount += batch.recordCount();
            position += batch.sizeInBytes();
        }
    }

    private void validateFraming(ByteBuffer batches, int position, int remaining, LogConfig config) {
        batch.wrap(batches, position);
        if (remaining < RecordBatchView.MAGIC_OFFSET + 1) {
            throw new CorruptBatchException("truncated batch header: " + remaining + " bytes");
        }
        if (batch.magic() != RecordBatchView.MAGIC_V2) {
            throw new UnsupportedMagicException("unsupported record batch magic " + batch.magic());
        }
        if (remaining < RecordBatchView.HEADER_SIZE) {
            throw new CorruptBatchException("truncated batch header: " + remaining + " bytes");
        }
        int size = batch.batchLength() + RecordBatchView.LOG_OVERHEAD;
        if (batch.batchLength() < RecordBatchView.HEADER_SIZE - RecordBatchView.LOG_OVERHEAD || size > remaining) {
            throw new CorruptBatchException("batch length " + batch.batchLength() + " does not fit " + remaining
                    + " remaining bytes");
        }
        if (size > config.maxMessageBytes()) {
            throw new BatchTooLargeException("batch of " + size + " bytes exceeds max.message.bytes "
                    + config.maxMessageBytes());
        }
        if (!batch.isCrcValid(crc)) {
            throw new CorruptBatchException("batch CRC mismatch at batch " + batchCount);
        }
    }

    private void validateContents(ByteBuffer batches, LogConfig config, long nowMs) {
        int count = batch.recordCount();
        if (count <= 0 || batch.lastOffsetDelta() != count - 1) {
            throw new InvalidRecordException("record count " + count + " does not match last offset delta "
                    + batch.lastOffsetDelta());
        }
        if (batch.isControl()) {
            throw new InvalidRecordException("control batches may not be produced by clients");
        }
        if (batch.producerId() >= 0) {
            if (producerBatchStart >= 0) {
                throw new InvalidRecordException("more than one batch with a producer id in one append");
            }
            if (batch.baseSequence() < 0) {
                throw new InvalidRecordException("idempotent batch without a base sequence");
            }
            producerBatchStart = batch.start();
        }
        RecordWalk walked;
        if (batch.compressionCodec() == 0) {
            records.reset(batches, batch.start() + RecordBatchView.HEADER_SIZE, batch.start() + batch.sizeInBytes());
            records.walkAll(count);
            walked = records;
        } else {
            int start = batch.start();
            ByteBuffer compressed = batches.duplicate().position(start + RecordBatchView.HEADER_SIZE)
                    .limit(start + batch.sizeInBytes());
            decompressed.validate(compressed, batch.compressionCodec(), count);
            walked = decompressed;
        }
        if (!config.logAppendTime()) {
            // Every record must be in the window, as in Kafka: the newest is the header's maximum, the oldest
            // was found by the walk. A record without a timestamp (-1) is exempt.
            validateTimestamp(batch.maxTimestamp(), config, nowMs);
            long oldest = batch.baseTimestamp() + walked.oldestTimestampDelta();
            if (oldest != NO_TIMESTAMP) {
                validateTimestamp(oldest, config, nowMs);
            }
        }
    }

    private static void validateTimestamp(long timestamp, LogConfig config, long nowMs) {
        boolean tooOld = timestamp < nowMs && nowMs - timestamp > config.timestampBeforeMaxMs();
        boolean tooNew = timestamp > nowMs && timestamp - nowMs > config.timestampAfterMaxMs();
        if (tooOld || tooNew) {
            throw new InvalidTimestampException("timestamp " + timestamp + " is out of range around " + nowMs);
        }
    }

    int batchCount() {
        return batchCount;
    }

    long offsetCount() {
        return offsetCount;
    }

    int recordCount() {
        return recordCount;
    }

    /** Start of the batch with a producer id in the validated buffer, or -1 if there is none. */
    int producerBatchStart() {
        return producerBatchStart;
    }
}
