package dev.sluice.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice topic describe}: a topic's summary, configs and partitions with their offsets.
 * The leader epoch shown is the one the leader reports with its latest offset, since topic metadata
 * in the admin client carries none. One instance per invocation.
 */
@Command(name = "describe", description = "Describe a topic: summary, configs and partitions.")
final class TopicDescribeCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Topic to describe.")
    String name;

    @Option(names = {"-a", "--all-configs"}, description = "Show every config, including defaults.")
    boolean allConfigs;

    /** A config entry as shown. */
    record ConfigRow(String name, String value, String source) { }

    /** A partition as shown; offsets and epoch are {@code null} when the leader could not say. */
    record PartitionRow(int partition, Integer leader, Integer leaderEpoch, List<Integer> replicas,
                        List<Integer> isr, Long logStartOffset, Long highWatermark) { }

    /** The whole description, also the JSON document. */
    record Details(String name, String id, boolean internal, int partitionCount, int replicationFactor,
                   List<ConfigRow> configs, List<PartitionRow> partitions) { }

    @Override
    public Integer call() {
        Details details;
        try (Admin admin = client.admin()) {
            TopicDescription topic = Failures.awaitTopic(
                    admin.describeTopics(List.of(name)).topicNameValues().get(name), name);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Config config = Failures.awaitTopic(admin.describeConfigs(List.of(resource)).values().get(resource), name);
            details = new Details(name, topic.topicId() == null ? null : topic.topicId().toString(),
                    topic.isInternal(), topic.partitions().size(), replicationFactor(topic),
                    configRows(config, allConfigs), partitionRows(admin, topic));
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(details);
        } else {
            print(details, output);
        }
        return 0;
    }

    static int replicationFactor(TopicDescription topic) {
        return topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size();
    }

    static List<ConfigRow> configRows(Config config, boolean includeDefaults) {
        return config.entries().stream()
                .filter(entry -> includeDefaults || !entry.isDefault())
                .sorted(Comparator.comparing(ConfigEntry::name))
                .map(entry -> new ConfigRow(entry.name(), entry.isSensitive() ? "(sensitive)" : entry.value(),
                        entry.source().name()))
                .toList();
    }

    private static List<PartitionRow> partitionRows(Admin admin, TopicDescription topic) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo partition : topic.partitions()) {
            TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }
        ListOffsetsResult starts = admin.listOffsets(earliest);
        ListOffsetsResult ends = admin.listOffsets(latest);
        List<PartitionRow> rows = new ArrayList<>(topic.partitions().size());
        for (TopicPartitionInfo partition : topic.partitions()) {
            TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
            ListOffsetsResultInfo start = offsetsOrNull(starts, tp);
            ListOffsetsResultInfo end = offsetsOrNull(ends, tp);
            Node leader = partition.leader();
            rows.add(new PartitionRow(partition.partition(),
                    leader == null || leader.isEmpty() ? null : leader.id(),
                    end == null ? null : end.leaderEpoch().orElse(null),
                    ids(partition.replicas()), ids(partition.isr()),
                    start == null ? null : start.offset(), end == null ? null : end.offset()));
        }
        return rows;
    }

    /**
     * A partition without a leader, or of a topic deleted meanwhile, has no offsets to show; that must not fail
     * the whole description.
     */
    static ListOffsetsResultInfo offsetsOrNull(ListOffsetsResult result, TopicPartition tp) {
        try {
            return Failures.await(result.partitionResult(tp));
        } catch (ApiException e) {
            if (e instanceof TimeoutException) {
                throw e;
            }
            return null;
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    static void print(Details details, Output output) {
        output.section("SUMMARY", Output.renderPairs(List.of(
                List.of("NAME", details.name()),
                List.of("ID", details.id() == null ? "-" : details.id()),
                List.of("PARTITIONS", Integer.toString(details.partitionCount())),
                List.of("REPLICAS", Integer.toString(details.replicationFactor())),
                List.of("INTERNAL", Boolean.toString(details.internal())))));
        List<List<String>> configs = details.configs().stream()
                .map(c -> List.of(c.name(), c.value() == null ? "-" : c.value(), c.source()))
                .toList();
        output.section("CONFIGS", Output.renderTable(List.of("KEY", "VALUE", "SOURCE"), configs));
        List<List<String>> partitions = details.partitions().stream()
                .map(TopicDescribeCommand::cells)
                .toList();
        output.section("PARTITIONS", Output.renderTable(List.of("PARTITION", "LEADER", "EPOCH", "REPLICAS",
                "ISR", "LOG-START-OFFSET", "HIGH-WATERMARK"), partitions));
    }

    private static List<String> cells(PartitionRow row) {
        return List.of(Integer.toString(row.partition()), text(row.leader()),
                text(row.leaderEpoch()), joined(row.replicas()), joined(row.isr()),
                text(row.logStartOffset()), text(row.highWatermark()));
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String joined(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
