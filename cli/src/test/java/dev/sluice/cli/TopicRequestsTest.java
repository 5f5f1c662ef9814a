package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.Test;

class TopicRequestsTest {

    private static ConfigEntry entry(String name, String value, ConfigSource source, boolean sensitive) {
        return new ConfigEntry(name, value, source, sensitive, false, List.of(), ConfigEntry.ConfigType.STRING, null);
    }

    private final Config config = new Config(List.of(
            entry("retention.ms", "60000", ConfigSource.DYNAMIC_TOPIC_CONFIG, false),
            entry("cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG, false),
            entry("sasl.secret", "hunter2", ConfigSource.DYNAMIC_TOPIC_CONFIG, true),
            entry("compression.type", "producer", ConfigSource.STATIC_BROKER_CONFIG, false)));

    @Test
    void describeShowsOnlyNonDefaultConfigsSortedByName() {
        List<TopicDescribeCommand.ConfigRow> rows = TopicDescribeCommand.configRows(config, false);

        assertEquals(List.of(
                new TopicDescribeCommand.ConfigRow("compression.type", "producer", "STATIC_BROKER_CONFIG"),
                new TopicDescribeCommand.ConfigRow("retention.ms", "60000", "DYNAMIC_TOPIC_CONFIG"),
                new TopicDescribeCommand.ConfigRow("sasl.secret", "(sensitive)", "DYNAMIC_TOPIC_CONFIG")), rows);
    }

    @Test
    void describeWithAllConfigsIncludesDefaults() {
        List<TopicDescribeCommand.ConfigRow> rows = TopicDescribeCommand.configRows(config, true);

        assertEquals(4, rows.size());
        assertEquals(new TopicDescribeCommand.ConfigRow("cleanup.policy", "delete", "DEFAULT_CONFIG"), rows.get(0));
    }

    @Test
    void alterConfigSetsThenDeletes() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("retention.ms", "1000");
        set.put("cleanup.policy", "compact");

        List<AlterConfigOp> ops = TopicAlterConfigCommand.operations(set, List.of("segment.bytes"));

        assertEquals(List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("segment.bytes", ""), AlterConfigOp.OpType.DELETE)), ops);
    }
}
