package dev.sluice.tests.cli;

import static dev.sluice.tests.cli.SluiceCli.against;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.tests.TestBroker;
import dev.sluice.tests.cli.SluiceCli.Result;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sluice topic alter-config} and {@code sluice topic add-partitions} against a real broker: what
 * they print and exit with, and the topic's configs and partitions afterwards according to the Admin client.
 */
class TopicChangeCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    private static Result sluice(String... args) {
        return SluiceCli.run(against(broker.bootstrap(), args));
    }

    @Test
    void alterConfigSetsAndDeletesOverridesAndLeavesOthersAlone() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("alter", 1, (short) 1).configs(Map.of(
                "cleanup.policy", "compact", "max.message.bytes", "65536")))).all().get();
        assertEquals("compact", broker.topicConfig("alter").get("cleanup.policy").value());

        Result result = sluice("topic", "alter-config", "alter",
                "--set", "retention.ms=86400000", "--set", "segment.bytes=2097152", "--delete", "cleanup.policy");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Altered config of topic alter: 2 set, 1 deleted\n", result.out());
        Config config = broker.topicConfig("alter");
        assertEquals("86400000", config.get("retention.ms").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source());
        assertEquals("2097152", config.get("segment.bytes").value());
        assertEquals("delete", config.get("cleanup.policy").value());
        assertTrue(config.get("cleanup.policy").isDefault(), config.get("cleanup.policy")::toString);
        assertEquals("65536", config.get("max.message.bytes").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("max.message.bytes").source());
    }

    @Test
    void alterConfigJsonEchoesTheChange() throws Exception {
        broker.createTopic("alter-json", 1);

        Result result = sluice("topic", "alter-config", "alter-json", "--set", "retention.ms=1000",
                "--format", "json");

        assertEquals(0, result.status(), result::toString);
        JsonNode altered = JSON.readTree(result.out());
        assertEquals("alter-json", altered.get("topic").asText());
        assertEquals("1000", altered.get("set").get("retention.ms").asText());
        assertEquals(0, altered.get("deleted").size());
        assertEquals("1000", broker.topicConfig("alter-json").get("retention.ms").value());
    }

    @Test
    void alterConfigWithAnInvalidValueFailsNamingTheConfigAndChangesNothing() throws Exception {
        broker.createTopic("alter-invalid", 1);
        String before = broker.topicConfig("alter-invalid").get("retention.ms").value();

        Result result = sluice("topic", "alter-config", "alter-invalid", "--set", "retention.ms=soon");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().startsWith("error: "), result::toString);
        assertTrue(result.err().contains("retention.ms"), result::toString);
        assertEquals("", result.out());
        assertEquals(before, broker.topicConfig("alter-invalid").get("retention.ms").value());
    }

    @Test
    void alterConfigWithAnUnknownKeyFailsNamingIt() throws Exception {
        broker.createTopic("alter-unknown-key", 1);

        Result result = sluice("topic", "alter-config", "alter-unknown-key", "--set", "retention.msec=1000");

        assertEquals(1, result.status(), result::toString);
        assertTrue(result.err().startsWith("error: ") && result.err().contains("retention.msec"), result::toString);
        assertTrue(broker.topicConfig("alter-unknown-key").entries().stream().noneMatch(e -> e.name().equals("retention.msec")));
    }

    @Test
    void alterConfigDeletingAnOverrideThatIsNotSetSucceedsAndKeepsTheDefault() throws Exception {
        broker.createTopic("alter-delete-unset", 1);
        ConfigEntry before = broker.topicConfig("alter-delete-unset").get("retention.ms");

        Result result = sluice("topic", "alter-config", "alter-delete-unset", "--delete", "retention.ms");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Altered config of topic alter-delete-unset: 0 set, 1 deleted\n", result.out());
        ConfigEntry after = broker.topicConfig("alter-delete-unset").get("retention.ms");
        assertEquals(before.value(), after.value());
        assertEquals(before.source(), after.source());
    }

    @Test
    void alterConfigWithoutChangesIsAUsageError() throws Exception {
        broker.createTopic("alter-nothing", 1);

        Result result = sluice("topic", "alter-config", "alter-nothing");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("Nothing to alter"), result::toString);
    }

    @Test
    void alterConfigOfAnUnknownTopicFails() {
        Result result = sluice("topic", "alter-config", "alter-unknown", "--set", "retention.ms=1000");

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: unknown topic: alter-unknown\n", result.err());
    }

    @Test
    void addPartitionsGrowsTheTopicByTheGivenCount() throws Exception {
        broker.createTopic("grow", 2);

        Result result = sluice("topic", "add-partitions", "grow", "-n", "3");

        assertEquals(0, result.status(), result::toString);
        assertEquals("Added 3 partitions to topic grow; it now has 5\n", result.out());
        Eventually.await("grow has 5 partitions", () -> broker.describeTopic("grow").partitions().size() == 5);
        for (TopicPartitionInfo partition : broker.describeTopic("grow").partitions()) {
            assertNotNull(partition.leader(), partition::toString);
        }
    }

    @Test
    void addPartitionsJsonReportsAddedAndTotal() throws Exception {
        broker.createTopic("grow-json", 1);

        Result result = sluice("topic", "add-partitions", "grow-json", "--num", "1", "--format", "json");

        assertEquals(0, result.status(), result::toString);
        JsonNode added = JSON.readTree(result.out());
        assertEquals("grow-json", added.get("topic").asText());
        assertEquals(1, added.get("added").asInt());
        assertEquals(2, added.get("partitions").asInt());
        Eventually.await("grow-json has 2 partitions", () -> broker.describeTopic("grow-json").partitions().size() == 2);
    }

    @Test
    void addPartitionsToAnUnknownTopicFails() {
        Result result = sluice("topic", "add-partitions", "grow-unknown", "-n", "1");

        assertEquals(1, result.status(), result::toString);
        assertEquals("error: unknown topic: grow-unknown\n", result.err());
    }

    @Test
    void addPartitionsRejectsANonPositiveCountAsAUsageError() throws Exception {
        broker.createTopic("grow-zero", 1);

        Result result = sluice("topic", "add-partitions", "grow-zero", "-n", "0");

        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("--num must be positive"), result::toString);
        assertEquals(1, broker.describeTopic("grow-zero").partitions().size());
    }
}
