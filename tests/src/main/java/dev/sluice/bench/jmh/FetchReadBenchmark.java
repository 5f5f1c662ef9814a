package dev.sluice.bench.jmh;

import dev.sluice.broker.network.SegmentSlice;
import dev.sluice.storage.Log;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The storage side of a fetch: {@link Log#read} for one partition (segment lookup, offset-index lookup, walk
 * of batch headers up to the byte limit), wrapped in the {@link SegmentSlice} the fetch response sends with
 * sendfile. No record bytes are copied, so the figure is the cost of finding the slice.
 *
 * <p>The log is filled at setup with about 96 MiB of producer batches (two 64 MiB segments), all in the
 * page cache. {@code catchUp} fetches at random offsets, like a consumer behind the head; {@code tail}
 * fetches the newest batch, like a consumer woken by an append. The limit is the consumer default
 * {@code max.partition.fetch.bytes} of 1 MiB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FetchReadBenchmark {
    private static final int MAX_BYTES = 1 << 20;
    private static final long FILL_BYTES = 96L << 20;
    private static final int TARGETS = 4096;

    /** The populated log, shared by all benchmark threads as a partition is shared by its consumers. */
    @State(Scope.Benchmark)
    public static class PopulatedLog {
        @Param({"100", "1024"})
        int recordBytes;

        Path dir;
        ScheduledExecutorService background;
        Log log;

        @Setup(Level.Trial)
        public void fill() throws Exception {
            dir = TempDirs.create("fetch");
            background = TempDirs.background();
            log = Log.open(dir.resolve("bench-0"), AppendBenchmark.config(), Clock.systemUTC(), background);
            ByteBuffer batch = ProducerBatches.batch(recordBytes, ProducerBatches.compression("none"), -1, 23L);
            while (log.sizeInBytes() < FILL_BYTES) {
                log.append(batch, 0);
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws Exception {
            log.delete();
            TempDirs.stop(background);
            TempDirs.delete(dir);
        }
    }

    /** Fetch offsets drawn at setup, so the benchmark does not time a random number generator. */
    @State(Scope.Thread)
    public static class Offsets {
        long[] offsets;
        int next;

        @Setup(Level.Trial)
        public void draw(PopulatedLog populated) {
            SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
            long start = populated.log.logStartOffset();
            long end = populated.log.logEndOffset();
            offsets = new long[TARGETS];
            for (int i = 0; i < TARGETS; i++) {
                offsets[i] = random.nextLong(start, end);
            }
        }

        long next() {
            long offset = offsets[next];
            next = (next + 1) & (TARGETS - 1);
            return offset;
        }
    }

    @Benchmark
    public SegmentSlice catchUp(PopulatedLog populated, Offsets offsets) {
        return slice(populated.log, offsets.next());
    }

    @Benchmark
    public SegmentSlice tail(PopulatedLog populated) {
        Log log = populated.log;
        return slice(log, log.logEndOffset() - 1);
    }

    private static SegmentSlice slice(Log log, long offset) {
        return SegmentSlice.of(log.read(offset, MAX_BYTES, log.logEndOffset(), true));
    }
}
