package dev.sluice.storage;

import java.nio.ByteBuffer;

/** The records of an uncompressed v2 batch, walked in place in a buffer. Reused across batches; not thread-safe. */
final class UncompressedRecords extends RecordWalk {
    private ByteBuffer buffer;
    private int start;
    private int cursor;
    private int end;

    void reset(ByteBuffer buffer, int recordsStart, int recordsEnd) {
        this.buffer = buffer;
        this.start = recordsStart;
        this.cursor = recordsStart;
        this.end = recordsEnd;
    }

    @Override
    boolean hasMore() {
        return cursor < end;
    }

    @Override
    byte readByte() {
        if (cursor >= end) {
            throw pastTheEnd();
        }
        return buffer.get(cursor++);
    }

    @Override
    void skip(int count) {
        if (count > end - cursor) {
            throw pastTheEnd();
        }
        cursor += count;
    }

    private static InvalidRecordException pastTheEnd() {
        return new InvalidRecordException("record runs past the end of its batch");
    }

    @Override
    long consumed() {
        return cursor - start;
    }
}
