package dev.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final Path CLIENTS = Path.of(System.getProperty("user.dir")).resolve("clients");
    private static final int RECORDS = 20;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @Test
    void kafkajsProducesAndConsumesInAGroupThatCommitsItsPosition() throws Exception {
        Path dir = CLIENTS.resolve("kafkajs");
        if (Files.notExists(dir.resolve("node_modules/kafkajs"))) {
            Processes.run(dir, null, List.of("npm", "ci", "--no-audit", "--no-fund")).requireSuccess();
        }
        JsonNode report = runScript(dir, List.of("node", "group.js"), "kafkajs-records", "kafkajs-readers");
        assertGroupRead(report, "kafkajs-records", "kafkajs-readers");
    }

    @Test
    void kafkaPythonProducesAndConsumesInAGroupThatCommitsItsPosition() throws Exception {
        JsonNode report = runScript(CLIENTS.resolve("kafka-python"), List.of(pythonWithKafka(), "group.py"),
                "python-records", "python-readers");
        assertGroupRead(report, "python-records", "python-readers");
    }

    private static JsonNode runScript(Path dir, List<String> program, String topic, String group) throws Exception {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of(broker.bootstrap(), topic, group));
        String stdout = Processes.run(dir, null, command).requireSuccess().stdout();
        return JSON.readTree(stdout.lines().reduce((first, second) -> second).orElseThrow());
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

    /** A Python 3 that has kafka-python: the one on the PATH, else the system's (Debian's python3-kafka). */
    private static String pythonWithKafka() throws Exception {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                // Isolated (-I), so that a directory named kafka in the working directory does not count.
                if (Processes.run(null, null, List.of(python, "-I", "-c", "import kafka.admin")).exitCode() == 0) {
                    return python;
                }
            } catch (java.io.IOException notInstalled) {
                // Try the next interpreter.
            }
        }
        throw new AssertionError("kafka-python is not installed: apt-get install -y python3-kafka "
                + "(or pip install kafka-python)");
    }
}
