package dev.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;

class IdempotentProducerTest extends LogTestBase {
    private static final long PID = 42L;

    private static ByteBuffer produce(short epoch, int baseSequence, int records) {
        long[] timestamps = new long[records];
        Arrays.fill(timestamps, NOW);
        return Batches.idempotent(Compression.NONE, PID, epoch, baseSequence, timestamps);
    }

    @Test
    void retriedBatchIsADuplicateReportingTheOriginalOffsets() throws Exception {
        Log log = open();
        log.append(Batches.batch(Compression.NONE, NOW), 0);
        Log.AppendResult first = log.append(produce((short) 0, 0, 3), 0);
        log.append(produce((short) 0, 3, 2), 0);

        Log.AppendResult retry = log.append(produce((short) 0, 0, 3), 0);

        assertTrue(retry.duplicate());
        assertEquals(1, retry.firstOffset());
        assertEquals(3, retry.lastOffset());
        assertEquals(first.firstOffset(), retry.firstOffset());
        assertEquals(6, log.logEndOffset());
    }

    @Test
    void onlyTheLastFiveBatchesAreRememberedForDuplicates() throws Exception {
        Log log = open();
        for (int seq = 0; seq < 6; seq++) {
            log.append(produce((short) 0, seq, 1), 0);
        }
        assertTrue(log.append(produce((short) 0, 1, 1), 0).duplicate());
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(produce((short) 0, 0, 1), 0));
    }

    @Test
    void sequenceGapIsOutOfOrder() throws Exception {
        Log log = open();
        log.append(produce((short) 0, 0, 2), 0);
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(produce((short) 0, 3, 1), 0));
        assertEquals(2, log.logEndOffset());
        assertFalse(log.append(produce((short) 0, 2, 1), 0).duplicate());
    }

    @Test
    void unknownProducerAcceptsAnySequence() throws Exception {
        Log log = open();
        Log.AppendResult result = log.append(produce((short) 3, 17, 2), 0);
        assertFalse(result.duplicate());
        assertEquals(2, log.logEndOffset());
    }

    @Test
    void olderEpochIsFencedAndNewerEpochMustRestartAtZero() throws Exception {
        Log log = open();
        log.append(produce((short) 2, 0, 1), 0);
        assertThrows(InvalidProducerEpochException.class, () -> log.append(produce((short) 1, 1, 1), 0));
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(produce((short) 3, 1, 1), 0));
        log.append(produce((short) 3, 0, 1), 0);
        assertThrows(InvalidProducerEpochException.class, () -> log.append(produce((short) 2, 1, 1), 0));
    }

    @Test
    void sequenceWrapsAfterIntegerMaxValue() throws Exception {
        Log log = open();
        log.append(produce((short) 0, Integer.MAX_VALUE - 1, 2), 0);
        Log.AppendResult next = log.append(produce((short) 0, 0, 1), 0);
        assertFalse(next.duplicate());
        assertEquals(2, next.firstOffset());
    }

    @Test
    void duplicatesAreDetectedAfterACleanRestart() throws Exception {
        Log log = open();
        log.append(produce((short) 0, 0, 2), 0);
        log.close();

        Log reopened = open();
        Log.AppendResult retry = reopened.append(produce((short) 0, 0, 2), 0);

        assertTrue(retry.duplicate());
        assertEquals(0, retry.firstOffset());
        assertEquals(0, reopened.batchesReplayedOnOpen());
        assertThrows(OutOfOrderSequenceException.class, () -> reopened.append(produce((short) 0, 5, 1), 0));
    }

    @Test
    void duplicatesAreDetectedAfterAnUncleanRestart() throws Exception {
        int batchSize = produce((short) 0, 0, 1).remaining();
        LogConfig config = config().segmentBytes(batchSize * 2).build();
        Log log = open(config);
        for (int seq = 0; seq < 5; seq++) {
            log.append(produce((short) 0, seq, 1), 0);
        }
        crash(log);

        Log reopened = open(config);
        Log.AppendResult retry = reopened.append(produce((short) 0, 4, 1), 0);

        assertTrue(retry.duplicate());
        assertEquals(4, retry.firstOffset());
        assertTrue(reopened.batchesReplayedOnOpen() > 0);
        assertEquals(5, reopened.append(produce((short) 0, 5, 1), 0).firstOffset());
    }

    @Test
    void retryAfterTheTornTailLostItsBatchIsWrittenOnceAgain() throws Exception {
        Log log = open();
        for (int seq = 0; seq < 6; seq += 2) {
            log.append(produce((short) 0, seq, 2), 0);
        }
        crash(log);
        Path segment = dir().resolve("00000000000000000000.log");
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10);
        }

        Log reopened = open();

        assertEquals(4, reopened.logEndOffset());
        assertTrue(reopened.append(produce((short) 0, 2, 2), 0).duplicate());
        Log.AppendResult lost = reopened.append(produce((short) 0, 4, 2), 0);
        assertFalse(lost.duplicate());
        assertEquals(4, lost.firstOffset());
        assertTrue(reopened.append(produce((short) 0, 4, 2), 0).duplicate());
    }

    @Test
    void corruptSnapshotFallsBackToReplayingTheLog() throws Exception {
        Log log = open();
        log.append(produce((short) 0, 0, 1), 0);
        log.close();
        Files.write(ProducerSnapshots.file(dir(), 1), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});

        Log reopened = open();

        assertEquals(1, reopened.batchesReplayedOnOpen());
        assertTrue(reopened.append(produce((short) 0, 0, 1), 0).duplicate());
    }
}
