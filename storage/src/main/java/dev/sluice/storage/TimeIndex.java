package dev.sluice.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * `.timeindex` file: entries of (timestamp int64, relative offset int32). An entry (T, O) says the largest
 * timestamp of the segment up to and including the batch whose last offset is O is T; timestamps strictly
 * increase. Single writer, concurrent readers (see {@link MappedIndex}).
 */
final class TimeIndex extends MappedIndex {
    static final int ENTRY_SIZE = 12;

    TimeIndex(Path file, long baseOffset, int maxBytes, boolean keepEntries) throws IOException {
        super(file, baseOffset, ENTRY_SIZE, maxBytes, keepEntries);
    }

    /** Appends (timestamp, offset) unless it would not raise the largest indexed timestamp. */
    void maybeAppend(long timestamp, long offset) {
        int count = entries();
        if ((count > 0 && timestamp <= keyAt(count - 1)) || !hasRoomFor(1)) {
            return;
        }
        int at = nextEntryPosition();
        buffer().putLong(at, timestamp);
        buffer().putInt(at + 8, relative(offset));
        publishEntry();
    }

    @Override
    long keyAt(int slot) {
        return buffer().getLong(slot * ENTRY_SIZE);
    }

    long offsetAt(int slot) {
        return baseOffset() + buffer().getInt(slot * ENTRY_SIZE + 8);
    }

    /** Offset after which a record with timestamp >= target may first appear, or the base offset. */
    long offsetBefore(long timestamp) {
        int slot = floorSlot(timestamp, true);
        return slot < 0 ? baseOffset() : offsetAt(slot);
    }

    /** True when timestamps and offsets increase and offsets stay below {@code nextOffset}. */
    boolean isSane(long nextOffset) {
        long previousTimestamp = Long.MIN_VALUE;
        long previousOffset = baseOffset() - 1;
        for (int slot = 0; slot < entries(); slot++) {
            long timestamp = keyAt(slot);
            long offset = offsetAt(slot);
            if ((slot > 0 && timestamp <= previousTimestamp) || offset < previousOffset || offset >= nextOffset) {
                return false;
            }
            previousTimestamp = timestamp;
            previousOffset = offset;
        }
        return true;
    }
}
