package dev.sluice.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sparse `.index` file: entries of (relative offset int32, file position int32), both strictly increasing,
 * one per indexIntervalBytes of log data. The offset of an entry is the last offset of the batch starting at
 * its position. Single writer, concurrent readers (see {@link MappedIndex}).
 */
final class OffsetIndex extends MappedIndex {
    static final int ENTRY_SIZE = 8;

    OffsetIndex(Path file, long baseOffset, int maxBytes, boolean keepEntries) throws IOException {
        super(file, baseOffset, ENTRY_SIZE, maxBytes, keepEntries);
    }

    void append(long offset, int position) {
        int at = nextEntryPosition();
        buffer().putInt(at, relative(offset));
        buffer().putInt(at + 4, position);
        publishEntry();
    }

    @Override
    long keyAt(int slot) {
        return baseOffset() + buffer().getInt(slot * ENTRY_SIZE);
    }

    int positionAt(int slot) {
        return buffer().getInt(slot * ENTRY_SIZE + 4);
    }

    /** File position from which a scan finds the batch holding {@code offset}: a batch start at or before it. */
    int lookup(long offset) {
        int slot = floorSlot(offset, false);
        return slot < 0 ? 0 : positionAt(slot);
    }

    /**
     * Position of the last indexed batch start at or below {@code maxPosition} whose batch ends below
     * {@code belowOffset}, or -1 when there is none.
     */
    int lastBatchStartBefore(int maxPosition, long belowOffset) {
        // Offsets and positions both increase with the slot, so the slots that qualify are a prefix.
        int low = 0;
        int high = entries() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (positionAt(mid) <= maxPosition && keyAt(mid) < belowOffset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? -1 : positionAt(found);
    }

    /** True when entries are strictly increasing, positive and inside a log of {@code logSize} bytes. */
    boolean isSane(long logSize) {
        long previousOffset = -1;
        int previousPosition = 0;
        for (int slot = 0; slot < entries(); slot++) {
            long offset = buffer().getInt(slot * ENTRY_SIZE);
            int position = positionAt(slot);
            if (offset <= previousOffset || position <= previousPosition || position >= logSize) {
                return false;
            }
            previousOffset = offset;
            previousPosition = position;
        }
        return true;
    }
}
