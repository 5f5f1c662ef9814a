package dev.sluice.tests;

import dev.sluice.broker.Broker;
import dev.sluice.config.BrokerConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real broker in this JVM on an ephemeral loopback port with its own temporary data directory, plus
 * factories for real Kafka clients pointed at it. {@link #restart()} keeps the data directory. Either started
 * directly ({@link #start}) or registered as a JUnit extension that runs one broker per test class
 * ({@link #perClass}).
 */
public final class TestBroker implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> overrides;
    private Path dataDir;
    private Broker broker;
    private Admin sharedAdmin;

    private TestBroker(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    public static TestBroker start() throws Exception {
        return start(Map.of());
    }

    public static TestBroker start(Map<String, String> overrides) throws Exception {
        TestBroker broker = new TestBroker(overrides);
        broker.open();
        return broker;
    }

    /** For {@code @RegisterExtension static final}: started before the class's tests, closed after them. */
    public static TestBroker perClass(Map<String, String> overrides) {
        return new TestBroker(overrides);
    }

    private void open() throws Exception {
        dataDir = Files.createTempDirectory("sluice-test-");
        broker = Broker.start(config());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private BrokerConfig config() {
        Map<String, String> all = new HashMap<>();
        all.put("listeners", "PLAINTEXT://127.0.0.1:0");
        all.put("log.dirs", dataDir.toString());
        all.put("metrics.listener", "127.0.0.1:0");
        all.put("offsets.topic.replication.factor", "1");
        all.put("offsets.topic.num.partitions", "4");
        all.put("group.initial.rebalance.delay.ms", "0");
        all.putAll(overrides);
        return BrokerConfig.of(all);
    }

    public Broker broker() {
        return broker;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code http://host:port} of the broker's metrics and health endpoint. */
    public String metricsUrl() {
        return "http://127.0.0.1:" + broker.metricsAddress().getPort();
    }

    public String bootstrap() {
        return "127.0.0.1:" + broker.port();
    }

    /** Clean stop and start on the same data directory (the port changes). */
    public void restart() throws Exception {
        restart(dir -> { });
    }

    /** What a test does to the data directory while the broker is stopped. */
    public interface WhileStopped {
        void run(Path dataDir) throws Exception;
    }

    /** Clean stop, {@code whileStopped} on the data directory, and a start on it (the port changes). */
    public void restart(WhileStopped whileStopped) throws Exception {
        if (sharedAdmin != null) {
            sharedAdmin.close();
            sharedAdmin = null;
        }
        broker.close();
        whileStopped.run(dataDir);
        broker = Broker.start(config());
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(props);
    }

    public KafkaProducer<byte[], byte[]> producer(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.putAll(settings);
        return new KafkaProducer<>(props);
    }

    public KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> settings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putAll(settings);
        return new KafkaConsumer<>(props);
    }

    /** Creates a topic with one replica through the Admin client and waits for it. */
    public void createTopic(String name, int partitions) throws Exception {
        sharedAdmin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }

    public TopicDescription describeTopic(String name) throws Exception {
        return sharedAdmin().describeTopics(List.of(name)).allTopicNames().get().get(name);
    }

    public Config topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return sharedAdmin().describeConfigs(List.of(resource)).all().get().get(resource);
    }

    /** A consumer group's committed offsets, by partition. */
    public Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        sharedAdmin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .forEach((partition, committed) -> offsets.put(partition, committed.offset()));
        return offsets;
    }

    /** One Admin client for the broker's lifetime; closed with the broker, so callers must not close it. */
    public Admin sharedAdmin() {
        if (sharedAdmin == null) {
            sharedAdmin = admin();
        }
        return sharedAdmin;
    }

    @Override
    public void close() throws IOException {
        if (sharedAdmin != null) {
            sharedAdmin.close();
        }
        broker.close();
        deleteRecursively(dataDir);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
