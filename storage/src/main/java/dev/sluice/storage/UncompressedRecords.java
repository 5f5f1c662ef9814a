package dev.sluice.storage;

import java.nio.ByteBuffer;

/**
 * Cursor over the records of an uncompressed v2 batch, decoding only the framing fields (length, timestamp
 * delta, offset delta) with zig-zag varints; keys, values and headers are skipped. Reused across batches to
 * avoid allocation. Not thread-safe.
 */
final class UncompressedRecords {
    private ByteBuffer buffer;
    private int cursor;
    private int end;
    private long timestampDelta;
    private int offsetDelta;

    void reset(ByteBuffer buffer, int recordsStart, int recordsEnd) {
        this.buffer = buffer;
        this.cursor = recordsStart;
        this.end = recordsEnd;
    }

    boolean hasRemaining() {
        return cursor < end;
    }

    /** Decodes the next record's framing and moves past it; throws CorruptBatchException if it overruns. */
    void next() {
        int length = readVarint();
        int recordStart = cursor;
        if (length <= 0 || length > end - recordStart) {
            throw new InvalidRecordException("record length " + length + " overruns its batch");
        }
        cursor++; // attributes
        timestampDelta = readVarlong();
        offsetDelta = readVarint();
        if (cursor > recordStart + length) {
            throw new InvalidRecordException("record header overruns its length " + length);
        }
        cursor = recordStart + length;
    }

    long timestampDelta() {
        return timestampDelta;
    }

    int offsetDelta() {
        return offsetDelta;
    }

    private int readVarint() {
        long value = readVarlong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidRecordException("varint out of int range");
        }
        return (int) value;
    }

    private long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (cursor >= end) {
                throw new InvalidRecordException("varint runs past the end of its batch");
            }
            byte b = buffer.get(cursor++);
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new InvalidRecordException("varint longer than 10 bytes");
    }
}
