package dev.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything a workload needs while it runs against one broker in one round. A warm-up pass runs the same
 * workloads on topics of their own, each pass its own, with fewer records and records no figures.
 */
final class Round implements AutoCloseable {
    final Settings settings;
    final RunningBroker broker;
    final int index;
    final Path workDir;
    final PrintStream log;
    /** Which warm-up pass this is, from 1; 0 when measuring. */
    private final int warmUpPass;
    private final Results results;
    private final Admin admin;

    Round(Settings settings, RunningBroker broker, int index, Results results, PrintStream log, int warmUpPass) {
        this.settings = settings;
        this.broker = broker;
        this.index = index;
        this.workDir = settings.workDir();
        this.results = results;
        this.log = log;
        this.warmUpPass = warmUpPass;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
    }

    private boolean warmUp() {
        return warmUpPass > 0;
    }

    String broker() {
        return broker.kind.name();
    }

    void record(Figure figure, double value) {
        if (!warmUp()) {
            results.add(figure, broker(), index, value);
        }
    }

    Bar bar(String task, long max, String unit) {
        return Bar.open(settings.interactive(), log, broker() + (warmUp() ? " warm-up " : " ") + task, max, unit);
    }

    /** The topic a workload writes or reads in this round. */
    String topic(String id) {
        return warmUp() ? "warm-up-" + warmUpPass + "-" + id : id;
    }

    /** How many times a consume workload reads its topic in this round; a warm-up reads it once. */
    int consumePasses() {
        return warmUp() ? 1 : settings.consumePasses();
    }

    /** Records a workload of this record size moves in this round. */
    long recordsFor(int recordSize) {
        return warmUp() ? settings.warmUpRecordsFor(recordSize) : settings.recordsFor(recordSize);
    }

    /** Base name of a generator's output files in the work directory. */
    String outputName(String id) {
        return broker() + "-" + topic(id);
    }

    void createTopic(String topic, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }

    /** Sum of the log end offsets of all partitions: the records a topic holds. */
    long endOffsets(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> request = java.util.stream.IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        try {
            return admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Sum of a consumer group's committed offsets: how far it has read; 0 before its first commit. */
    long committedOffsets(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                    .values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Runs a workload's generators and returns what {@code run} returns; the broker's CPU seconds spent
     * meanwhile are recorded per million records, in all and the part in the kernel, and so are the generators'
     * own. A measured run starts with no dirty pages, so that neither broker's writes are throttled by writeback
     * of what an earlier workload wrote.
     */
    <T> T measure(String workload, long records, Callable<T> run) throws Exception {
        if (!warmUp()) {
            Machine.flushDirtyPages();
        }
        RunningBroker.CpuWindow window = broker.cpuWindow();
        ProcStat.CpuTimes generatorBefore = ProcStat.exitedChildrenCpuTimes();
        T outcome = run.call();
        ProcStat.CpuTimes generatorUsed = ProcStat.exitedChildrenCpuTimes().minus(generatorBefore);
        RunningBroker.CpuUsed used = window.end();
        record(Figure.cpuPerMillion(workload), used.times().totalSeconds() / records * 1_000_000);
        record(Figure.kernelCpuPerMillion(workload), used.times().systemSeconds() / records * 1_000_000);
        record(Figure.compilerCpuPerMillion(workload), used.compilerSeconds() / records * 1_000_000);
        record(Figure.generatorCpuPerMillion(workload), generatorUsed.totalSeconds() / records * 1_000_000);
        return outcome;
    }

    Path file(String name) {
        return workDir.resolve(outputName(name));
    }

    void check(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(broker() + ": " + message);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
