package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.Records;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sluice group list|describe|seek|delete} against a real broker, with a group formed by the Apache Kafka
 * Java consumer: what the commands print and exit with, and the offsets the broker holds afterwards.
 */
class GroupCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "ledger";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @BeforeAll
    static void fillTopic() throws Exception {
        broker.createTopic(TOPIC, 2);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 15; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i < 10 ? 0 : 1, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static Result sluice(String... args) {
        return SluiceCli.run(against(broker.bootstrap(), args));
    }

    private static KafkaConsumer<byte[], byte[]> joinedMember(String group) {
        KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-client"));
        consumer.subscribe(List.of(TOPIC));
        Records.awaitAssignment(consumer, 2);
        return consumer;
    }

    @Test
    void listAndDescribeShowTheLiveGroupItsOffsetsAndLagAndSeekRefusesIt() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = joinedMember("auditors")) {
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(4), P1, new OffsetAndMetadata(5)));

            Result list = sluice("group", "list");
            assertEquals(0, list.status(), list::toString);
            assertEquals(Map.of("GROUP", "auditors", "STATE", "Stable", "PROTOCOL-TYPE", "consumer"),
                    TextTables.recordWithFirstCell(list.out(), "auditors").orElseThrow());

            Result describe = sluice("group", "describe", "auditors");
            assertEquals(0, describe.status(), describe::toString);
            Map<String, String> summary = TextTables.pairs(TextTables.section(describe.out(), "GROUP auditors"));
            assertEquals("Stable", summary.get("STATE"));
            assertEquals("1", summary.get("MEMBERS"));
            assertEquals("6", summary.get("TOTAL-LAG"));
            assertEquals("range", summary.get("BALANCER"));
            List<Map<String, String>> partitions = TextTables.records(TextTables.section(describe.out(), "PARTITIONS"));
            assertEquals(2, partitions.size(), describe::toString);
            assertEquals(List.of("ledger", "0", "4", "10", "6", "auditors-client"), List.of(partitions.get(0).get("TOPIC"),
                    partitions.get(0).get("PARTITION"), partitions.get(0).get("CURRENT-OFFSET"),
                    partitions.get(0).get("LOG-END-OFFSET"), partitions.get(0).get("LAG"), partitions.get(0).get("CLIENT-ID")));
            assertEquals(List.of("1", "5", "5", "0"), List.of(partitions.get(1).get("PARTITION"),
                    partitions.get(1).get("CURRENT-OFFSET"), partitions.get(1).get("LOG-END-OFFSET"),
                    partitions.get(1).get("LAG")));
            assertTrue(partitions.get(0).get("MEMBER-ID").startsWith("auditors-client-"), describe::toString);

            JsonNode json = JSON.readTree(sluice("group", "describe", "auditors", "--format", "json").out());
            assertEquals(6, json.get(0).get("totalLag").asLong());
            assertEquals(10, json.get(0).get("partitions").get(0).get("logEndOffset").asLong());

            Result seek = sluice("group", "seek", "auditors", "--to", "start");
            assertEquals(1, seek.status(), seek::toString);
            assertTrue(seek.err().contains("group auditors has 1 active member; stop its consumers"), seek::toString);
            assertEquals(Map.of(P0, 4L, P1, 5L), broker.committedOffsets("auditors"), "a refused seek changes nothing");
        }
    }

    @Test
    void seekMovesTheOffsetsOfAGroupWithoutMembersAndDeleteRemovesIt() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = joinedMember("movers")) {
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(8), P1, new OffsetAndMetadata(2)));
        }

        Result toStart = sluice("group", "seek", "movers", "--to", "start");
        assertEquals(0, toStart.status(), toStart::toString);
        assertEquals(List.of(List.of("TOPIC", "PARTITION", "PREVIOUS-OFFSET", "NEW-OFFSET"), List.of("ledger", "0", "8", "0"),
                List.of("ledger", "1", "2", "0")), TextTables.rows(toStart.out()));
        assertEquals(Map.of(P0, 0L, P1, 0L), broker.committedOffsets("movers"));

        Result beforeEnd = sluice("group", "seek", "movers", "--to", "-3", "--topic", TOPIC);
        assertEquals(0, beforeEnd.status(), beforeEnd::toString);
        assertEquals(Map.of(P0, 7L, P1, 2L), broker.committedOffsets("movers"), "three records before each partition's end");

        Result fresh = sluice("group", "seek", "newcomers", "--to", "end", "--topic", TOPIC);
        assertEquals(0, fresh.status(), fresh::toString);
        assertEquals(List.of("ledger", "0", "-", "10"), TextTables.rows(fresh.out()).get(1));
        assertEquals(Map.of(P0, 10L, P1, 5L), broker.committedOffsets("newcomers"), "a new group gets offsets to start from");

        Result noTopics = sluice("group", "seek", "strangers", "--to", "start");
        assertEquals(1, noTopics.status(), noTopics::toString);
        assertTrue(noTopics.err().contains("name the topics to seek with --topic"), noTopics::toString);

        Result delete = sluice("group", "delete", "movers", "nobody");
        assertEquals(1, delete.status(), delete::toString);
        assertEquals(List.of(List.of("GROUP", "STATUS"), List.of("movers", "OK"), List.of("nobody", "unknown group: nobody")),
                TextTables.rows(delete.out()));
        assertTrue(broker.committedOffsets("movers").isEmpty());
        Result list = sluice("group", "list");
        assertFalse(TextTables.recordWithFirstCell(list.out(), "movers").isPresent(), list::toString);
        assertTrue(TextTables.recordWithFirstCell(list.out(), "newcomers").isPresent(), list::toString);

        Result describe = sluice("group", "describe", "movers");
        assertEquals(1, describe.status(), describe::toString);
        assertTrue(describe.err().contains("unknown group: movers"), describe::toString);
    }
}
