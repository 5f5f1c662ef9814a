package dev.sluice.storage;

import static dev.sluice.storage.Batches.batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogTimestampTest extends LogTestBase {

    static Stream<Compression> codecs() {
        return LogAppendReadTest.codecs();
    }

    private Log logWithOutOfOrderTimestamps(Compression compression) throws Exception {
        Log log = open(config().indexIntervalBytes(0).segmentBytes(400).build());
        log.append(batch(compression, NOW + 10, NOW + 30, NOW + 20), 0);   // offsets 0-2
        log.append(batch(compression, NOW + 25, NOW + 50, NOW + 40), 0);   // offsets 3-5
        log.append(batch(compression, NOW + 45, NOW + 50, NOW + 60), 0);   // offsets 6-8
        log.append(batch(compression, NOW + 5), 0);                        // offset 9
        return log;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void offsetForTimestampFindsTheEarliestRecordAtOrAfterIt(Compression compression) throws Exception {
        Log log = logWithOutOfOrderTimestamps(compression);

        assertEquals(new Log.TimestampOffset(NOW + 10, 0), log.offsetForTimestamp(NOW));
        assertEquals(new Log.TimestampOffset(NOW + 30, 1), log.offsetForTimestamp(NOW + 11));
        assertEquals(new Log.TimestampOffset(NOW + 30, 1), log.offsetForTimestamp(NOW + 30));
        assertEquals(new Log.TimestampOffset(NOW + 50, 4), log.offsetForTimestamp(NOW + 31));
        assertEquals(new Log.TimestampOffset(NOW + 60, 8), log.offsetForTimestamp(NOW + 51));
        assertNull(log.offsetForTimestamp(NOW + 61));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void maxTimestampIsTheEarliestRecordWithTheLargestTimestamp(Compression compression) throws Exception {
        Log log = open();
        assertNull(log.maxTimestamp());
        log.append(batch(compression, NOW + 10, NOW + 70, NOW + 20), 0);
        log.append(batch(compression, NOW + 70, NOW + 5), 0);

        assertEquals(new Log.TimestampOffset(NOW + 70, 1), log.maxTimestamp());
    }

    @Test
    void maxTimestampSpansSegmentsAndSurvivesRestart() throws Exception {
        Log log = logWithOutOfOrderTimestamps(Compression.lz4().build());
        assertTrue(log.segmentCount() > 1, "segments: " + log.segmentCount());
        assertEquals(new Log.TimestampOffset(NOW + 60, 8), log.maxTimestamp());
        log.close();
        Log reopened = open(config().indexIntervalBytes(0).segmentBytes(400).build());
        assertEquals(new Log.TimestampOffset(NOW + 60, 8), reopened.maxTimestamp());
        assertEquals(new Log.TimestampOffset(NOW + 50, 4), reopened.offsetForTimestamp(NOW + 31));
    }

    @Test
    void offsetForTimestampSkipsRecordsBelowTheLogStart() throws Exception {
        Log log = open();
        log.append(batch(Compression.NONE, NOW + 10, NOW + 30, NOW + 20), 0);
        log.deleteRecordsBefore(2);
        assertEquals(new Log.TimestampOffset(NOW + 20, 2), log.offsetForTimestamp(NOW));
    }

    @Test
    void logAppendTimeBatchesAnswerWithTheirFirstOffset() throws Exception {
        Log log = open(config().logAppendTime(true).build());
        log.append(batch(Compression.gzip().build(), 1L, 2L), 0);
        clock.advance(10);
        log.append(batch(Compression.NONE, 1L, 2L), 0);

        assertEquals(new Log.TimestampOffset(NOW + 10, 2), log.offsetForTimestamp(NOW + 1));
        assertEquals(new Log.TimestampOffset(NOW + 10, 2), log.maxTimestamp());
    }
}
