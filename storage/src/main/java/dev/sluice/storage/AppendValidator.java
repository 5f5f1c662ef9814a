package dev.sluice.storage;

import java.nio.ByteBuffer;

/**
 * Checks the batches of one append before anything is written: framing, magic, CRC, size limit, record
 * counts, timestamps, and the producer rules. Compressed batches are checked by header and CRC only (the
 * CRC covers the compressed records); they are never decompressed on the append path.
 */
final class AppendValidator {
    /** What an append carries, known once it is valid. */
    record Summary(int batches, long records, int producerBatches, int totalBytes) {
    }

    private AppendValidator() {
    }

    static Summary validate(ByteBuffer buf, LogConfig config, long nowMs) {
        int pos = buf.position();
        int end = buf.limit();
        int batches = 0;
        long records = 0;
        int producerBatches = 0;
        while (pos < end) {
            if (end - pos < Batches.HEADER_SIZE) {
                throw new CorruptBatchException("Record batch at byte " + pos + " is truncated: " + (end - pos)
                        + " bytes left, a batch header alone is " + Batches.HEADER_SIZE);
            }
            int size = Batches.size(buf, pos);
            if (size < Batches.HEADER_SIZE || size > end - pos) {
                throw new CorruptBatchException("Record batch at byte " + pos + " declares " + size
                        + " bytes but " + (end - pos) + " remain");
            }
            if (Batches.magic(buf, pos) != Batches.MAGIC) {
                throw new UnsupportedMagicException("Record batch has magic " + Batches.magic(buf, pos)
                        + "; only magic 2 (Kafka 0.11+) is accepted");
            }
            if (size > config.maxMessageBytes()) {
                throw new BatchTooLargeException("Record batch of " + size + " bytes exceeds max.message.bytes ("
                        + config.maxMessageBytes() + ")");
            }
            if (Batches.computeCrc(buf, pos, size) != Batches.storedCrc(buf, pos)) {
                throw new CorruptBatchException("Record batch fails its CRC check (stored " + Batches.storedCrc(buf, pos)
                        + ", computed " + Batches.computeCrc(buf, pos, size) + ")");
            }
            checkContents(buf, pos, size);
            checkTimestamps(buf, pos, config, nowMs);
            if (Batches.producerId(buf, pos) >= 0) {
                producerBatches++;
            }
            records += Batches.recordCount(buf, pos);
            batches++;
            pos += size;
        }
        if (batches == 0) {
            throw new InvalidRecordException("Append contains no record batch");
        }
        if (producerBatches > 0 && batches > 1) {
            throw new InvalidRecordException("Idempotent producers must send exactly one batch per partition, got "
                    + batches);
        }
        return new Summary(batches, records, producerBatches, end - buf.position());
    }

    private static void checkContents(ByteBuffer buf, int pos, int size) {
        if (Batches.isControl(buf, pos)) {
            throw new InvalidRecordException("Control batches cannot be produced by clients");
        }
        if (Batches.isTransactional(buf, pos)) {
            throw new InvalidRecordException("Transactional batches are not accepted: this broker runs no transaction coordinator");
        }
        int count = Batches.recordCount(buf, pos);
        if (count <= 0 || Batches.lastOffsetDelta(buf, pos) != count - 1) {
            throw new InvalidRecordException("Record batch has " + count + " records but a last offset delta of "
                    + Batches.lastOffsetDelta(buf, pos));
        }
        if (Batches.compression(buf, pos) == 0 && !Batches.recordsFit(buf, pos, size, count)) {
            throw new InvalidRecordException("Record batch records do not add up to the declared " + count
                    + " records of " + (size - Batches.HEADER_SIZE) + " bytes");
        }
    }

    private static void checkTimestamps(ByteBuffer buf, int pos, LogConfig config, long nowMs) {
        if (config.logAppendTime()) {
            return;
        }
        checkTimestamp(Batches.baseTimestamp(buf, pos), config, nowMs);
        checkTimestamp(Batches.maxTimestamp(buf, pos), config, nowMs);
    }

    private static void checkTimestamp(long ts, LogConfig config, long nowMs) {
        if (config.timestampBeforeMaxMs() != Long.MAX_VALUE && ts < nowMs - config.timestampBeforeMaxMs()) {
            throw new InvalidTimestampException("Timestamp " + ts + " is more than message.timestamp.before.max.ms ("
                    + config.timestampBeforeMaxMs() + ") before the broker's time " + nowMs);
        }
        if (config.timestampAfterMaxMs() != Long.MAX_VALUE && ts > nowMs + config.timestampAfterMaxMs()) {
            throw new InvalidTimestampException("Timestamp " + ts + " is more than message.timestamp.after.max.ms ("
                    + config.timestampAfterMaxMs() + ") after the broker's time " + nowMs);
        }
    }
}
