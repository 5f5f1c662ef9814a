package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sluice topic create|list|delete} against a real broker: what the commands print and exit with,
 * and what the broker holds afterwards according to the Admin client.
 */
class TopicCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BROKER_DEFAULT_PARTITIONS = 2;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of("num.partitions", Integer.toString(BROKER_DEFAULT_PARTITIONS)));

    private static Result sluice(String... args) {
        return SluiceCli.run(against(broker.bootstrap(), args));
    }

    private static Set<String> topicNames() throws Exception {
        return broker.sharedAdmin().listTopics().names().get();
    }

    @Test
    void createMakesEveryNamedTopicWithPartitionsReplicasAndConfigs() throws Exception {
        Result result = sluice("topic", "create", "create-a", "create-b", "-p", "3", "-r", "1",
                "-c", "cleanup.policy=compact", "-c", "retention.ms=3600000");

        assertEquals(0, result.status(), result::toString);
        assertEquals(List.of(List.of("TOPIC", "STATUS"), List.of("create-a", "OK"), List.of("create-b", "OK")),
                TextTables.rows(result.out()));
        assertEquals("", result.err());
        for (String topic : List.of("create-a", "create-b")) {
            TopicDescription description = broker.describeTopic(topic);
            assertEquals(3, description.partitions().size());
            for (TopicPartitionInfo partition : description.partitions()) {
                assertEquals(1, partition.replicas().size());
            }
            Config config = broker.topicConfig(topic);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("cleanup.policy").source());
            assertEquals("3600000", config.get("retention.ms").value());
        }
    }

    @Test
    void createWithoutPartitionCountUsesTheBrokerDefault() throws Exception {
        Result result = sluice("topic", "create", "create-default");

        assertEquals(0, result.status(), result::toString);
        assertEquals(BROKER_DEFAULT_PARTITIONS, broker.describeTopic("create-default").partitions().size());
        assertEquals(1, broker.describeTopic("create-default").partitions().get(0).replicas().size());
    }

    @Test
    void createDryRunValidatesButCreatesNothing() throws Exception {
        Result result = sluice("topic", "create", "dry-run-a", "dry-run-b", "-p", "4", "--dry-run");

        assertEquals(0, result.status(), result::toString);
        assertEquals(List.of(List.of("TOPIC", "STATUS"), List.of("dry-run-a", "OK (dry run)"),
                List.of("dry-run-b", "OK (dry run)")), TextTables.rows(result.out()));
        Set<String> names = topicNames();
        assertFalse(names.contains("dry-run-a"), names::toString);
        assertFalse(names.contains("dry-run-b"), names::toString);
    }

    @Test
    void createDryRunReportsWhatTheRealRequestWouldReject() throws Exception {
        broker.createTopic("dry-run-existing", 1);

        Result result = sluice("topic", "create", "dry-run-existing", "--dry-run");

        assertEquals(1, result.status(), result::toString);
        assertEquals("topic already exists: dry-run-existing",
                TextTables.recordWithFirstCell(result.out(), "dry-run-existing").orElseThrow().get("STATUS"));
    }

    @Test
    void createOfAnExistingTopicFailsForThatTopicOnly() throws Exception {
        broker.createTopic("create-existing", 1);

        Result result = sluice("topic", "create", "create-existing", "create-fresh", "-p", "1");

        assertEquals(1, result.status(), result::toString);
        assertEquals("topic already exists: create-existing",
                TextTables.recordWithFirstCell(result.out(), "create-existing").orElseThrow().get("STATUS"));
        assertEquals("OK", TextTables.recordWithFirstCell(result.out(), "create-fresh").orElseThrow().get("STATUS"));
        assertEquals("error: 1 of 2 topics failed\n", result.err());
        assertEquals(1, broker.describeTopic("create-existing").partitions().size());
        assertTrue(topicNames().contains("create-fresh"));
    }

    @Test
    void createWithMoreReplicasThanBrokersFailsAndCreatesNothing() throws Exception {
        Result result = sluice("topic", "create", "create-too-many-replicas", "-r", "3");

        assertEquals(1, result.status(), result::toString);
        String status = TextTables.recordWithFirstCell(result.out(), "create-too-many-replicas")
                .orElseThrow().get("STATUS");
        assertTrue(status.toLowerCase().contains("replication factor"), status);
        assertFalse(topicNames().contains("create-too-many-replicas"));
    }

    @Test
    void createWithAnInvalidTopicConfigNamesTheConfig() throws Exception {
        Result result = sluice("topic", "create", "create-bad-config", "-c", "retention.ms=soon");

        assertEquals(1, result.status(), result::toString);
        String status = TextTables.recordWithFirstCell(result.out(), "create-bad-config").orElseThrow().get("STATUS");
        assertTrue(status.contains("retention.ms"), status);
        assertFalse(topicNames().contains("create-bad-config"));
    }

    @Test
    void createWithAnUnknownTopicConfigNamesTheConfig() throws Exception {
        Result result = sluice("topic", "create", "create-unknown-config", "-c", "retention.msec=1000");

        assertEquals(1, result.status(), result::toString);
        String status = TextTables.recordWithFirstCell(result.out(), "create-unknown-config")
                .orElseThrow().get("STATUS");
        assertTrue(status.contains("retention.msec"), status);
        assertFalse(topicNames().contains("create-unknown-config"));
    }

    @Test
    void createWithAnIllegalNameFailsForThatName() throws Exception {
        Result result = sluice("topic", "create", "bad/name", "create-good-name", "-p", "1");

        assertEquals(1, result.status(), result::toString);
        String status = TextTables.recordWithFirstCell(result.out(), "bad/name").orElseThrow().get("STATUS");
        assertFalse(status.startsWith("OK"), status);
        assertEquals("OK",
                TextTables.recordWithFirstCell(result.out(), "create-good-name").orElseThrow().get("STATUS"));
        assertFalse(topicNames().contains("bad/name"));
    }

    @Test
    void createJsonReportsEachTopicWithANullErrorOnSuccess() throws Exception {
        Result result = sluice("topic", "create", "create-json", "-p", "1", "--format", "json");

        assertEquals(0, result.status(), result::toString);
        assertEquals(1, result.outLines().size(), result::toString);
        JsonNode outcomes = JSON.readTree(result.out());
        assertEquals(1, outcomes.size());
        assertEquals("create-json", outcomes.get(0).get("topic").asText());
        assertTrue(outcomes.get(0).get("error").isNull());
    }

    @Test
    void listShowsEveryTopicSortedWithPartitionsAndReplicas() throws Exception {
        broker.createTopic("list-b", 3);
        broker.createTopic("list-a", 1);

        Result result = sluice("topic", "list");

        assertEquals(0, result.status(), result::toString);
        List<List<String>> rows = TextTables.rows(result.out());
        assertEquals(List.of("NAME", "PARTITIONS", "REPLICAS"), rows.get(0));
        List<String> listed = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            listed.add(row.get(0));
            TopicDescription description = broker.describeTopic(row.get(0));
            assertEquals(List.of(row.get(0), Integer.toString(description.partitions().size()), "1"), row);
        }
        assertEquals(listed.stream().sorted().toList(), listed);
        assertEquals(topicNames(), new HashSet<>(listed));
        assertTrue(listed.containsAll(List.of("list-a", "list-b")), listed::toString);
    }

    @Test
    void listJsonIsOneDocumentMatchingTheBroker() throws Exception {
        broker.createTopic("list-json", 5);

        Result result = sluice("topic", "ls", "--format", "json");

        assertEquals(0, result.status(), result::toString);
        assertEquals(1, result.outLines().size(), result::toString);
        JsonNode listings = JSON.readTree(result.out());
        assertTrue(listings.isArray());
        Set<String> names = new HashSet<>();
        for (JsonNode listing : listings) {
            String name = listing.get("name").asText();
            names.add(name);
            assertEquals(broker.describeTopic(name).partitions().size(), listing.get("partitions").asInt(), name);
            assertEquals(1, listing.get("replicas").asInt(), name);
        }
        assertEquals(topicNames(), names);
        assertTrue(names.contains("list-json"));
    }

    @Test
    void deleteRemovesEveryNamedTopicAndKeepsOthers() throws Exception {
        broker.createTopic("delete-a", 1);
        broker.createTopic("delete-b", 2);
        broker.createTopic("delete-kept", 1);

        Result result = sluice("topic", "delete", "delete-a", "delete-b");

        assertEquals(0, result.status(), result::toString);
        assertEquals(List.of(List.of("TOPIC", "STATUS"), List.of("delete-a", "OK"), List.of("delete-b", "OK")),
                TextTables.rows(result.out()));
        Eventually.await("delete-a and delete-b are gone", () -> {
            Set<String> names = topicNames();
            return !names.contains("delete-a") && !names.contains("delete-b");
        });
        assertTrue(topicNames().contains("delete-kept"));
    }

    @Test
    void deleteOfAnUnknownTopicFailsWithAClearMessageAndStillDeletesTheOthers() throws Exception {
        broker.createTopic("delete-known", 1);

        Result result = sluice("topic", "delete", "delete-known", "delete-unknown");

        assertEquals(1, result.status(), result::toString);
        assertEquals("OK", TextTables.recordWithFirstCell(result.out(), "delete-known").orElseThrow().get("STATUS"));
        assertEquals("unknown topic: delete-unknown",
                TextTables.recordWithFirstCell(result.out(), "delete-unknown").orElseThrow().get("STATUS"));
        assertEquals("error: 1 of 2 topics failed\n", result.err());
        Eventually.await("delete-known is gone", () -> !topicNames().contains("delete-known"));
    }

    @Test
    void deleteJsonNamesTheErrorOfAnUnknownTopic() throws Exception {
        Result result = sluice("topic", "delete", "delete-unknown-json", "--format", "json");

        assertEquals(1, result.status(), result::toString);
        JsonNode outcomes = JSON.readTree(result.out());
        assertEquals("delete-unknown-json", outcomes.get(0).get("topic").asText());
        assertEquals("unknown topic: delete-unknown-json", outcomes.get(0).get("error").asText());
    }
}
