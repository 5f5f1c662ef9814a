package dev.sluice.storage;

import static dev.sluice.storage.Batches.batch;
import static dev.sluice.storage.Batches.offsetsOf;
import static dev.sluice.storage.Batches.sized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;

class LogRollRetentionTest extends LogTestBase {
    private static final int BATCH = sized(NOW, 200).remaining();

    private List<String> files(String suffix) throws IOException {
        try (Stream<Path> listing = Files.list(dir())) {
            return listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    private void awaitNoFiles(String suffix) {
        Await.until("no " + suffix + " files remain", () -> {
            try {
                return files(suffix).isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void rollsWhenTheSegmentWouldExceedSegmentBytes() throws Exception {
        Log log = open(config().segmentBytes(BATCH * 2 + 10).build());
        for (int i = 0; i < 5; i++) {
            log.append(sized(NOW, 200), 0);
        }
        assertEquals(3, log.segmentCount());
        assertEquals(List.of("00000000000000000000.log", "00000000000000000002.log", "00000000000000000004.log"),
                files(".log"));
        assertEquals(List.of("00000000000000000002.snapshot", "00000000000000000004.snapshot"), files(".snapshot"));
    }

    @Test
    void rolledSegmentIndexesAreTrimmedAndActiveOnePreallocated() throws Exception {
        Log log = open(config().segmentBytes(BATCH * 2 + 10).segmentIndexBytes(4096).indexIntervalBytes(1).build());
        for (int i = 0; i < 3; i++) {
            log.append(sized(NOW, 200), 0);
        }
        assertEquals(8, Files.size(dir().resolve("00000000000000000000.index")));
        assertEquals(12, Files.size(dir().resolve("00000000000000000000.timeindex")));
        assertEquals(4096, Files.size(dir().resolve("00000000000000000002.index")));
        assertEquals(4092, Files.size(dir().resolve("00000000000000000002.timeindex")));
    }

    @Test
    void rollsWhenSegmentMsElapsedSinceTheFirstAppend() throws Exception {
        Log log = open(config().segmentMs(1000).build());
        log.append(batch(Compression.NONE, NOW), 0);
        clock.advance(999);
        log.append(batch(Compression.NONE, NOW), 0);
        assertEquals(1, log.segmentCount());
        clock.advance(1);
        log.append(batch(Compression.NONE, NOW), 0);
        assertEquals(2, log.segmentCount());
    }

    @Test
    void retentionRollsAnIdleSegmentBySegmentMs() throws Exception {
        Log log = open(config().segmentMs(1000).build());
        log.append(batch(Compression.NONE, NOW), 0);
        clock.advance(1000);
        assertEquals(0, log.enforceRetention());
        assertEquals(2, log.segmentCount());
    }

    @Test
    void rollsWhenTheOffsetIndexIsFull() throws Exception {
        Log log = open(config().indexIntervalBytes(0).segmentIndexBytes(24).build());
        for (int i = 0; i < 6; i++) {
            log.append(batch(Compression.NONE, NOW + i), 0);
        }
        assertTrue(log.segmentCount() >= 2, "segments: " + log.segmentCount());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), allOffsets(log));
    }

    private static List<Long> allOffsets(Log log) throws Exception {
        List<Long> offsets = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            List<Long> chunk = offsetsOf(log.read(next, Integer.MAX_VALUE, Long.MAX_VALUE, true));
            offsets.addAll(chunk.stream().filter(o -> o >= log.logStartOffset()).toList());
            next = chunk.get(chunk.size() - 1) + 1;
        }
        return offsets;
    }

    @Test
    void retentionByTimeDeletesExpiredInactiveSegments() throws Exception {
        Log log = open(config().segmentBytes(BATCH + 10).retentionMs(10_000).fileDeleteDelayMs(0).build());
        log.append(sized(NOW - 20_000, 200), 0);
        log.append(sized(NOW - 5_000, 200), 0);
        log.append(sized(NOW - 30_000, 200), 0);

        assertEquals(1, log.enforceRetention());
        assertEquals(1, log.logStartOffset());
        assertEquals(2, log.segmentCount());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(0, 1000, Long.MAX_VALUE, true));
        awaitNoFiles(".deleted");
        assertFalse(Files.exists(dir().resolve("00000000000000000000.log")));
        assertEquals(1, CheckpointFile.readOffset(dir().resolve(LogLoader.LOG_START_FILE), -1));
    }

    @Test
    void retentionByBytesKeepsTheNewestSegmentsWithinTheLimit() throws Exception {
        Log log = open(config().segmentBytes(BATCH + 10).retentionBytes(2L * BATCH).fileDeleteDelayMs(0).build());
        for (int i = 0; i < 5; i++) {
            log.append(sized(NOW, 200), 0);
        }
        assertEquals(3, log.enforceRetention());
        assertEquals(2L * BATCH, log.sizeInBytes());
        assertEquals(3, log.logStartOffset());
        assertEquals(List.of(3L, 4L), allOffsets(log));
    }

    @Test
    void deletedSegmentsStayReadableUntilTheDeleteDelay() throws Exception {
        Log log = open(config().segmentBytes(BATCH + 10).retentionBytes(BATCH).build());
        log.append(sized(NOW, 200), 0);
        log.append(sized(NOW, 200), 0);
        Log.ReadResult inFlight = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true);

        assertEquals(1, log.enforceRetention());

        assertEquals(List.of("00000000000000000000.index.deleted", "00000000000000000000.log.deleted",
                "00000000000000000000.timeindex.deleted"), files(".deleted"));
        assertEquals(List.of(0L), offsetsOf(inFlight));
    }

    @Test
    void deleteRecordsMovesTheStartAndDropsWholeSegmentsBelowIt() throws Exception {
        Log log = open(config().segmentBytes(BATCH * 2 + 10).build());
        for (int i = 0; i < 5; i++) {
            log.append(sized(NOW, 200), 0);
        }
        assertEquals(3, log.deleteRecordsBefore(3));
        assertEquals(2, log.segmentCount());
        assertEquals(3, log.logStartOffset());
        assertEquals(List.of(3L, 4L), allOffsets(log));
        assertEquals(3, log.deleteRecordsBefore(1));
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(6));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(2, 1000, Long.MAX_VALUE, true));

        log.close();
        Log reopened = open();
        assertEquals(3, reopened.logStartOffset());
        assertEquals(5, reopened.logEndOffset());
    }

    @Test
    void deleteRecordsUpToTheLogEndSurvivesRestart() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW), 0);
        assertEquals(2, log.deleteRecordsBefore(2));
        assertEquals(0, log.read(2, 1000, Long.MAX_VALUE, true).size());
        log.close();

        Log reopened = open();
        assertEquals(2, reopened.logStartOffset());
        assertEquals(2, reopened.logEndOffset());
        assertEquals(2, reopened.append(batch(Compression.NONE, NOW), 0).firstOffset());
    }

    @Test
    void deleteRemovesTheDirectory() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW, NOW), 0);
        log.delete();
        assertFalse(Files.exists(dir()));
    }
}
