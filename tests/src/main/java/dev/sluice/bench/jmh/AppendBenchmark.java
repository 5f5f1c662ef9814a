package dev.sluice.bench.jmh;

import dev.sluice.storage.Log;
import dev.sluice.storage.LogConfig;
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
import org.openjdk.jmh.infra.Blackhole;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.zip.CRC32C;

/**
 * The produce hot path in storage: one producer batch validated (framing, CRC32C, record framing of
 * uncompressed batches, timestamps) and appended to the active segment of a {@link Log} (offsets and leader
 * epoch assigned in place, idempotent-producer check, file write, index entries). {@code validate} measures
 * the validation alone, {@code append} the whole {@link Log#append}.
 *
 * <p>The batch comes from an idempotent producer (the Kafka client's default), so every append must carry
 * the next sequence: an unmeasured per-invocation step rewrites it and the CRC. The same step keeps the log
 * bounded: segments roll at 64 MiB and, once there are three, retention drops the oldest, so the disk holds
 * at most about 200 MiB. Rolling itself happens inside {@code append} and is part of the figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AppendBenchmark {
    private static final int SEGMENT_BYTES = 64 << 20;
    private static final int LEADER_EPOCH = 3;
    private static final MethodHandle NEW_VALIDATOR = Internals.constructor("dev.sluice.storage.AppendValidator",
            MethodType.methodType(void.class, CRC32C.class));
    private static final MethodHandle VALIDATE = Internals.method("dev.sluice.storage.AppendValidator", "validate",
            MethodType.methodType(void.class, ByteBuffer.class, LogConfig.class, long.class));
    private static final MethodHandle RECORD_COUNT = Internals.method("dev.sluice.storage.AppendValidator",
            "recordCount", MethodType.methodType(int.class));

    /**
     * Broker defaults except 64 MiB segments, retention by size only (one segment's worth) and no delete delay,
     * so retention can keep the log small while it is hammered.
     */
    static LogConfig config() {
        LogConfig defaults = LogConfig.defaults();
        return new LogConfig(SEGMENT_BYTES, defaults.segmentMs(), -1, SEGMENT_BYTES, defaults.indexIntervalBytes(),
                defaults.segmentIndexBytes(), defaults.flushMessages(), defaults.flushMs(),
                defaults.maxMessageBytes(), false, defaults.timestampBeforeMaxMs(), defaults.timestampAfterMaxMs(),
                0, defaults.reserveBytes());
    }

    /**
     * The producer batch: 100 records with values of {@code recordBytes}, compressed with {@code compression}.
     * Each state builds its own, so that no state depends on another (JMH would give a dependent setup method
     * its own instance of a thread-scoped state, not the one the benchmark method gets).
     */
    @State(Scope.Thread)
    public abstract static class WithBatch {
        @Param({"100", "1024"})
        int recordBytes;

        @Param({"none", "lz4"})
        String compression;

        ByteBuffer batch;

        @Setup(Level.Trial)
        public void buildBatch() {
            batch = ProducerBatches.batch(recordBytes, ProducerBatches.compression(compression), 0, 17L);
        }
    }

    /** An open log in a temporary directory; a single writer, like a partition leader. */
    @State(Scope.Thread)
    public static class TargetLog extends WithBatch {
        final LogConfig config = config();
        final CRC32C crc = new CRC32C();
        Path dir;
        ScheduledExecutorService background;
        Log log;
        int nextSequence;
        long appends;

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = TempDirs.create("append");
            background = TempDirs.background();
            log = Log.open(dir.resolve("bench-0"), config, Clock.systemUTC(), background);
        }

        @Setup(Level.Invocation)
        public void nextBatch() {
            if (log.segmentCount() > 2) {
                log.enforceRetention();
            }
            ProducerBatches.setBaseSequence(batch, nextSequence, crc);
            nextSequence = ProducerBatches.nextSequence(nextSequence, ProducerBatches.RECORDS_PER_BATCH);
            appends++;
        }

        /** Fails the run if any append was taken for a duplicate, which returns before writing anything. */
        @TearDown(Level.Trial)
        public void delete() throws Exception {
            long expectedEnd = appends * ProducerBatches.RECORDS_PER_BATCH;
            long end = log.logEndOffset();
            log.delete();
            TempDirs.stop(background);
            TempDirs.delete(dir);
            if (end != expectedEnd) {
                throw new IllegalStateException(appends + " appends ended the log at " + end + ", not "
                        + expectedEnd + ": some were answered as duplicates and wrote nothing");
            }
        }
    }

    /** The validator a log owns, alone. */
    @State(Scope.Thread)
    public static class Validator extends WithBatch {
        final LogConfig config = config();
        Object validator;

        @Setup(Level.Trial)
        public void create() throws Throwable {
            validator = (Object) NEW_VALIDATOR.invokeExact(new CRC32C());
        }
    }

    @Benchmark
    public Log.AppendResult append(TargetLog target) {
        return target.log.append(target.batch, LEADER_EPOCH);
    }

    @Benchmark
    public void validate(Validator validator, Blackhole blackhole) throws Throwable {
        VALIDATE.invokeExact(validator.validator, validator.batch, validator.config, System.currentTimeMillis());
        blackhole.consume((int) RECORD_COUNT.invokeExact(validator.validator));
    }
}
