package dev.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active segment's mapping: it covers what is appended after it was made, a sealed or closed segment gives no
 * new references, and the memory stays mapped, with the segment's bytes in it, until the last reference goes.
 */
class SegmentMappingTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheCLibrary() throws InterruptedException {
        CLibrary.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (CLibrary.ifLoaded().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(CLibrary.ifLoaded().isPresent(), "the C library did not load");
    }

    private static void appendBatches(Segment segment, long fromOffset, int count) throws IOException {
        RecordBatchView view = new RecordBatchView();
        for (long offset = fromOffset; offset < fromOffset + count; offset++) {
            ByteBuffer batch = Batches.batch(Compression.NONE, NOW, NOW);
            view.wrap(batch, 0).setBaseOffset(offset);
            segment.append(batch, view, 1, LogConfig.defaults(), NOW);
        }
    }

    private static ByteBuffer fileBytes(Segment segment, long position, int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        segment.channel().read(bytes, position);
        return bytes.flip();
    }

    /** Lines of this process's memory map that map {@code file}, deleted or not. */
    private static List<String> mappingsOf(Path file) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains(file.toAbsolutePath().toString())).toList();
    }

    @Test
    void oneMappingOfTheActiveSegmentCoversWhatIsAppendedAfterIt() throws Exception {
        Segment segment = Segment.create(dir, 0, 4096);
        appendBatches(segment, 0, 3);
        Log.ReadResult first = segment.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false, true);
        SegmentMapping mapping = first.mappings().retain();
        assertNotNull(mapping);
        assertEquals(fileBytes(segment, first.position(), first.size()), mapping.view(first.position(), first.size()));

        appendBatches(segment, 3, 5);
        Log.ReadResult later = segment.read(3, Integer.MAX_VALUE, Long.MAX_VALUE, false, true);
        SegmentMapping again = later.mappings().retain();
        assertSame(mapping, again);
        assertTrue(later.position() > 0 && later.size() > 0, later.toString());
        assertEquals(fileBytes(segment, later.position(), later.size()), again.view(later.position(), later.size()));
        assertEquals(1, mappingsOf(dir.resolve("00000000000000000000.log")).size());

        again.release();
        mapping.release();
        segment.close();
    }

    @Test
    void aReadOfASealedSegmentOrOneOtherThanTheActiveGetsNoMapping() throws Exception {
        Segment segment = Segment.create(dir, 0, 4096);
        appendBatches(segment, 0, 2);
        assertNull(segment.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false, false).mappings());

        Log.ReadResult beforeTheRoll = segment.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false, true);
        segment.onBecomeInactive();
        assertNull(beforeTheRoll.mappings().retain());
        assertTrue(mappingsOf(dir.resolve("00000000000000000000.log")).isEmpty());
        segment.close();
    }

    @Test
    void aDeletedSegmentStaysMappedAndReadableUntilTheLastReferenceIsReleased() throws Exception {
        Segment segment = Segment.create(dir, 0, 4096);
        appendBatches(segment, 0, 4);
        Path file = dir.resolve("00000000000000000000.log");
        Log.ReadResult read = segment.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, false, true);
        ByteBuffer expected = fileBytes(segment, read.position(), read.size());
        SegmentMapping pending = read.mappings().retain();
        assertNotNull(pending);

        segment.closeAndDeleteFiles();
        assertTrue(Files.notExists(file));
        assertNull(read.mappings().retain());
        assertEquals(1, mappingsOf(file).size());
        assertEquals(expected, pending.view(read.position(), read.size()));

        pending.release();
        assertTrue(mappingsOf(file).isEmpty(), mappingsOf(file).toString());
    }
}
