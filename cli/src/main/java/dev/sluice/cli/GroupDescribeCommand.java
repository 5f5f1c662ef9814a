package dev.sluice.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice group describe}: a group's state and members, and per partition its committed offset, the log
 * end offset and the lag between them. One instance per invocation.
 */
@Command(name = "describe", description = "Describe groups: state, members, committed offsets and lag.")
final class GroupDescribeCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    /** Topics by name, then partitions by number: the order partitions are shown in. */
    static final Comparator<TopicPartition> PARTITION_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @Parameters(paramLabel = "GROUP", arity = "1..*", description = "Groups to describe.")
    List<String> names;

    /** A partition the group has committed or been assigned; null where there is nothing to show. */
    record PartitionRow(String topic, int partition, Long committed, Long logEndOffset, Long lag, String memberId,
                        String clientId, String host) { }

    /** One group, also the JSON document. */
    record Details(String group, String coordinator, String state, String balancer, int members, long totalLag,
                   List<PartitionRow> partitions) { }

    @Override
    public Integer call() {
        List<Details> described = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        try (Admin admin = client.admin()) {
            Set<String> groups = new LinkedHashSet<>(names);
            var descriptions = admin.describeConsumerGroups(groups).describedGroups();
            for (String group : groups) {
                ConsumerGroupDescription description;
                try {
                    description = Failures.await(descriptions.get(group));
                } catch (GroupIdNotFoundException e) {
                    unknown.add(group);
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed =
                        Failures.await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
                if (description.groupState() == GroupState.DEAD && committed.isEmpty()) {
                    unknown.add(group);
                    continue;
                }
                described.add(details(admin, description, committed));
            }
        }
        Output output = format.output(spec.commandLine().getOut());
        if (output.isJson()) {
            output.json(described);
        } else {
            described.forEach(details -> print(details, output));
        }
        if (unknown.isEmpty()) {
            return 0;
        }
        spec.commandLine().getErr().println("error: unknown group" + (unknown.size() > 1 ? "s: " : ": ")
                + String.join(", ", unknown) + "; `sluice group list` shows the groups there are");
        spec.commandLine().getErr().flush();
        return FailureHandler.FAILED;
    }

    private static Details details(Admin admin, ConsumerGroupDescription description,
                                   Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, MemberDescription> owners = new HashMap<>();
        for (MemberDescription member : description.members()) {
            member.assignment().topicPartitions().forEach(tp -> owners.put(tp, member));
        }
        Set<TopicPartition> partitions = new TreeSet<>(PARTITION_ORDER);
        partitions.addAll(committed.keySet());
        partitions.addAll(owners.keySet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        ListOffsetsResult ends = admin.listOffsets(latest);
        List<PartitionRow> rows = new ArrayList<>(partitions.size());
        long totalLag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            Long position = offset == null ? null : offset.offset();
            ListOffsetsResultInfo endInfo = TopicDescribeCommand.offsetsOrNull(ends, tp);
            Long end = endInfo == null ? null : endInfo.offset();
            Long lag = position == null || end == null ? null : Math.max(0, end - position);
            totalLag += lag == null ? 0 : lag;
            MemberDescription owner = owners.get(tp);
            rows.add(new PartitionRow(tp.topic(), tp.partition(), position, end, lag,
                    owner == null ? null : owner.consumerId(), owner == null ? null : owner.clientId(),
                    owner == null ? null : owner.host()));
        }
        Node coordinator = description.coordinator();
        return new Details(description.groupId(),
                coordinator == null ? null : coordinator.id() + " (" + coordinator.host() + ":" + coordinator.port() + ")",
                description.groupState().toString(), description.partitionAssignor(), description.members().size(),
                totalLag, rows);
    }

    private static void print(Details details, Output output) {
        output.section("GROUP " + details.group(), Output.renderPairs(List.of(
                List.of("COORDINATOR", text(details.coordinator())),
                List.of("STATE", details.state()),
                List.of("BALANCER", details.balancer() == null || details.balancer().isEmpty() ? "-" : details.balancer()),
                List.of("MEMBERS", Integer.toString(details.members())),
                List.of("TOTAL-LAG", Long.toString(details.totalLag())))));
        List<List<String>> rows = details.partitions().stream()
                .map(row -> List.of(row.topic(), Integer.toString(row.partition()), text(row.committed()),
                        text(row.logEndOffset()), text(row.lag()), text(row.memberId()), text(row.clientId()),
                        text(row.host())))
                .toList();
        output.section("PARTITIONS", Output.renderTable(List.of("TOPIC", "PARTITION", "CURRENT-OFFSET",
                "LOG-END-OFFSET", "LAG", "MEMBER-ID", "CLIENT-ID", "HOST"), rows));
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
