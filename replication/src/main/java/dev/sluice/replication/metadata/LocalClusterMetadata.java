package dev.sluice.replication.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Cluster metadata for a single broker, kept in one JSON file in the first log directory and replaced
 * atomically (write, fsync, rename, fsync directory) on every change.
 *
 * <p>Changes are serialized by this object's monitor; readers see an immutable {@link MetadataImage}
 * published through a volatile field and never block.
 */
public final class LocalClusterMetadata implements ClusterMetadata {
    static final String FILE_NAME = "cluster-metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MetadataImage image;

    private LocalClusterMetadata(Path file, MetadataImage image) {
        this.file = file;
        this.image = image;
    }

    /**
     * Sets up what {@link #open} needs (the JSON mapper and its serializers, the random source of cluster ids),
     * about a tenth of a second on a freshly started JVM, so that a broker can do it on another core while it
     * starts its metrics endpoint.
     */
    public static void prepare() {
        try {
            JSON.readValue(JSON.writeValueAsBytes(MetadataImage.empty(Uuid.randomUuid().toString()).toState()),
                    MetadataState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the metadata in {@code dir}, or creates it with a fresh cluster id. */
    public static LocalClusterMetadata open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.deleteIfExists(dir.resolve(FILE_NAME + ".tmp"));
        if (Files.exists(file)) {
            return new LocalClusterMetadata(file, MetadataImage.fromState(JSON.readValue(file.toFile(), MetadataState.class)));
        }
        LocalClusterMetadata metadata = new LocalClusterMetadata(file, MetadataImage.empty(Uuid.randomUuid().toString()));
        metadata.persist(metadata.image);
        return metadata;
    }

    @Override
    public String clusterId() {
        return image.clusterId();
    }

    @Override
    public Collection<TopicMetadata> topics() {
        return image.topicsByName().values();
    }

    @Override
    public TopicMetadata topic(String name) {
        return image.topicsByName().get(name);
    }

    @Override
    public TopicMetadata topic(Uuid id) {
        return image.topicsById().get(id);
    }

    @Override
    public synchronized TopicMetadata createTopic(String name, int partitions, Map<String, String> configs) {
        TopicNames.validate(name);
        MetadataImage current = image;
        if (current.topicsByName().containsKey(name)) {
            throw new MetadataException(MetadataException.Reason.TOPIC_EXISTS, "Topic '" + name + "' already exists.");
        }
        TopicNames.ensureNoCollision(name, current.topicsByName().keySet());
        requirePositive(partitions);
        TopicMetadata topic = new TopicMetadata(name, newTopicId(current), partitions, configs, name.startsWith("__"));
        Map<String, TopicMetadata> topics = new LinkedHashMap<>(current.topicsByName());
        topics.put(name, topic);
        commit(current.withTopics(topics));
        listeners.forEach(l -> l.topicCreated(topic));
        return topic;
    }

    @Override
    public synchronized TopicMetadata deleteTopic(String name) {
        MetadataImage current = image;
        TopicMetadata topic = existing(current, name);
        Map<String, TopicMetadata> topics = new LinkedHashMap<>(current.topicsByName());
        topics.remove(name);
        commit(current.withTopics(topics));
        listeners.forEach(l -> l.topicDeleted(topic));
        return topic;
    }

    @Override
    public synchronized TopicMetadata addPartitions(String name, int totalPartitions) {
        MetadataImage current = image;
        TopicMetadata before = existing(current, name);
        if (totalPartitions <= before.partitions()) {
            throw new MetadataException(MetadataException.Reason.INVALID_PARTITIONS, "Topic '" + name
                    + "' has " + before.partitions() + " partitions; the new count must be larger, not "
                    + totalPartitions + ".");
        }
        TopicMetadata after = before.withPartitions(totalPartitions);
        commit(current.withTopic(after));
        listeners.forEach(l -> l.partitionsAdded(before, after));
        return after;
    }

    @Override
    public synchronized TopicMetadata deleteTopic(Uuid id) {
        TopicMetadata topic = image.topicsById().get(id);
        if (topic == null) {
            throw new MetadataException(MetadataException.Reason.UNKNOWN_TOPIC_ID, "Topic id " + id + " does not exist.");
        }
        return deleteTopic(topic.name());
    }

    @Override
    public synchronized TopicMetadata updateTopicConfigs(String name, UnaryOperator<Map<String, String>> change) {
        MetadataImage current = image;
        TopicMetadata before = existing(current, name);
        TopicMetadata after = before.withConfigs(change.apply(before.configs()));
        commit(current.withTopic(after));
        listeners.forEach(l -> l.topicConfigsChanged(after));
        return after;
    }

    @Override
    public Map<String, String> dynamicBrokerConfigs() {
        return image.brokerConfigs();
    }

    @Override
    public synchronized void updateDynamicBrokerConfigs(UnaryOperator<Map<String, String>> change) {
        MetadataImage current = image;
        commit(current.withBrokerConfigs(change.apply(current.brokerConfigs())));
        listeners.forEach(MetadataListener::brokerConfigsChanged);
    }

    @Override
    public synchronized long allocateProducerIds(int size) {
        MetadataImage current = image;
        long first = current.nextProducerId();
        commit(current.withNextProducerId(first + size));
        return first;
    }

    @Override
    public void addListener(MetadataListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    private static TopicMetadata existing(MetadataImage current, String name) {
        TopicMetadata topic = current.topicsByName().get(name);
        if (topic == null) {
            throw new MetadataException(MetadataException.Reason.UNKNOWN_TOPIC,
                    "This server does not host this topic-partition: topic '" + name + "' does not exist.");
        }
        return topic;
    }

    private static void requirePositive(int partitions) {
        if (partitions <= 0) {
            throw new MetadataException(MetadataException.Reason.INVALID_PARTITIONS,
                    "Number of partitions must be larger than 0, not " + partitions + ".");
        }
    }

    private static Uuid newTopicId(MetadataImage current) {
        Uuid id;
        do {
            id = Uuid.randomUuid();
        } while (current.topicsById().containsKey(id) || current.retiredTopicIds().contains(id));
        return id;
    }

    private void commit(MetadataImage next) {
        persist(next);
        image = next;
    }

    private void persist(MetadataImage next) {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(next.toState()));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new MetadataException(MetadataException.Reason.STORAGE, "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JSON document on disk. */
    static final class MetadataState {
        public String clusterId;
        public long nextProducerId;
        public List<TopicState> topics = new ArrayList<>();
        public List<String> retiredTopicIds = new ArrayList<>();
        public Map<String, String> brokerConfigs = new HashMap<>();
    }

    /** One topic in the JSON document. */
    static final class TopicState {
        public String name;
        public String id;
        public int partitions;
        public Map<String, String> configs = new HashMap<>();
    }
}
