package dev.sluice.storage;

import static dev.sluice.storage.Batches.batch;
import static dev.sluice.storage.Batches.offsetsOf;
import static dev.sluice.storage.Batches.sized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;

class LogRecoveryTest extends LogTestBase {
    private static final int BATCH = sized(NOW, 200).remaining();
    private static final String FIRST_LOG = "00000000000000000000.log";

    private Log logWithThreeBatches() throws Exception {
        Log log = open(config().indexIntervalBytes(1).build());
        for (int i = 0; i < 3; i++) {
            log.append(sized(NOW + i, 200), 5);
        }
        return log;
    }

    private void truncate(String file, long size) throws Exception {
        try (FileChannel channel = FileChannel.open(dir().resolve(file), StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private void write(String file, long position, byte[] bytes) throws Exception {
        try (FileChannel channel = FileChannel.open(dir().resolve(file), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), position);
        }
    }

    private static List<Long> readAll(Log log) throws Exception {
        return offsetsOf(log.read(log.logStartOffset(), Integer.MAX_VALUE, Long.MAX_VALUE, true));
    }

    @Test
    void appendAfterTornTailRecoversLastCompleteBatch() throws Exception {
        crash(logWithThreeBatches());
        truncate(FIRST_LOG, 2L * BATCH + BATCH / 2);

        Log log = open();

        assertEquals(2, log.logEndOffset());
        assertEquals(2L * BATCH, Files.size(dir().resolve(FIRST_LOG)));
        assertEquals(1, log.segmentsRecoveredOnOpen());
        assertEquals(2, log.append(sized(NOW, 200), 5).firstOffset());
        assertEquals(List.of(0L, 1L, 2L), readAll(log));
    }

    @Test
    void damagedLengthInACleanlyClosedLogIsRecoveredOnOpen() throws Exception {
        Log log = logWithThreeBatches();
        log.close();
        write(FIRST_LOG, 2L * BATCH + 8, new byte[] {0, 0, 0, 0});

        Log reopened = open();

        assertEquals(2, reopened.logEndOffset(), "recovery cut the log at the batch with the damaged length");
        assertEquals(1, reopened.segmentsRecoveredOnOpen());
        assertEquals(List.of(0L, 1L), readAll(reopened));
    }

    @Test
    void damagedLengthInATrustedSegmentFailsReadsInsteadOfLooping() throws Exception {
        Log log = logWithThreeBatches();
        write(FIRST_LOG, BATCH + 8, new byte[] {0, 0, 0, 0});

        // A read walks the headers from where it starts to the nearest index entry before its end; batches
        // between are passed over unread, as Kafka does, and consumers check their CRCs. One that starts at
        // the damaged batch must step over its length.
        assertThrows(LogIOException.class, () -> log.read(1, Integer.MAX_VALUE, Long.MAX_VALUE, true));
    }

    @Test
    void corruptLastBatchIsTruncated() throws Exception {
        crash(logWithThreeBatches());
        write(FIRST_LOG, 2L * BATCH + 100, new byte[] {1, 2, 3});

        Log log = open();

        assertEquals(2, log.logEndOffset());
        assertEquals(List.of(0L, 1L), readAll(log));
    }

    @Test
    void garbageAfterTheLastBatchIsTruncated() throws Exception {
        crash(logWithThreeBatches());
        byte[] garbage = new byte[500];
        new Random(7).nextBytes(garbage);
        write(FIRST_LOG, 3L * BATCH, garbage);

        Log log = open();

        assertEquals(3, log.logEndOffset());
        assertEquals(3L * BATCH, log.sizeInBytes());
    }

    @Test
    void zeroFilledTailIsTruncated() throws Exception {
        crash(logWithThreeBatches());
        write(FIRST_LOG, 3L * BATCH, new byte[4096]);

        Log log = open();

        assertEquals(3, log.logEndOffset());
        assertEquals(3L * BATCH, Files.size(dir().resolve(FIRST_LOG)));
    }

    @Test
    void cleanRestartTrustsFilesWithoutScanning() throws Exception {
        logWithThreeBatches().close();
        assertTrue(Files.exists(dir().resolve(LogLoader.CLEAN_SHUTDOWN_FILE)));

        Log log = open();

        assertFalse(Files.exists(dir().resolve(LogLoader.CLEAN_SHUTDOWN_FILE)));
        assertEquals(0, log.segmentsRecoveredOnOpen());
        assertEquals(0, log.batchesReplayedOnOpen());
        assertEquals(3, log.logEndOffset());
        assertEquals(List.of(1L, 2L), offsetsOf(log.read(1, Integer.MAX_VALUE, Long.MAX_VALUE, true)));
        assertEquals(new Log.TimestampOffset(NOW + 2, 2), log.maxTimestamp());
    }

    @Test
    void closeCutsIndexesToSizeAndReopenGrowsThemBack() throws Exception {
        logWithThreeBatches().close();
        assertEquals(2L * OffsetIndex.ENTRY_SIZE, Files.size(dir().resolve("00000000000000000000.index")));

        Log log = open();
        log.append(sized(NOW, 200), 5);

        assertEquals(MappedIndex.GROWTH_BYTES, Files.size(dir().resolve("00000000000000000000.index")));
        assertEquals(List.of(2L, 3L), offsetsOf(log.read(2, Integer.MAX_VALUE, Long.MAX_VALUE, true)));
    }

    @Test
    void missingIndexFilesAreRebuilt() throws Exception {
        logWithThreeBatches().close();
        Files.delete(dir().resolve("00000000000000000000.index"));
        Files.delete(dir().resolve("00000000000000000000.timeindex"));

        Log log = open(config().indexIntervalBytes(1).build());

        assertEquals(1, log.segmentsRecoveredOnOpen());
        assertEquals(List.of(2L), offsetsOf(log.read(2, Integer.MAX_VALUE, Long.MAX_VALUE, true)));
        assertEquals(new Log.TimestampOffset(NOW + 1, 1), log.offsetForTimestamp(NOW + 1));
    }

    @Test
    void corruptIndexFilesAreRebuilt() throws Exception {
        logWithThreeBatches().close();
        write("00000000000000000000.index", 0, new byte[] {0x7f, 0, 0, 0, 0x7f, 0, 0, 0});

        Log log = open();

        assertEquals(1, log.segmentsRecoveredOnOpen());
        assertEquals(List.of(1L, 2L), offsetsOf(log.read(1, Integer.MAX_VALUE, Long.MAX_VALUE, true)));
    }

    @Test
    void uncleanRestartOnlyRecoversSegmentsAboveTheRecoveryPoint() throws Exception {
        Log log = open(config().segmentBytes(BATCH).build());
        for (int i = 0; i < 4; i++) {
            log.append(sized(NOW, 200), 0);
        }
        awaitRecoveryPoint(3);
        crash(log);

        Log reopened = open(config().segmentBytes(BATCH).build());

        assertEquals(1, reopened.segmentsRecoveredOnOpen());
        assertEquals(4, reopened.logEndOffset());
        assertEquals(4, reopened.segmentCount());
    }

    private void awaitRecoveryPoint(long offset) {
        Path file = dir().resolve(LogLoader.RECOVERY_POINT_FILE);
        Await.until("the recovery point reaches " + offset, () -> {
            try {
                return CheckpointFile.readOffset(file, -1) >= offset;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void corruptionInAnEarlierSegmentDropsEverythingAfterIt() throws Exception {
        Log log = open(config().segmentBytes(2 * BATCH).build());
        for (int i = 0; i < 6; i++) {
            log.append(sized(NOW, 200), 3 + i);
        }
        awaitRecoveryPoint(4);
        crash(log);
        CheckpointFile.writeOffset(dir().resolve(LogLoader.RECOVERY_POINT_FILE), 0);
        write("00000000000000000002.log", BATCH + 70, new byte[] {9, 9, 9});

        Log reopened = open(config().segmentBytes(2 * BATCH).build());

        assertEquals(3, reopened.logEndOffset());
        assertEquals(2, reopened.segmentCount());
        assertFalse(Files.exists(dir().resolve("00000000000000000004.log")));
        assertEquals(new Log.EpochEndOffset(5, 3), reopened.endOffsetForEpoch(5));
        assertEquals(new Log.EpochEndOffset(-1, -1), reopened.endOffsetForEpoch(6));
    }

    @Test
    void flushMessagesMakesAFlushDueAndTheFlushAdvancesTheRecoveryPoint() throws Exception {
        Log log = open(config().flushMessages(2).build());
        log.append(batch(Compression.NONE, NOW), 0);
        Path file = dir().resolve(LogLoader.RECOVERY_POINT_FILE);
        assertFalse(log.flushDue());
        log.append(batch(Compression.NONE, NOW), 0);
        assertTrue(log.flushDue());
        assertEquals(0, CheckpointFile.readOffset(file, -1), "appending never blocks on fsync itself");
        log.flush();
        assertFalse(log.flushDue());
        assertEquals(2, CheckpointFile.readOffset(file, -1));
    }

    @Test
    void maybeFlushByTimeFlushesOnlyWhenDue() throws Exception {
        Log log = open(new LogConfig(1 << 30, Long.MAX_VALUE, -1, -1, 4096, 1 << 20, Long.MAX_VALUE, 1000,
                1_048_588, false, Long.MAX_VALUE, 3_600_000L, 0, LogConfig.defaults().reserveBytes()));
        Path file = dir().resolve(LogLoader.RECOVERY_POINT_FILE);
        log.append(batch(Compression.NONE, NOW), 0);
        log.maybeFlushByTime();
        assertEquals(0, CheckpointFile.readOffset(file, -1));
        clock.advance(1000);
        log.maybeFlushByTime();
        assertEquals(1, CheckpointFile.readOffset(file, -1));
    }

    @Test
    void leftoversAndUnreadableCheckpointsDoNotPreventOpening() throws Exception {
        logWithThreeBatches().close();
        Files.write(dir().resolve("00000000000000000099.index"), new byte[16]);
        Files.write(dir().resolve("00000000000000000050.log.deleted"), new byte[16]);
        Files.write(dir().resolve("00000000000000000003.snapshot.tmp"), new byte[16]);
        Files.write(dir().resolve("notes.log"), new byte[16]);
        Files.writeString(dir().resolve(LeaderEpochCache.FILE_NAME), "0\n1\nnot an epoch\n");

        Log log = open();

        assertFalse(Files.exists(dir().resolve("00000000000000000099.index")));
        assertFalse(Files.exists(dir().resolve("00000000000000000050.log.deleted")));
        assertFalse(Files.exists(dir().resolve("00000000000000000003.snapshot.tmp")));
        assertEquals(0, log.segmentsRecoveredOnOpen());
        assertEquals(3, log.logEndOffset());
        assertEquals(new Log.EpochEndOffset(-1, -1), log.endOffsetForEpoch(5));
    }
}
