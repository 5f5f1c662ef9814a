package dev.sluice.replication;

import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The broker's log directories ({@code log.dirs}) and where each partition lives in them: a directory
 * named {@code <topic>-<partition>} holding a {@code partition.metadata} file with the topic id, so a log
 * left behind by a deleted topic is never mistaken for a re-created topic of the same name. New partitions
 * go to the directory holding the fewest. Thread-safe.
 */
public final class LogDirectories {
    private static final Logger log = LoggerFactory.getLogger(LogDirectories.class);
    static final String PARTITION_METADATA = "partition.metadata";
    private static final String TOPIC_ID_PREFIX = "topic_id: ";

    private final List<Path> dirs;

    public LogDirectories(List<Path> dirs) throws IOException {
        this.dirs = dirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path dir : this.dirs) {
            Files.createDirectories(dir);
        }
    }

    public List<Path> dirs() {
        return dirs;
    }

    /** The first directory, where broker-wide state such as the cluster metadata is kept. */
    public Path primary() {
        return dirs.get(0);
    }

    /**
     * Locates the partition's directory, or creates it in the least used log directory. A directory that
     * records another topic id belongs to an earlier topic of the same name and is removed; so is one with no
     * readable id when the topic is new. For an existing topic, a missing or damaged {@code partition.metadata}
     * never costs its data: the file is rewritten.
     */
    synchronized Path partitionDir(TopicPartition tp, Uuid topicId, boolean newTopic) throws IOException {
        String name = dirName(tp);
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (!Files.isDirectory(candidate)) {
                continue;
            }
            Optional<Uuid> recorded = recordedTopicId(candidate);
            if (recorded.isPresent() && recorded.get().equals(topicId)) {
                return candidate;
            }
            if (newTopic || recorded.isPresent()) {
                log.warn("Removing {}: it was left by an earlier topic of the same name", candidate);
                deleteRecursively(candidate);
                continue;
            }
            log.warn("The partition metadata of {} is missing or damaged; keeping the data and rewriting it", candidate);
            writePartitionMetadata(candidate, topicId);
            return candidate;
        }
        Path target = dirs.stream().min(Comparator.comparingLong(LogDirectories::partitionCount)).orElseThrow().resolve(name);
        Files.createDirectories(target);
        writePartitionMetadata(target, topicId);
        return target;
    }

    /** Deletes partition directories of topics that no longer exist or of partitions beyond a topic's count. */
    synchronized void removeStaleLogs(Collection<TopicMetadata> topics) throws IOException {
        Map<String, TopicMetadata> byName = new HashMap<>();
        topics.forEach(t -> byName.put(t.name(), t));
        for (Path dir : dirs) {
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    if (isStale(child, byName)) {
                        log.info("Removing log {} of a deleted topic", child);
                        deleteRecursively(child);
                    }
                }
            }
        }
    }

    private static boolean isStale(Path partitionDir, Map<String, TopicMetadata> topics) {
        String name = partitionDir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        int partition;
        try {
            partition = dash > 0 ? Integer.parseInt(name.substring(dash + 1)) : -1;
        } catch (NumberFormatException e) {
            return false;
        }
        if (partition < 0) {
            return false;
        }
        TopicMetadata topic = topics.get(name.substring(0, dash));
        if (topic == null || partition >= topic.partitions()) {
            return true;
        }
        Optional<Uuid> recorded = recordedTopicId(partitionDir);
        return recorded.isPresent() && !recorded.get().equals(topic.id());
    }

    /** The topic id recorded in the directory, or empty when the file is missing or unreadable. */
    static Optional<Uuid> recordedTopicId(Path partitionDir) {
        try {
            for (String line : Files.readAllLines(partitionDir.resolve(PARTITION_METADATA), StandardCharsets.UTF_8)) {
                if (line.startsWith(TOPIC_ID_PREFIX)) {
                    return Optional.of(Uuid.fromString(line.substring(TOPIC_ID_PREFIX.length()).trim()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Writes {@code partition.metadata} atomically and durably: temp file, fsync, rename, fsync directory. */
    private static void writePartitionMetadata(Path partitionDir, Uuid topicId) throws IOException {
        Path tmp = partitionDir.resolve(PARTITION_METADATA + ".tmp");
        Files.writeString(tmp, "version: 0\n" + TOPIC_ID_PREFIX + topicId + "\n", StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, partitionDir.resolve(PARTITION_METADATA), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        for (Path dir : new Path[] {partitionDir, partitionDir.getParent()}) {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    static String dirName(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    private static long partitionCount(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
