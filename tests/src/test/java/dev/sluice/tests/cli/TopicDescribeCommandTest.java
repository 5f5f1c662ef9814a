package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sluice topic describe} against a real broker: summary, non-default (or all) configs with their
 * source, and per-partition leaders and offsets, checked against what the Admin client reports.
 */
class TopicDescribeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "described";
    private static final int[] RECORDS_PER_PARTITION = {5, 2, 0};

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());
    private static TopicDescription description;
    private static Config config;

    @BeforeAll
    static void start() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic(TOPIC, RECORDS_PER_PARTITION.length, (short) 1)
                .configs(Map.of("retention.ms", "3600000", "max.message.bytes", "65536")))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int p = 0; p < RECORDS_PER_PARTITION.length; p++) {
                for (int i = 0; i < RECORDS_PER_PARTITION[p]; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, null, ("v" + i).getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
            }
        }
        description = broker.sharedAdmin().describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        config = broker.sharedAdmin().describeConfigs(List.of(resource)).all().get().get(resource);
    }

    private static Result sluice(String... args) {
        return SluiceCli.run(against(broker.bootstrap(), args));
    }

    private static int nodeId() {
        return broker.broker().node().nodeId();
    }

    @Test
    void summaryShowsNameTopicIdAndCounts() {
        Result result = sluice("topic", "describe", TOPIC);

        assertEquals(0, result.status(), result::toString);
        assertEquals("", result.err());
        Map<String, String> summary = TextTables.pairs(TextTables.section(result.out(), "SUMMARY"));
        assertEquals(Map.of("NAME", TOPIC, "ID", description.topicId().toString(),
                "PARTITIONS", Integer.toString(RECORDS_PER_PARTITION.length), "REPLICAS", "1",
                "INTERNAL", "false"), summary);
    }

    @Test
    void configsShowOnlyTheTopicOverridesWithTheirSource() {
        Result result = sluice("topic", "describe", TOPIC);

        assertEquals(0, result.status(), result::toString);
        List<List<String>> rows = TextTables.rows(TextTables.section(result.out(), "CONFIGS"));
        assertEquals(List.of(
                List.of("KEY", "VALUE", "SOURCE"),
                List.of("max.message.bytes", "65536", "DYNAMIC_TOPIC_CONFIG"),
                List.of("retention.ms", "3600000", "DYNAMIC_TOPIC_CONFIG")), rows);
    }

    @Test
    void allConfigsListEveryEntryTheBrokerReportsWithItsValueAndSource() {
        Result result = sluice("topic", "describe", TOPIC, "-a");

        assertEquals(0, result.status(), result::toString);
        List<Map<String, String>> rows = TextTables.records(TextTables.section(result.out(), "CONFIGS"));
        List<Map<String, String>> expected = new ArrayList<>();
        config.entries().stream().sorted(Comparator.comparing(ConfigEntry::name)).forEach(entry -> expected.add(Map.of(
                "KEY", entry.name(),
                "VALUE", entry.isSensitive() ? "(sensitive)" : entry.value() == null ? "-" : entry.value(),
                "SOURCE", entry.source().name())));
        assertEquals(expected, rows);
        assertTrue(rows.stream().anyMatch(row -> row.get("SOURCE").equals("DEFAULT_CONFIG")), rows::toString);
        assertTrue(rows.size() > 2, rows::toString);
    }

    @Test
    void partitionsShowLeaderReplicasIsrAndOffsets() {
        Result result = sluice("topic", "describe", TOPIC);

        assertEquals(0, result.status(), result::toString);
        List<Map<String, String>> rows = TextTables.records(TextTables.section(result.out(), "PARTITIONS"));
        assertEquals(RECORDS_PER_PARTITION.length, rows.size(), rows::toString);
        String node = Integer.toString(nodeId());
        for (int p = 0; p < RECORDS_PER_PARTITION.length; p++) {
            Map<String, String> row = rows.get(p);
            assertEquals(Integer.toString(p), row.get("PARTITION"));
            assertEquals(node, row.get("LEADER"));
            assertTrue(row.get("EPOCH").matches("\\d+"), row::toString);
            assertEquals(node, row.get("REPLICAS"));
            assertEquals(node, row.get("ISR"));
            assertEquals("0", row.get("LOG-START-OFFSET"));
            assertEquals(Integer.toString(RECORDS_PER_PARTITION[p]), row.get("HIGH-WATERMARK"), row::toString);
        }
    }

    @Test
    void jsonCarriesTheSameDescription() throws Exception {
        Result result = sluice("topic", "describe", TOPIC, "--format", "json");

        assertEquals(0, result.status(), result::toString);
        assertEquals(1, result.outLines().size(), result::toString);
        JsonNode details = JSON.readTree(result.out());
        assertEquals(TOPIC, details.get("name").asText());
        assertEquals(description.topicId().toString(), details.get("id").asText());
        assertFalse(details.get("internal").asBoolean());
        assertEquals(RECORDS_PER_PARTITION.length, details.get("partitionCount").asInt());
        assertEquals(1, details.get("replicationFactor").asInt());
        JsonNode configs = details.get("configs");
        assertEquals(2, configs.size(), configs::toString);
        assertEquals("max.message.bytes", configs.get(0).get("name").asText());
        assertEquals("65536", configs.get(0).get("value").asText());
        assertEquals("DYNAMIC_TOPIC_CONFIG", configs.get(0).get("source").asText());
        JsonNode partitions = details.get("partitions");
        assertEquals(RECORDS_PER_PARTITION.length, partitions.size());
        for (int p = 0; p < RECORDS_PER_PARTITION.length; p++) {
            JsonNode partition = partitions.get(p);
            assertEquals(p, partition.get("partition").asInt());
            assertEquals(nodeId(), partition.get("leader").asInt());
            assertTrue(partition.get("leaderEpoch").isInt(), partition::toString);
            assertEquals(1, partition.get("replicas").size(), partition::toString);
            assertEquals(nodeId(), partition.get("replicas").get(0).asInt());
            assertEquals(1, partition.get("isr").size(), partition::toString);
            assertEquals(nodeId(), partition.get("isr").get(0).asInt());
            assertEquals(0, partition.get("logStartOffset").asLong());
            assertEquals(RECORDS_PER_PARTITION[p], partition.get("highWatermark").asLong());
        }
    }

    @Test
    void logStartOffsetFollowsDeletedRecords() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("described-trimmed", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 4; i++) {
                byte[] value = ("v" + i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>("described-trimmed", 0, null, value)).get();
            }
        }
        TopicPartition tp = new TopicPartition("described-trimmed", 0);
        broker.sharedAdmin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(3))).all().get();

        Result result = sluice("topic", "describe", "described-trimmed");

        assertEquals(0, result.status(), result::toString);
        Map<String, String> partition = TextTables.records(TextTables.section(result.out(), "PARTITIONS")).get(0);
        assertEquals("3", partition.get("LOG-START-OFFSET"), result::toString);
        assertEquals("4", partition.get("HIGH-WATERMARK"), result::toString);
    }

    @Test
    void unknownTopicFailsWithAClearMessage() {
        Result result = sluice("topic", "describe", "no-such-topic");

        assertEquals(1, result.status(), result::toString);
        assertEquals("", result.out());
        assertEquals("error: unknown topic: no-such-topic\n", result.err());
    }
}
