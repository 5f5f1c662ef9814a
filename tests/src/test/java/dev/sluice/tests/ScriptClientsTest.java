package dev.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * kafkajs and kafka-python against a real broker: each creates a topic, produces, consumes in a consumer group and
 * commits, and what it reports is checked against what the Java Admin client sees.
 */
class ScriptClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 20;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @Test
    void kafkajsProducesAndConsumesInAGroupThatCommitsItsPosition() throws Exception {
        JsonNode report = JSON.readTree(ScriptClients.kafkajs("group.js", broker.bootstrap(), "kafkajs-records",
                "kafkajs-readers"));
        assertGroupRead(report, "kafkajs-records", "kafkajs-readers");
    }

    @Test
    void kafkaPythonProducesAndConsumesInAGroupThatCommitsItsPosition() throws Exception {
        JsonNode report = JSON.readTree(ScriptClients.kafkaPython("group.py", broker.bootstrap(), "python-records",
                "python-readers"));
        assertGroupRead(report, "python-records", "python-readers");
    }

    private static void assertGroupRead(JsonNode report, String topic, String group) throws Exception {
        List<String> values = new ArrayList<>();
        report.get("values").forEach(value -> values.add(value.asText()));
        assertEquals(IntStream.range(0, RECORDS).mapToObj(i -> "v" + i).sorted().toList(), values,
                "every record read once: " + report);
        assertEquals("Empty", report.get("state").asText(), "the member left: " + report);

        Map<TopicPartition, OffsetAndMetadata> committed =
                broker.sharedAdmin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long total = 0;
        for (int p = 0; p < 2; p++) {
            TopicPartition partition = new TopicPartition(topic, p);
            long end = broker.sharedAdmin().listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get().offset();
            assertEquals(end, committed.get(partition).offset(), "the group committed the end of " + partition);
            assertEquals(end, report.get("committed").get(Integer.toString(p)).asLong(), "the client read back " + partition);
            total += end;
        }
        assertEquals(RECORDS, total);
    }
}
