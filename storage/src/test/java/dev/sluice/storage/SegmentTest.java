package dev.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final LogConfig EVERY_BATCH_INDEXED = new ConfigBuilder().indexIntervalBytes(0).build();

    @TempDir
    Path dir;

    private static ByteBuffer batchAt(long baseOffset) {
        ByteBuffer batch = Batches.batch(Compression.NONE, NOW, NOW);
        new RecordBatchView().wrap(batch, 0).setBaseOffset(baseOffset);
        return batch;
    }

    @Test
    void rollsBeforeARelativeOffsetWouldOverflowAnInt() throws Exception {
        Segment segment = Segment.create(dir, 100, 4096);
        segment.append(batchAt(100), new RecordBatchView(), 1, LogConfig.defaults(), NOW);
        LogConfig config = LogConfig.defaults();

        assertFalse(segment.shouldRoll(config, 100, 1, 100L + Integer.MAX_VALUE, NOW));
        assertTrue(segment.shouldRoll(config, 100, 1, 101L + Integer.MAX_VALUE, NOW));
        segment.close();
    }

    @Test
    void emptySegmentNeverRolls() throws Exception {
        Segment segment = Segment.create(dir, 0, 24);
        assertFalse(segment.shouldRoll(LogConfig.defaults(), Integer.MAX_VALUE, 100, Long.MAX_VALUE / 2, NOW));
        segment.close();
    }

    @Test
    void preallocatedIndexLeftByACrashIsNotTrusted() throws Exception {
        Segment segment = Segment.create(dir, 0, 4096);
        RecordBatchView view = new RecordBatchView();
        for (int i = 0; i < 4; i++) {
            segment.append(batchAt(2L * i), view, 1, EVERY_BATCH_INDEXED, NOW);
        }
        Segment reopened = Segment.open(dir, 0);

        assertFalse(reopened.indexesLookSane(-1));
        assertEquals(0, reopened.recover(0, 4096).truncatedBytes());
        assertEquals(8, reopened.nextOffset());
        segment.close();
        reopened.close();
    }

    @Test
    void trimmedIndexesAreTrustedAndLocateBatches() throws Exception {
        Segment segment = Segment.create(dir, 0, 4096);
        RecordBatchView view = new RecordBatchView();
        for (int i = 0; i < 4; i++) {
            segment.append(batchAt(2L * i), view, 1, EVERY_BATCH_INDEXED, NOW + i);
        }
        segment.onBecomeInactive();
        segment.close();

        Segment reopened = Segment.open(dir, 0);

        assertTrue(reopened.indexesLookSane(-1));
        assertEquals(8, reopened.nextOffset());
        Log.ReadResult read = reopened.read(5, Integer.MAX_VALUE, Long.MAX_VALUE, false);
        assertEquals(2 * batchAt(0).remaining(), read.position());
        reopened.close();
    }

    @Test
    void activeIndexFilesGrowInStepsWithTheirEntriesUpToTheConfiguredSize() throws Exception {
        int indexBytes = MappedIndex.GROWTH_BYTES + 4096;
        int capacity = indexBytes / OffsetIndex.ENTRY_SIZE;
        Segment segment = Segment.create(dir, 0, indexBytes);
        Path offsetIndex = dir.resolve("00000000000000000000.index");
        Path timeIndex = dir.resolve("00000000000000000000.timeindex");
        assertEquals(0, Files.size(offsetIndex));

        RecordBatchView view = new RecordBatchView();
        int batchBytes = batchAt(0).remaining();
        segment.append(batchAt(0), view, 1, EVERY_BATCH_INDEXED, NOW);
        assertEquals(MappedIndex.GROWTH_BYTES, Files.size(offsetIndex));
        assertEquals(MappedIndex.GROWTH_BYTES, Files.size(timeIndex));

        // The first batch makes no entry: one is made once more than index.interval.bytes (0) went unindexed.
        for (int i = 1; i <= capacity; i++) {
            segment.append(batchAt(2L * i), view, 1, EVERY_BATCH_INDEXED, NOW);
        }
        assertEquals(indexBytes, Files.size(offsetIndex));
        // Every batch has the same timestamp: one time-index entry, so that file never grew.
        assertEquals(MappedIndex.GROWTH_BYTES, Files.size(timeIndex));
        long beyondFirstStep = 2L * (MappedIndex.GROWTH_BYTES / OffsetIndex.ENTRY_SIZE + 5);
        Log.ReadResult read = segment.read(beyondFirstStep, Integer.MAX_VALUE, Long.MAX_VALUE, false);
        assertEquals(beyondFirstStep / 2 * batchBytes, read.position());
        assertTrue(segment.shouldRoll(LogConfig.defaults(), batchBytes, 1, 2L * capacity + 2, NOW));
        segment.close();
    }
}
