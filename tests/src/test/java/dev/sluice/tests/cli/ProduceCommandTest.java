package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sluice produce} against a real broker: lines from a file or stdin become records with the
 * given key separator, headers, partition and compression, as a plain Java consumer reads them back.
 */
class ProduceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @TempDir
    Path dir;

    private static Result sluice(String... args) {
        return SluiceCli.run(against(broker.bootstrap(), args));
    }

    private static long endOffset(String topic, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        return broker.sharedAdmin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
    }

    /** Reads {@code count} records of one partition from its start; fails if they do not come within 30 s. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int partition, int count) {
        TopicPartition tp = new TopicPartition(topic, partition);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).records(tp).forEach(records::add);
            }
        }
        assertEquals(count, records.size(), "records read from " + tp);
        return records;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + text(header.value()));
        }
        return headers;
    }

    @Test
    void linesOfAFileBecomeKeyedRecordsWithHeadersInTheChosenPartition() throws Exception {
        broker.createTopic("from-file", 2);
        Path file = dir.resolve("input.txt");
        Files.writeString(file, "user-1:clicked\nno key here\nuser-2:a:b\n\n:empty key\n");

        Result result = sluice("produce", "from-file", "-f", file.toString(), "-k", ":",
                "-H", "source=web", "-H", "trace=a=b", "-p", "1");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Produced 5 records to from-file\n", result.out());
        assertEquals("", result.err());
        List<ConsumerRecord<byte[], byte[]>> records = read("from-file", 1, 5);
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            keys.add(text(record.key()));
            values.add(text(record.value()));
            assertEquals(List.of("source=web", "trace=a=b"), headers(record));
        }
        assertEquals(Arrays.asList("user-1", null, "user-2", null, ""), keys);
        assertEquals(List.of("clicked", "no key here", "a:b", "", "empty key"), values);
        assertEquals(0, endOffset("from-file", 0));
        assertEquals(5, endOffset("from-file", 1));
    }

    @Test
    void linesOfStandardInputBecomeRecordsWithATabSeparator() throws Exception {
        broker.createTopic("from-stdin", 1);

        Result result = SluiceCli.runWithInput("k1\tv1\nk2\tv\t2\nlast line without newline",
                against(broker.bootstrap(), "produce", "from-stdin", "-k", "\\t"));

        assertEquals(0, result.status(), result::toString);
        assertEquals("Produced 3 records to from-stdin\n", result.out());
        List<ConsumerRecord<byte[], byte[]>> records = read("from-stdin", 0, 3);
        assertEquals("k1", text(records.get(0).key()));
        assertEquals("v1", text(records.get(0).value()));
        assertEquals("k2", text(records.get(1).key()));
        assertEquals("v\t2", text(records.get(1).value()));
        assertNull(records.get(2).key());
        assertEquals("last line without newline", text(records.get(2).value()));
        assertEquals(0, records.get(0).headers().toArray().length);
        assertEquals(3, endOffset("from-stdin", 0));
    }

    @Test
    void withoutKeySeparatorTheWholeLineIsTheValue() throws Exception {
        broker.createTopic("unkeyed", 1);

        Result result = SluiceCli.runWithInput("a:b\n", against(broker.bootstrap(), "produce", "unkeyed"));

        assertEquals(0, result.status(), result::toString);
        ConsumerRecord<byte[], byte[]> record = read("unkeyed", 0, 1).get(0);
        assertNull(record.key());
        assertEquals("a:b", text(record.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyCompressionCodecDeliversTheRecordsIntact(String codec) throws Exception {
        String topic = "compressed-" + codec;
        broker.createTopic(topic, 1);
        int count = 200;
        String padding = "x".repeat(1_000);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < count; i++) {
            input.append("key-").append(i).append('=').append(i).append(padding).append('\n');
        }
        Path file = dir.resolve(codec + ".txt");
        Files.writeString(file, input);

        Result result = sluice("produce", topic, "-f", file.toString(), "-k", "=", "-z", codec);

        assertEquals(0, result.status(), result::toString);
        assertEquals("Produced " + count + " records to " + topic + "\n", result.out());
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 0, count);
        for (int i = 0; i < count; i++) {
            assertEquals("key-" + i, text(records.get(i).key()));
            assertEquals(i + padding, text(records.get(i).value()));
        }
        Result consumed = sluice("consume", topic, "-o", "150", "-e", "--print-keys");
        assertEquals(0, consumed.status(), consumed::toString);
        List<String> expected = new ArrayList<>();
        for (int i = 150; i < count; i++) {
            expected.add("key-" + i + "\t" + i + padding);
        }
        assertEquals(expected, consumed.outLines());
        long stored = storedBytes(topic);
        if (codec.equals("none")) {
            assertTrue(stored > (long) count * padding.length(), "stored " + stored + " bytes uncompressed");
        } else {
            assertTrue(stored < (long) count * padding.length() / 4, "stored " + stored + " bytes with " + codec);
        }
    }

    /** The size of partition 0 of {@code topic} on the broker's disk, as DescribeLogDirs reports it. */
    private static long storedBytes(String topic) throws Exception {
        int node = broker.broker().node().nodeId();
        TopicPartition tp = new TopicPartition(topic, 0);
        return broker.sharedAdmin().describeLogDirs(List.of(node)).allDescriptions().get().get(node).values().stream()
                .map(dir -> dir.replicaInfos().get(tp))
                .filter(Objects::nonNull)
                .mapToLong(ReplicaInfo::size)
                .sum();
    }

    @Test
    void jsonReportsTheTopicAndTheRecordCount() throws Exception {
        broker.createTopic("produce-json", 1);

        Result result = SluiceCli.runWithInput("a\nb\n",
                against(broker.bootstrap(), "produce", "produce-json", "--format", "json"));

        assertEquals(0, result.status(), result::toString);
        JsonNode produced = JSON.readTree(result.out());
        assertEquals("produce-json", produced.get("topic").asText());
        assertEquals(2, produced.get("records").asLong());
        assertEquals(2, endOffset("produce-json", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0"})
    void weakerAcksStillDeliverEveryRecord(String acks) throws Exception {
        String topic = "acks-" + acks;
        broker.createTopic(topic, 1);

        Result result = SluiceCli.runWithInput("a\nb\nc\n",
                against(broker.bootstrap(), "produce", topic, "--acks", acks));

        assertEquals(0, result.status(), result::toString);
        assertEquals(List.of("a", "b", "c"), read(topic, 0, 3).stream().map(r -> text(r.value())).toList());
    }

    @Test
    void recordLargerThanTheTopicAllowsAmongSmallOnesFailsPromptlyNamingTheLimit() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("small-mixed", 1, (short) 1)
                .configs(Map.of("max.message.bytes", "1024")))).all().get();
        long started = System.nanoTime();

        Result result = SluiceCli.runWithInput("small-1\n" + "y".repeat(4_000) + "\nsmall-2\n",
                against(broker.bootstrap(), "produce", "small-mixed", "--timeout", "30s"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(1, result.status(), result::toString);
        assertEquals("error: produced 1 of 2 records to small-mixed; 1 failed, first: a record is larger than "
                + "the 1024 bytes that topic small-mixed accepts (max.message.bytes)\n", result.err());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took + ", not failing before --timeout");
        assertEquals("small-1", text(read("small-mixed", 0, 1).get(0).value()));
        assertEquals(1, endOffset("small-mixed", 0));
    }

    @Test
    void unknownTopicFailsBeforeReadingInput() {
        Result result = SluiceCli.runWithInput("a\n", against(broker.bootstrap(), "produce", "no-such-topic"));

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
        assertEquals("error: unknown topic: no-such-topic\n", result.err());
    }

    @Test
    void partitionOutsideTheTopicFailsAndSendsNothing() throws Exception {
        broker.createTopic("two-partitions", 2);

        Result result = SluiceCli.runWithInput("a\n",
                against(broker.bootstrap(), "produce", "two-partitions", "-p", "2"));

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: partition 2 does not exist: topic two-partitions has 2 partitions\n", result.err());
        assertEquals(0, endOffset("two-partitions", 0));
        assertEquals(0, endOffset("two-partitions", 1));
    }

    @Test
    void missingInputFileFailsNamingTheFile() throws Exception {
        broker.createTopic("missing-file", 1);
        Path missing = dir.resolve("missing.txt");

        Result result = sluice("produce", "missing-file", "-f", missing.toString());

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: cannot read " + missing + ": no such file\n", result.err());
        assertEquals(0, endOffset("missing-file", 0));
    }

    @Test
    void recordLargerThanTheTopicAllowsFailsNamingTheLimit() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("small-records", 1, (short) 1)
                .configs(Map.of("max.message.bytes", "1024")))).all().get();

        Result result = SluiceCli.runWithInput("y".repeat(4_000) + "\n",
                against(broker.bootstrap(), "produce", "small-records", "--timeout", "10s"));

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: produced 0 of 1 records to small-records; 1 failed, first: a record is larger than "
                + "the 1024 bytes that topic small-records accepts (max.message.bytes)\n", result.err());
        assertEquals(0, endOffset("small-records", 0));
    }
}
