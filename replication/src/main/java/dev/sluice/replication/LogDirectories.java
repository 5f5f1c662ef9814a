package dev.sluice.replication;

import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Locates the partition's directory, or creates it in the least used log directory. */
    synchronized Path partitionDir(TopicPartition tp, Uuid topicId) throws IOException {
        String name = dirName(tp);
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path target = dirs.stream().min(Comparator.comparingLong(LogDirectories::partitionCount)).orElseThrow().resolve(name);
        Files.createDirectories(target);
        Files.writeString(target.resolve(PARTITION_METADATA), "version: 0\ntopic_id: " + topicId + "\n", StandardCharsets.UTF_8);
        return target;
    }

    /** Deletes partition directories whose topic no longer exists or was re-created with a new id. */
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

    private static boolean isStale(Path partitionDir, Map<String, TopicMetadata> topics) throws IOException {
        Path metadataFile = partitionDir.resolve(PARTITION_METADATA);
        if (!Files.exists(metadataFile)) {
            return false;
        }
        String name = partitionDir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        TopicMetadata topic = dash > 0 ? topics.get(name.substring(0, dash)) : null;
        if (topic == null) {
            return true;
        }
        int partition;
        try {
            partition = Integer.parseInt(name.substring(dash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        String text = Files.readString(metadataFile, StandardCharsets.UTF_8);
        return partition >= topic.partitions() || !text.contains("topic_id: " + topic.id());
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
