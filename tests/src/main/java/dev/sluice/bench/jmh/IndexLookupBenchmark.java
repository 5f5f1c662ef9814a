package dev.sluice.bench.jmh;

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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Binary search in a segment's memory-mapped indexes: {@code offsetIndex} finds the file position to start a
 * read at ({@code OffsetIndex.lookup}), {@code timeIndex} the offset to start a timestamp search at
 * ({@code TimeIndex.offsetBefore}). Targets are random over the indexed range.
 *
 * <p>The default of 262,144 entries is what a full 1 GiB segment gets at the default
 * {@code index.interval.bytes} of 4 KiB (2 MiB of offset index, 3 MiB of time index); entries stand for
 * batches of 40 records, 10 ms apart.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class IndexLookupBenchmark {
    private static final String OFFSET_INDEX = "dev.sluice.storage.OffsetIndex";
    private static final String TIME_INDEX = "dev.sluice.storage.TimeIndex";
    private static final MethodHandle NEW_OFFSET_INDEX = Internals.constructor(OFFSET_INDEX,
            MethodType.methodType(void.class, Path.class, long.class, int.class, boolean.class));
    private static final MethodHandle OFFSET_ENSURE_ROOM = Internals.method(OFFSET_INDEX, "ensureRoom",
            MethodType.methodType(void.class, int.class));
    private static final MethodHandle OFFSET_APPEND = Internals.method(OFFSET_INDEX, "append",
            MethodType.methodType(void.class, long.class, int.class));
    private static final MethodHandle OFFSET_LOOKUP = Internals.method(OFFSET_INDEX, "lookup",
            MethodType.methodType(int.class, long.class));
    private static final MethodHandle NEW_TIME_INDEX = Internals.constructor(TIME_INDEX,
            MethodType.methodType(void.class, Path.class, long.class, int.class, boolean.class));
    private static final MethodHandle TIME_ENSURE_ROOM = Internals.method(TIME_INDEX, "ensureRoom",
            MethodType.methodType(void.class, int.class));
    private static final MethodHandle TIME_APPEND = Internals.method(TIME_INDEX, "maybeAppend",
            MethodType.methodType(void.class, long.class, long.class));
    private static final MethodHandle TIME_LOOKUP = Internals.method(TIME_INDEX, "offsetBefore",
            MethodType.methodType(long.class, long.class));
    private static final int OFFSET_ENTRY_BYTES = 8;
    private static final int TIME_ENTRY_BYTES = 12;
    private static final long BASE_OFFSET = 1_000_000L;
    private static final int RECORDS_PER_ENTRY = 40;
    private static final int BYTES_PER_ENTRY = 4096;
    private static final long FIRST_TIMESTAMP = 1_780_000_000_000L;
    private static final long MS_PER_ENTRY = 10;
    private static final int TARGETS = 4096;

    @Param({"262144"})
    int entries;

    private Path dir;
    private Object offsetIndex;
    private Object timeIndex;
    private final long[] offsetTargets = new long[TARGETS];
    private final long[] timestampTargets = new long[TARGETS];
    private int next;

    @Setup(Level.Trial)
    public void populate() throws Throwable {
        dir = TempDirs.create("index");
        offsetIndex = (Object) NEW_OFFSET_INDEX.invokeExact(dir.resolve("bench.index"), BASE_OFFSET,
                entries * OFFSET_ENTRY_BYTES, false);
        timeIndex = (Object) NEW_TIME_INDEX.invokeExact(dir.resolve("bench.timeindex"), BASE_OFFSET,
                entries * TIME_ENTRY_BYTES, false);
        OFFSET_ENSURE_ROOM.invokeExact(offsetIndex, entries);
        TIME_ENSURE_ROOM.invokeExact(timeIndex, entries);
        for (int i = 0; i < entries; i++) {
            long lastOffset = BASE_OFFSET + (long) (i + 1) * RECORDS_PER_ENTRY - 1;
            OFFSET_APPEND.invokeExact(offsetIndex, lastOffset, 1 + i * BYTES_PER_ENTRY);
            TIME_APPEND.invokeExact(timeIndex, FIRST_TIMESTAMP + i * MS_PER_ENTRY, lastOffset);
        }
        SplittableRandom random = new SplittableRandom(31);
        long offsetSpan = (long) entries * RECORDS_PER_ENTRY;
        long timeSpan = entries * MS_PER_ENTRY;
        for (int i = 0; i < TARGETS; i++) {
            offsetTargets[i] = BASE_OFFSET + random.nextLong(offsetSpan);
            timestampTargets[i] = FIRST_TIMESTAMP + random.nextLong(timeSpan);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        TempDirs.delete(dir);
    }

    @Benchmark
    public int offsetIndex() throws Throwable {
        return (int) OFFSET_LOOKUP.invokeExact(offsetIndex, offsetTargets[nextTarget()]);
    }

    @Benchmark
    public long timeIndex() throws Throwable {
        return (long) TIME_LOOKUP.invokeExact(timeIndex, timestampTargets[nextTarget()]);
    }

    private int nextTarget() {
        int target = next;
        next = (target + 1) & (TARGETS - 1);
        return target;
    }
}
