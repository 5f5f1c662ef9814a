package dev.sluice.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice consume}: prints one line per record, reading partitions directly (assign and seek, nothing
 * committed) or, with {@code --group}, as a member of a consumer group that commits what was printed. Runs on
 * the calling thread; a shutdown hook only wakes the consumer up so that Ctrl-C ends the command cleanly. One
 * instance per invocation.
 */
@Command(name = "consume", description = "Print records of a topic, one per line.")
final class ConsumeCommand implements Callable<Integer> {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", description = "Topic to consume.")
    String topic;

    @Option(names = {"-p", "--partitions"}, paramLabel = "N[,N...]", split = ",", hideParamSyntax = true,
            description = "Partitions to read (default: all).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = {"-o", "--offset"}, paramLabel = "SPEC", defaultValue = "start",
            converter = StartOffset.Converter.class,
            description = "Where to start: start, end, N, @TIMESTAMP_MS or -N (N before the end). Default: start.")
    StartOffset offset;

    @Option(names = {"-n", "--num"}, paramLabel = "N", description = "Stop after N records.")
    Long limit;

    @Option(names = {"-e", "--exit-at-end"},
            description = "Stop when every partition reached the end offset it had at start.")
    boolean exitAtEnd;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: the value per line; json: one object per line (default: text).")
    RecordPrinter.Format format;

    @Option(names = "--print-keys", description = "Text format: print key<TAB> before the value.")
    boolean printKeys;

    @Option(names = "--print-headers", description = "Text format: print k=v,...<TAB> headers before the value.")
    boolean printHeaders;

    @Option(names = "--read-committed", description = "Skip records of aborted and open transactions.")
    boolean readCommitted;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "Read as a member of GROUP: its members share the partitions, reading resumes at its "
                    + "committed offsets (elsewhere at --offset start or end), and what is printed is committed.")
    String group;

    @Override
    public Integer call() {
        if (limit != null && limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--num must be positive");
        }
        if (group != null && !partitions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--partitions cannot be combined with --group: the "
                    + "group assigns the partitions");
        }
        if (group != null && !(offset instanceof StartOffset.Start || offset instanceof StartOffset.End)) {
            throw new ParameterException(spec.commandLine(), "with --group, --offset is start or end: where to "
                    + "begin in partitions the group has no committed offset for (use `sluice group seek` to move "
                    + "the group)");
        }
        List<TopicPartition> assigned = partitionsToRead(TopicProbe.partitionCount(client, topic));
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Thread hook = new Thread(() -> {
                interrupted.set(true);
                consumer.wakeup();
                awaitQuietly(finished);
            }, "sluice-consume-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (group == null) {
                    consume(consumer, assigned);
                } else {
                    consumeInGroup(consumer);
                }
            } catch (WakeupException e) {
                if (!interrupted.get()) {
                    throw e;
                }
            } finally {
                spec.commandLine().getOut().flush();
                removeQuietly(hook);
            }
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private List<TopicPartition> partitionsToRead(int partitionCount) {
        List<TopicPartition> assigned = new ArrayList<>();
        if (partitions.isEmpty()) {
            for (int p = 0; p < partitionCount; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            return assigned;
        }
        for (int p : new LinkedHashSet<>(partitions)) {
            TopicProbe.checkPartition(topic, p, partitionCount);
            assigned.add(new TopicPartition(topic, p));
        }
        return assigned;
    }

    /** Reads and prints until a stop condition holds; a wakeup from Ctrl-C ends it with an exception. */
    void consume(Consumer<byte[], byte[]> consumer, List<TopicPartition> assigned) {
        consumer.assign(assigned);
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
        seekToStart(consumer, assigned, ends);
        printUntilDone(consumer, ends, record -> { }, () -> { });
    }

    /**
     * Polls and prints until a stop condition holds: {@code -n} records printed, stdout closed, or with
     * {@code -e} every partition of {@code ends} (once there is one) at or past its end offset there.
     * {@code printedOne} hears of each record printed, {@code printedSome} runs after each poll that printed any.
     */
    private void printUntilDone(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends,
                                java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> printedOne,
                                Runnable printedSome) {
        RecordPrinter printer = new RecordPrinter(format, printKeys, printHeaders);
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        while (true) {
            if (exitAtEnd && !ends.isEmpty()
                    && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                return;
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                out.println(printer.format(record));
                printedOne.accept(record);
                printed++;
                if (limit != null && printed >= limit) {
                    return;
                }
            }
            if (!records.isEmpty()) {
                printedSome.run();
            }
            if (out.checkError()) {
                return; // stdout was closed, e.g. by `head`: nobody reads any more
            }
        }
    }

    /**
     * Reads as a member of the group until a stop condition holds; with {@code -e}, once every partition the
     * member holds reached the end offset it had when it was assigned. The position after each printed record
     * is committed after every poll, when partitions are taken away, and when the command ends.
     */
    void consumeInGroup(Consumer<byte[], byte[]> consumer) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> printedUpTo = new HashMap<>();
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                for (TopicPartition tp : revoked) {
                    ends.remove(tp);
                    OffsetAndMetadata position = printedUpTo.remove(tp);
                    if (position != null) {
                        positions.put(tp, position);
                    }
                }
                if (!positions.isEmpty()) {
                    consumer.commitSync(positions);
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                ends.putAll(consumer.endOffsets(assigned));
            }
        });
        try {
            printUntilDone(consumer, ends,
                    record -> printedUpTo.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)),
                    () -> consumer.commitAsync(new HashMap<>(printedUpTo), null));
        } finally {
            commitFinally(consumer, printedUpTo);
        }
    }

    /** A position that cannot be committed only means the next run of the group prints some records again. */
    private void commitFinally(Consumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> positions) {
        if (positions.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(positions);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("warning: could not commit the position of group " + group + ": "
                    + Failures.unwrap(e).getMessage() + "; its next run prints the last records again");
            spec.commandLine().getErr().flush();
        }
    }

    private void seekToStart(Consumer<byte[], byte[]> consumer, List<TopicPartition> assigned,
                             Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(assigned);
        Map<TopicPartition, OffsetAndTimestamp> byTime = new HashMap<>();
        if (offset instanceof StartOffset.AtTimestamp at) {
            Map<TopicPartition, Long> query = new HashMap<>();
            assigned.forEach(tp -> query.put(tp, at.millis()));
            byTime.putAll(consumer.offsetsForTimes(query));
        }
        for (TopicPartition tp : assigned) {
            OffsetAndTimestamp found = byTime.get(tp);
            long position = offset.resolve(starts.get(tp), ends.get(tp), millis -> found == null ? -1 : found.offset());
            consumer.seek(tp, position);
        }
    }

    private Properties consumerConfig() {
        Properties props = client.consumer();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offset instanceof StartOffset.End ? "latest" : "earliest");
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        return client.withOverrides(props);
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is already running and waits for this command to finish.
        }
    }
}
