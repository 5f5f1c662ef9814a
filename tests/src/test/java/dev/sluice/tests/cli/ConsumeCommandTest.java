package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sluice consume} against a real broker: every start offset form, the stop conditions, the
 * text prefixes and the JSON lines, on records written by a plain Java producer with known keys,
 * headers and timestamps.
 */
class ConsumeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
    private static final String EVENTS = "events";
    private static final int EVENT_COUNT = 10;
    private static final String SPREAD = "spread";
    private static final int SPREAD_PARTITIONS = 3;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());
    /** Timestamp of event 0; event {@code i} has {@code BASE_TIME + i * 1000}. */
    private static long baseTime;

    @BeforeAll
    static void start() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic(EVENTS, 1, (short) 1),
                new NewTopic(SPREAD, SPREAD_PARTITIONS, (short) 1), new NewTopic("bare", 1, (short) 1))).all().get();
        baseTime = System.currentTimeMillis() - 600_000;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < EVENT_COUNT; i++) {
                producer.send(new ProducerRecord<>(EVENTS, 0, baseTime + i * 1_000L, bytes("k" + i), bytes("v" + i),
                        List.of(new RecordHeader("h", bytes(Integer.toString(i))),
                                new RecordHeader("src", bytes("test"))))).get();
            }
            for (int p = 0; p < SPREAD_PARTITIONS; p++) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(SPREAD, p, null, bytes("p" + p + "-" + i))).get();
                }
            }
            producer.send(new ProducerRecord<>("bare", 0, null, bytes("no key, no headers"))).get();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs a command that must end by itself; a consume that never stops fails the test instead of hanging. */
    private static Result sluice(String... args) {
        return assertTimeoutPreemptively(COMMAND_DEADLINE, () -> SluiceCli.run(against(broker.bootstrap(), args)));
    }

    private static List<String> events(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive).mapToObj(i -> "v" + i).toList();
    }

    private static void assertPrints(List<String> expected, Result result) {
        assertEquals(0, result.status(), result::toString);
        assertEquals(expected, result.outLines(), result::toString);
    }

    @Test
    void fromTheStartToTheEndPrintsEveryValueInOrder() {
        assertPrints(events(0, EVENT_COUNT), sluice("consume", EVENTS, "-e"));
        assertPrints(events(0, EVENT_COUNT), sluice("consume", EVENTS, "-o", "start", "--exit-at-end"));
    }

    @Test
    void aGroupResumesWhereItsLastRunStoppedAndCommitsWhatItPrinted() throws Exception {
        broker.createTopic("grouped", 2);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>("grouped", i % 2, null, bytes("g" + i))).get();
            }
        }
        TopicPartition p0 = new TopicPartition("grouped", 0);
        TopicPartition p1 = new TopicPartition("grouped", 1);

        Result first = sluice("consume", "grouped", "--group", "printers", "-e");
        assertEquals(0, first.status(), first::toString);
        assertEquals(Set.of("g0", "g1", "g2", "g3", "g4", "g5"), new HashSet<>(first.outLines()), first::toString);
        assertEquals(6, first.outLines().size(), first::toString);
        assertEquals(Map.of(p0, 3L, p1, 3L), broker.committedOffsets("printers"));

        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("grouped", 1, null, bytes("g6"))).get();
        }
        assertPrints(List.of("g6"), sluice("consume", "grouped", "--group", "printers", "-e"));
        assertEquals(Map.of(p0, 3L, p1, 4L), broker.committedOffsets("printers"));

        Result limited = sluice("consume", "grouped", "-g", "samplers", "-n", "1");
        assertEquals(1, limited.outLines().size(), limited::toString);
        assertEquals(1L, broker.committedOffsets("samplers").values().stream().mapToLong(Long::longValue).sum(),
                "only the printed record is committed");
        assertPrints(List.of(), sluice("consume", "grouped", "-g", "latecomers", "-o", "end", "-e"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-p 0", "-o 3", "-o @1000", "-o -2"})
    void aGroupTakesNoPartitionsAndStartsOnlyAtTheStartOrTheEnd(String option) {
        List<String> args = new ArrayList<>(List.of("consume", EVENTS, "--group", "choosers", "-e"));
        args.addAll(List.of(option.split(" ")));

        Result result = sluice(args.toArray(String[]::new));
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("--group"), result::toString);
    }

    @Test
    void fromTheEndToTheEndPrintsNothing() {
        Result result = sluice("consume", EVENTS, "-o", "end", "-e");

        assertPrints(List.of(), result);
        assertEquals("", result.err());
    }

    @Test
    void fromAnExactOffsetStartsThere() {
        assertPrints(events(4, EVENT_COUNT), sluice("consume", EVENTS, "-o", "4", "-e"));
    }

    @Test
    void anOffsetPastTheEndIsClampedToTheEnd() {
        assertPrints(List.of(), sluice("consume", EVENTS, "-o", "1000", "-e"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-o -3", "--offset=-3"})
    void aNegativeOffsetStartsThatManyRecordsBeforeTheEnd(String option) {
        List<String> args = new ArrayList<>(List.of("consume", EVENTS, "-e"));
        args.addAll(List.of(option.split(" ")));

        assertPrints(events(EVENT_COUNT - 3, EVENT_COUNT), sluice(args.toArray(String[]::new)));
    }

    @Test
    void aNegativeOffsetLargerThanTheLogStartsAtTheLogStart() {
        assertPrints(events(0, EVENT_COUNT), sluice("consume", EVENTS, "-o", "-50", "-e"));
    }

    @Test
    void aTimestampStartsAtTheFirstRecordAtOrAfterIt() {
        assertPrints(events(5, EVENT_COUNT), sluice("consume", EVENTS, "-o", "@" + (baseTime + 5_000), "-e"));
        assertPrints(events(5, EVENT_COUNT), sluice("consume", EVENTS, "-o", "@" + (baseTime + 4_500), "-e"));
        assertPrints(events(0, EVENT_COUNT), sluice("consume", EVENTS, "-o", "@0", "-e"));
    }

    @Test
    void aTimestampAfterEveryRecordStartsAtTheEnd() {
        assertPrints(List.of(), sluice("consume", EVENTS, "-o", "@" + (baseTime + 3_600_000), "-e"));
    }

    @Test
    void numStopsAfterThatManyRecordsWithoutExitAtEnd() {
        assertPrints(events(0, 3), sluice("consume", EVENTS, "-n", "3"));
        assertPrints(events(6, 8), sluice("consume", EVENTS, "-o", "6", "--num", "2"));
    }

    @Test
    void exitAtEndStopsBeforeNumIsReached() {
        assertPrints(events(8, EVENT_COUNT), sluice("consume", EVENTS, "-o", "8", "-n", "5", "-e"));
    }

    @Test
    void printKeysPrefixesTheKeyAndATab() {
        Result result = sluice("consume", EVENTS, "-o", "-2", "-e", "--print-keys");

        assertPrints(List.of("k8\tv8", "k9\tv9"), result);
    }

    @Test
    void printHeadersPrefixesTheHeadersInOrder() {
        Result result = sluice("consume", EVENTS, "-o", "-2", "-e", "--print-headers");

        assertPrints(List.of("h=8,src=test\tv8", "h=9,src=test\tv9"), result);
    }

    @Test
    void printKeysAndHeadersPutsTheKeyFirst() {
        Result result = sluice("consume", EVENTS, "-o", "-1", "-e", "--print-keys", "--print-headers");

        assertPrints(List.of("k9\th=9,src=test\tv9"), result);
    }

    @Test
    void recordsWithoutKeyOrHeadersPrintEmptyPrefixes() {
        Result result = sluice("consume", "bare", "-e", "--print-keys", "--print-headers");

        assertPrints(List.of("\t\tno key, no headers"), result);
    }

    @Test
    void jsonPrintsOneCompleteObjectPerRecord() throws Exception {
        Result result = sluice("consume", EVENTS, "-e", "--format", "json", "--print-keys");

        assertEquals(0, result.status(), result::toString);
        List<String> lines = result.outLines();
        assertEquals(EVENT_COUNT, lines.size(), result::toString);
        for (int i = 0; i < EVENT_COUNT; i++) {
            JsonNode record = JSON.readTree(lines.get(i));
            assertEquals(Set.of("topic", "partition", "offset", "timestamp", "key", "value", "headers"),
                    fieldNames(record), lines.get(i));
            assertEquals(EVENTS, record.get("topic").asText());
            assertEquals(0, record.get("partition").asInt());
            assertEquals(i, record.get("offset").asLong());
            assertEquals(baseTime + i * 1_000L, record.get("timestamp").asLong());
            assertEquals("k" + i, record.get("key").asText());
            assertEquals("v" + i, record.get("value").asText());
            JsonNode headers = record.get("headers");
            assertEquals(2, headers.size(), lines.get(i));
            assertEquals("h", headers.get(0).get("key").asText());
            assertEquals(Integer.toString(i), headers.get(0).get("value").asText());
            assertEquals("src", headers.get(1).get("key").asText());
            assertEquals("test", headers.get(1).get("value").asText());
        }
    }

    @Test
    void jsonShowsAMissingKeyAsNullAndNoHeadersAsAnEmptyList() throws Exception {
        Result result = sluice("consume", "bare", "-e", "--format", "json");

        assertEquals(0, result.status(), result::toString);
        JsonNode record = JSON.readTree(result.out());
        assertTrue(record.get("key").isNull(), record::toString);
        assertEquals("no key, no headers", record.get("value").asText());
        assertTrue(record.get("headers").isArray() && record.get("headers").isEmpty(), record::toString);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void withoutPartitionsEveryPartitionIsReadToItsEnd() {
        Result result = sluice("consume", SPREAD, "-e");

        assertEquals(0, result.status(), result::toString);
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < SPREAD_PARTITIONS; p++) {
            for (int i = 0; i < 3; i++) {
                expected.add("p" + p + "-" + i);
            }
        }
        assertEquals(new HashSet<>(expected), new HashSet<>(result.outLines()));
        assertEquals(expected.size(), result.outLines().size(), result::toString);
    }

    @Test
    void partitionsLimitWhatIsRead() {
        assertPrints(List.of("p1-0", "p1-1", "p1-2"), sluice("consume", SPREAD, "-p", "1", "-e"));

        Result twoPartitions = sluice("consume", SPREAD, "-p", "0,2", "-e", "--format", "json");
        assertEquals(0, twoPartitions.status(), twoPartitions::toString);
        assertEquals(6, twoPartitions.outLines().size(), twoPartitions::toString);
        assertTrue(twoPartitions.outLines().stream().noneMatch(line -> line.contains("\"partition\":1")),
                twoPartitions::toString);
    }

    @Test
    void exitAtEndOnAnEmptyTopicPrintsNothing() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("empty", 2, (short) 1))).all().get();

        assertPrints(List.of(), sluice("consume", "empty", "-e"));
        assertPrints(List.of(), sluice("consume", "empty", "-o", "-5", "-e"));
    }

    @Test
    void offsetsBeforeTheLogStartAreClampedToIt() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("trimmed", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>("trimmed", 0, null, bytes("v" + i))).get();
            }
        }
        TopicPartition tp = new TopicPartition("trimmed", 0);
        broker.sharedAdmin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(3))).all().get();

        assertPrints(events(3, 6), sluice("consume", "trimmed", "-e"));
        assertPrints(events(3, 6), sluice("consume", "trimmed", "-o", "1", "-e"));
        assertPrints(events(3, 6), sluice("consume", "trimmed", "-o", "-10", "-e"));
        assertPrints(events(4, 6), sluice("consume", "trimmed", "-o", "-2", "-e"));
    }

    @Test
    void aNonPositiveNumIsAUsageError() {
        Result result = sluice("consume", EVENTS, "-n", "0");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("--num must be positive"), result::toString);
        assertEquals("", result.out());
    }

    @Test
    void aPartitionOutsideTheTopicFails() {
        Result result = sluice("consume", SPREAD, "-p", "7", "-e");

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: partition 7 does not exist: topic spread has 3 partitions\n", result.err());
    }

    @Test
    void unknownTopicFailsWithAClearMessage() {
        Result result = sluice("consume", "no-such-topic", "-e");

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
        assertEquals("error: unknown topic: no-such-topic\n", result.err());
    }

    @Test
    void fromTheEndWaitsForRecordsProducedAfterItStarted() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("live", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("live", bytes("before"))).get();
            CompletableFuture<Result> consumed = CompletableFuture.supplyAsync(
                    () -> SluiceCli.run(against(broker.bootstrap(), "consume", "live", "-o", "end", "-n", "2")));
            long deadline = System.nanoTime() + COMMAND_DEADLINE.toNanos();
            for (int i = 0; !consumed.isDone(); i++) {
                assertTrue(System.nanoTime() < deadline, "consume -o end -n 2 did not finish");
                producer.send(new ProducerRecord<>("live", bytes("late-" + i))).get();
                Thread.sleep(50);
            }
            Result result = consumed.get();
            assertEquals(0, result.status(), result::toString);
            List<String> lines = result.outLines();
            assertEquals(2, lines.size(), result::toString);
            int first = Integer.parseInt(lines.get(0).substring("late-".length()));
            assertEquals(List.of("late-" + first, "late-" + (first + 1)), lines);
        }
    }
}
