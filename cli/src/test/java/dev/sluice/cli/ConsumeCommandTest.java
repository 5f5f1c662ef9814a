package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConsumeCommandTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    private final StringWriter out = new StringWriter();

    private ConsumeCommand command(String... options) {
        return command(new PrintWriter(out), options);
    }

    private static ConsumeCommand command(PrintWriter stdout, String... options) {
        CommandLine commandLine = Sluice.commandLine();
        String[] args = new String[options.length + 2];
        args[0] = "consume";
        args[1] = "orders";
        System.arraycopy(options, 0, args, 2, options.length);
        commandLine.parseArgs(args);
        CommandLine consume = commandLine.getSubcommands().get("consume");
        consume.setOut(stdout);
        return consume.getCommand();
    }

    /** Partition 0 holds offsets 10..14, partition 1 holds offsets 0..1; the first poll delivers them. */
    private void givenLogs() {
        consumer.updateBeginningOffsets(Map.of(P0, 10L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 15L, P1, 2L));
        consumer.schedulePollTask(() -> {
            addRecords(P0, 10, 15);
            addRecords(P1, 0, 2);
        });
    }

    private void addRecords(TopicPartition tp, long from, long to) {
        if (!consumer.assignment().contains(tp)) {
            return;
        }
        for (long offset = from; offset < to; offset++) {
            consumer.addRecord(record(tp, offset));
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset,
                ("k" + offset).getBytes(StandardCharsets.UTF_8),
                ("p" + tp.partition() + "-" + offset).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void exitAtEndPrintsEveryRecordUpToTheEndOffsetsAndStops() {
        givenLogs();

        command("-e").consume(consumer, List.of(P0, P1));

        assertEquals(List.of("p0-10", "p0-11", "p0-12", "p0-13", "p0-14", "p1-0", "p1-1"),
                out.toString().lines().sorted().toList());
    }

    @Test
    void numStopsAfterThatManyRecords() {
        givenLogs();

        command("-n", "3", "-p", "0").consume(consumer, List.of(P0));

        assertEquals("p0-10\np0-11\np0-12\n", out.toString());
    }

    @Test
    void offsetBeforeEndStartsThatManyRecordsBeforeTheEnd() {
        givenLogs();

        command("-o", "-2", "-e", "--print-keys").consume(consumer, List.of(P0));

        assertEquals("k13\tp0-13\nk14\tp0-14\n", out.toString());
    }

    @Test
    void exitAtEndOnEmptyPartitionsPrintsNothingAndStops() {
        consumer.updateBeginningOffsets(Map.of(P0, 7L));
        consumer.updateEndOffsets(Map.of(P0, 7L));

        command("-e").consume(consumer, List.of(P0));

        assertEquals("", out.toString());
    }

    @Test
    void offsetEndWithExitAtEndReadsNothing() {
        givenLogs();

        command("-o", "end", "-e").consume(consumer, List.of(P0, P1));

        assertEquals("", out.toString());
        assertEquals(15, consumer.position(P0));
    }

    @Test
    void stopsWhenNobodyReadsStdoutAnyMore() {
        givenLogs();
        Writer closedPipe = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        };
        ConsumeCommand consume = command(new PrintWriter(closedPipe));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> consume.consume(consumer, List.of(P0, P1)));
    }
}
