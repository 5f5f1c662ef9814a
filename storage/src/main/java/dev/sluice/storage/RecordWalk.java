package dev.sluice.storage;

/**
 * Walks the records of a v2 batch through their whole structure, as a consumer parses them: length,
 * attributes, timestamp and offset deltas (zig-zag varints), key, value, and headers, which together must fill
 * the record's length exactly. Keys, values and header contents are skipped, never copied. Subclasses supply
 * the bytes (a buffer, or a decompressing stream); instances are reused, not thread-safe. Failures are built
 * in separate methods so that the walk itself stays small enough for the JIT to inline.
 */
abstract class RecordWalk {
    /** Receives each record's absolute offset and timestamp; returns false to stop the walk. */
    @FunctionalInterface
    interface RecordVisitor {
        boolean visit(long offset, long timestampMs);
    }

    private long recordEnd;
    private long timestampDelta;
    private long oldestTimestampDelta;
    private int offsetDelta;

    /** The next byte; throws InvalidRecordException where the records end. */
    abstract byte readByte();

    /** Moves past {@code count} bytes; throws InvalidRecordException where the records end first. */
    abstract void skip(int count);

    /** Bytes walked since the records began. */
    abstract long consumed();

    /** Whether another record follows. */
    abstract boolean hasMore();

    /**
     * Walks all the records of a produced batch: exactly {@code count} of them, with offset deltas 0, 1, 2, ...
     * Throws InvalidRecordException otherwise. Notes the oldest timestamp delta on the way.
     */
    final void walkAll(int count) {
        oldestTimestampDelta = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            if (!hasMore()) {
                throw new InvalidRecordException("batch declares " + count + " records but holds " + i);
            }
            next();
            oldestTimestampDelta = Math.min(oldestTimestampDelta, timestampDelta);
            if (offsetDelta != i) {
                throw new InvalidRecordException("record " + i + " has offset delta " + offsetDelta);
            }
        }
        if (hasMore()) {
            throw new InvalidRecordException("batch holds more records than the " + count + " it declares");
        }
    }

    /** Walks the remaining records, handing each to {@code visitor} until it returns false. */
    final void visitAll(long baseOffset, long baseTimestamp, RecordVisitor visitor) {
        while (hasMore()) {
            next();
            if (!visitor.visit(baseOffset + offsetDelta, baseTimestamp + timestampDelta)) {
                return;
            }
        }
    }

    /** Walks the next record; throws InvalidRecordException if its structure does not add up. */
    final void next() {
        int length = readVarint();
        if (length <= 0) {
            throw invalid("record length", length);
        }
        recordEnd = consumed() + length;
        readByte(); // attributes: no bits are defined for records
        timestampDelta = readVarlong();
        offsetDelta = readVarint();
        skipBytesField(true);
        skipBytesField(true);
        int headers = readVarint();
        if (headers < 0) {
            throw invalid("header count", headers);
        }
        for (int i = 0; i < headers; i++) {
            skipBytesField(false);
            skipBytesField(true);
        }
        if (consumed() != recordEnd) {
            throw invalid("record fields do not fill the record length", length);
        }
    }

    long timestampDelta() {
        return timestampDelta;
    }

    int offsetDelta() {
        return offsetDelta;
    }

    /** The smallest timestamp delta of the records {@link #walkAll} walked. */
    long oldestTimestampDelta() {
        return oldestTimestampDelta;
    }

    /** A varint length followed by that many bytes (key, value, header key or value); negative means null. */
    private void skipBytesField(boolean nullable) {
        int size = readVarint();
        if (size > 0 && size <= recordEnd - consumed()) {
            skip(size);
        } else if (size > 0 || (size < 0 && !nullable)) {
            throw invalid("key, value or header length overruns its record or is negative", size);
        }
    }

    private int readVarint() {
        long value = readVarlong();
        if ((int) value != value) {
            throw invalid("varint out of int range", value);
        }
        return (int) value;
    }

    private long readVarlong() {
        byte first = readByte();
        if (first >= 0) {
            return (first >>> 1) ^ -(first & 1);
        }
        long raw = first & 0x7f;
        for (int shift = 7; shift < 64; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("varint longer than 10 bytes", raw);
    }

    private static InvalidRecordException invalid(String what, long value) {
        return new InvalidRecordException(what + ": " + value);
    }
}
