package dev.sluice.cli;

import java.util.ArrayList;
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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice group seek}: sets a group's committed offsets, so that its consumers resume elsewhere. Only a
 * group without active members can be moved, as the coordinator refuses commits from outside a live group.
 */
@Command(name = "seek", description = "Move a group's committed offsets; the group must have no active members.")
final class GroupSeekCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;
    @Mixin
    OutputOptions format;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "GROUP", description = "Group whose offsets to move.")
    String group;

    @Option(names = "--to", paramLabel = "SPEC", required = true, converter = StartOffset.Converter.class,
            description = "Where to: start, end, N, @TIMESTAMP_MS or -N (N before the end).")
    StartOffset to;

    @Option(names = {"-t", "--topic"}, paramLabel = "TOPIC",
            description = "Topic to move, all its partitions (repeatable; default: every topic the group has "
                    + "committed offsets for).")
    List<String> topics = new ArrayList<>();

    /** One partition moved; {@code previous} is null where the group had no committed offset. */
    record Move(String topic, int partition, Long previous, long offset) { }

    @Override
    public Integer call() {
        List<Move> moves = new ArrayList<>();
        try (Admin admin = client.admin()) {
            requireNoMembers(admin);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    Failures.await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
            Set<TopicPartition> partitions = partitions(admin, committed);
            Map<TopicPartition, Long> targets = targets(admin, partitions);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            targets.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
            try {
                Failures.await(admin.alterConsumerGroupOffsets(group, offsets).all());
            } catch (UnknownMemberIdException joinedMeanwhile) {
                throw new CliException("group " + group + " has active members; stop its consumers first");
            } catch (RuntimeException e) {
                String error = Failures.describeGroupFailure(e, group);
                throw error == null ? e : new CliException(error);
            }
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata previous = committed.get(tp);
                moves.add(new Move(tp.topic(), tp.partition(), previous == null ? null : previous.offset(),
                        targets.get(tp)));
            }
        }
        format.output(spec.commandLine().getOut()).list(moves,
                List.of("TOPIC", "PARTITION", "PREVIOUS-OFFSET", "NEW-OFFSET"),
                m -> List.of(m.topic(), Integer.toString(m.partition()),
                        m.previous() == null ? "-" : m.previous().toString(), Long.toString(m.offset())));
        return 0;
    }

    private void requireNoMembers(Admin admin) {
        ConsumerGroupDescription description;
        try {
            description = Failures.await(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
        } catch (GroupIdNotFoundException newGroup) {
            return;
        }
        int members = description.members().size();
        if (members > 0) {
            throw new CliException("group " + group + " has " + members + " active member" + (members > 1 ? "s" : "")
                    + "; stop its consumers before seeking");
        }
    }

    private Set<TopicPartition> partitions(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed) {
        Set<TopicPartition> partitions = new TreeSet<>(GroupDescribeCommand.PARTITION_ORDER);
        if (topics.isEmpty()) {
            if (committed.isEmpty()) {
                throw new CliException("group " + group + " has no committed offsets; name the topics to seek "
                        + "with --topic");
            }
            partitions.addAll(committed.keySet());
            return partitions;
        }
        Set<String> names = new LinkedHashSet<>(topics);
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(names).topicNameValues();
        for (String name : names) {
            TopicDescription topic = Failures.awaitTopic(described.get(name), name);
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
        }
        return partitions;
    }

    /** Resolves {@code --to} in each partition; the result lies between its log start and end offsets. */
    private Map<TopicPartition, Long> targets(Admin admin, Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> byTime = new HashMap<>();
        for (TopicPartition tp : partitions) {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
            if (to instanceof StartOffset.AtTimestamp at) {
                byTime.put(tp, OffsetSpec.forTimestamp(at.millis()));
            }
        }
        ListOffsetsResult starts = admin.listOffsets(earliest);
        ListOffsetsResult ends = admin.listOffsets(latest);
        ListOffsetsResult times = byTime.isEmpty() ? null : admin.listOffsets(byTime);
        Map<TopicPartition, Long> targets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long start = Failures.awaitTopic(starts.partitionResult(tp), tp.topic()).offset();
            long end = Failures.awaitTopic(ends.partitionResult(tp), tp.topic()).offset();
            long found = times == null ? -1 : Failures.awaitTopic(times.partitionResult(tp), tp.topic()).offset();
            targets.put(tp, to.resolve(start, end, millis -> found));
        }
        return targets;
    }
}
