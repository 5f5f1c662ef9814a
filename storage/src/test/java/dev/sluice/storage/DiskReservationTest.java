package dev.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disk space reserved past the active segment's end: used by appends, given back at the seal, unseen by reads. */
class DiskReservationTest extends LogTestBase {
    private static final int VALUE_BYTES = 16 * 1024;
    private static final long STEP = 1 << 20;
    private static final long PAGE = 4096;

    @BeforeEach
    void onExt4() {
        assumeTrue(DiskReservation.supported(dir()), "space is reserved on ext4 only");
    }

    /** Bytes the file system holds for {@code file}: its blocks, reserved ones included. */
    private static long allocated(Path file) {
        try {
            Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true)
                    .start();
            String[] out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split(" ");
            assertTrue(stat.waitFor(10, TimeUnit.SECONDS) && stat.exitValue() == 0, String.join(" ", out));
            return Long.parseLong(out[0]) * Long.parseLong(out[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long roundedToPages(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
    }

    private Path segmentFile(long baseOffset) {
        return dir().resolve(Segment.fileName(baseOffset, Segment.LOG_SUFFIX));
    }

    private static void append(Log log) {
        log.append(Batches.sized(NOW, VALUE_BYTES), 0);
    }

    /** Appends until {@code file}, the log's active segment, holds at least {@code bytes} past its end. */
    private static void appendUntilReserved(Log log, Path file, long bytes) {
        Await.until("the segment holds " + bytes + " bytes past its end", () -> {
            append(log);
            try {
                return allocated(file) - Files.size(file) >= bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void appendsWriteIntoReservedSpaceThatTheSealGivesBack() throws Exception {
        Log log = open(config().segmentMs(1000).reserveBytes(STEP).build());
        Path first = segmentFile(0);
        appendUntilReserved(log, first, STEP / 2);
        assertEquals(log.sizeInBytes(), Files.size(first), "the file's length is its records only");

        long firstSegmentEnd = log.logEndOffset();
        clock.advance(1000);
        append(log);
        assertEquals(2, log.segmentCount());
        long sealed = Files.size(first);
        assertTrue(allocated(first) <= roundedToPages(sealed), "sealed at " + sealed + " bytes, holds "
                + allocated(first));
        Path second = segmentFile(firstSegmentEnd);
        assertTrue(allocated(second) >= STEP, "the new segment reserves at its first append: "
                + allocated(second));

        log.close();
        assertTrue(allocated(second) <= roundedToPages(Files.size(second)), "a clean shutdown gives space back");
        Log reopened = open(LogConfig.defaults());
        assertEquals(firstSegmentEnd + 1, reopened.logEndOffset());
        assertEquals(firstSegmentEnd, Batches.offsetsOf(reopened.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true))
                .size());
        assertEquals(List.of(firstSegmentEnd), Batches.offsetsOf(reopened.read(firstSegmentEnd, Integer.MAX_VALUE,
                Long.MAX_VALUE, true)));
    }

    @Test
    void preallocatedSegmentsReserveTheirWholeSize() throws Exception {
        long segmentBytes = 16 << 20;
        Log log = open(config().segmentBytes((int) segmentBytes).reserveBytes(segmentBytes).build());
        Path file = segmentFile(0);
        appendUntilReserved(log, file, segmentBytes / 2);
        assertTrue(allocated(file) >= segmentBytes, "holds " + allocated(file));
        assertEquals(log.sizeInBytes(), Files.size(file));
    }

    @Test
    void aZeroStepReservesNothing() throws Exception {
        Log reserving = Log.open(root.resolve("reserving-0"), config().reserveBytes(STEP).build(), clock,
                background);
        appendUntilReserved(reserving, root.resolve("reserving-0").resolve(Segment.fileName(0, Segment.LOG_SUFFIX)),
                STEP / 2);
        reserving.close();

        Log log = open(config().reserveBytes(0).build());
        for (int i = 0; i < 64; i++) {
            append(log);
        }
        Path file = segmentFile(0);
        assertTrue(allocated(file) <= roundedToPages(Files.size(file)), "holds " + allocated(file) + " for "
                + Files.size(file));
    }

    @Test
    void spaceLeftReservedByACrashIsNotReadAsRecords() throws Exception {
        Log log = open(config().reserveBytes(STEP).build());
        appendUntilReserved(log, segmentFile(0), STEP / 2);
        long end = log.logEndOffset();
        long size = log.sizeInBytes();
        crash(log);

        Log recovered = open(config().reserveBytes(STEP).build());
        assertEquals(end, recovered.logEndOffset());
        assertEquals(size, recovered.sizeInBytes());
        assertEquals(end, Batches.offsetsOf(recovered.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true)).size());
        append(recovered);
        assertEquals(end + 1, recovered.logEndOffset());
    }
}
