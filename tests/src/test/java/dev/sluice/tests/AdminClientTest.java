package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every admin API the broker serves, driven through the Apache Kafka Admin client. */
class AdminClientTest {
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of("num.partitions", "3"));

    private static Throwable cause(ExecutionException e) {
        return e.getCause();
    }

    @Test
    void createTopicReturnsIdDefaultsAndConfigs() throws Exception {
        CreateTopicsResult result = broker.sharedAdmin().createTopics(List.of(new NewTopic("created", java.util.Optional.empty(), java.util.Optional.empty())
                .configs(Map.of("retention.ms", "3600000"))));
        result.all().get();
        assertEquals(3, result.numPartitions("created").get());
        assertEquals(1, result.replicationFactor("created").get());
        Uuid id = result.topicId("created").get();
        assertNotEquals(Uuid.ZERO_UUID, id);
        assertEquals("3600000", result.config("created").get().get("retention.ms").value());
        TopicDescription description = broker.sharedAdmin().describeTopics(List.of("created")).allTopicNames().get().get("created");
        assertEquals(id, description.topicId());
        assertEquals(3, description.partitions().size());
        assertEquals(broker.broker().node().nodeId(), description.partitions().get(0).leader().id());
    }

    @Test
    void invalidCreateRequestsAreRefusedWithKafkaErrors() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("exists", 1, (short) 1))).all().get();
        ExecutionException exists = assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().createTopics(List.of(new NewTopic("exists", 1, (short) 1))).all().get());
        assertInstanceOf(TopicExistsException.class, cause(exists));
        assertInstanceOf(InvalidTopicException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get())));
        assertInstanceOf(InvalidReplicationFactorException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().createTopics(List.of(new NewTopic("rf3", 1, (short) 3))).all().get())));
        assertInstanceOf(InvalidPartitionsException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().createTopics(List.of(new NewTopic("zero", 0, (short) 1))).all().get())));
        ExecutionException badConfig = assertThrows(ExecutionException.class, () -> broker.sharedAdmin().createTopics(List.of(
                new NewTopic("badcfg", 1, (short) 1).configs(Map.of("segment.bytes", "abc")))).all().get());
        assertInstanceOf(InvalidConfigurationException.class, cause(badConfig));
        assertTrue(cause(badConfig).getMessage().contains("segment.bytes"), cause(badConfig).getMessage());
        assertFalse(broker.sharedAdmin().listTopics().names().get().contains("badcfg"));
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("dry", 2, (short) 1)), new CreateTopicsOptions().validateOnly(true)).all().get();
        assertFalse(broker.sharedAdmin().listTopics().names().get().contains("dry"));
    }

    @Test
    void deletedAndRecreatedTopicGetsANewIdAndStaleIdIsUnknown() throws Exception {
        Uuid first = broker.sharedAdmin().createTopics(List.of(new NewTopic("reborn", 1, (short) 1))).topicId("reborn").get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("reborn", "old".getBytes(StandardCharsets.UTF_8))).get();
        }
        broker.sharedAdmin().deleteTopics(List.of("reborn")).all().get();
        Uuid second = broker.sharedAdmin().createTopics(List.of(new NewTopic("reborn", 1, (short) 1))).topicId("reborn").get();
        assertNotEquals(first, second);
        var offsets = broker.sharedAdmin().listOffsets(Map.of(new TopicPartition("reborn", 0), OffsetSpec.latest())).all().get();
        assertEquals(0, offsets.get(new TopicPartition("reborn", 0)).offset(), "re-created topic starts empty");
        assertInstanceOf(UnknownTopicIdException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().deleteTopics(TopicCollection.ofTopicIds(List.of(first))).all().get())));
        broker.sharedAdmin().deleteTopics(TopicCollection.ofTopicIds(List.of(second))).all().get();
        assertFalse(broker.sharedAdmin().listTopics().names().get().contains("reborn"));
        assertInstanceOf(UnknownTopicOrPartitionException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().deleteTopics(List.of("never-existed")).all().get())));
    }

    @Test
    void createPartitionsGrowsTopicsAndRefusesShrinking() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("growing", 1, (short) 1))).all().get();
        broker.sharedAdmin().createPartitions(Map.of("growing", NewPartitions.increaseTo(4))).all().get();
        assertEquals(4, broker.sharedAdmin().describeTopics(List.of("growing")).allTopicNames().get().get("growing").partitions().size());
        assertInstanceOf(InvalidPartitionsException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all().get())));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            assertEquals(0, producer.send(new ProducerRecord<>("growing", 3, null, "x".getBytes(StandardCharsets.UTF_8))).get().offset());
        }
    }

    @Test
    void topicConfigsCanBeDescribedAlteredIncrementallyAndReplaced() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("configured", 1, (short) 1))).all().get();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "configured");
        ConfigEntry defaultRetention = broker.sharedAdmin().describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms");
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, defaultRetention.source());
        assertEquals("604800000", defaultRetention.value());

        broker.sharedAdmin().incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND)))).all().get();
        Config config = broker.sharedAdmin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals("1000", config.get("retention.ms").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source());
        assertEquals("delete,compact", config.get("cleanup.policy").value());

        broker.sharedAdmin().incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE)))).all().get();
        assertEquals("604800000", broker.sharedAdmin().describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value());

        ExecutionException unknown = assertThrows(ExecutionException.class, () -> broker.sharedAdmin().incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("no.such.config", "1"), AlterConfigOp.OpType.SET)))).all().get());
        assertInstanceOf(InvalidConfigurationException.class, cause(unknown));
    }

    @Test
    void dynamicBrokerConfigsApplyToTopicsWithoutOverrides() throws Exception {
        ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "");
        broker.sharedAdmin().incrementalAlterConfigs(Map.of(brokerResource, List.of(
                new AlterConfigOp(new ConfigEntry("log.retention.ms", "7200000"), AlterConfigOp.OpType.SET)))).all().get();
        broker.sharedAdmin().createTopics(List.of(new NewTopic("inherits", 1, (short) 1))).all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "inherits");
        ConfigEntry retention = broker.sharedAdmin().describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms");
        assertEquals("7200000", retention.value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, retention.source());
        ConfigResource thisBroker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(broker.broker().node().nodeId()));
        assertEquals("7200000", broker.sharedAdmin().describeConfigs(List.of(thisBroker)).all().get().get(thisBroker).get("log.retention.ms").value());
        broker.sharedAdmin().incrementalAlterConfigs(Map.of(brokerResource, List.of(
                new AlterConfigOp(new ConfigEntry("log.retention.ms", null), AlterConfigOp.OpType.DELETE)))).all().get();
        assertInstanceOf(InvalidConfigurationException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().incrementalAlterConfigs(Map.of(brokerResource, List.of(new AlterConfigOp(
                        new ConfigEntry("log.dirs", "/elsewhere"), AlterConfigOp.OpType.SET)))).all().get())));
    }

    @Test
    void deleteRecordsMovesTheLogStartOffset() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("trimmed", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("trimmed", ("r" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        TopicPartition tp = new TopicPartition("trimmed", 0);
        assertEquals(6, broker.sharedAdmin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(6))).lowWatermarks().get(tp).get().lowWatermark());
        assertEquals(6, broker.sharedAdmin().listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset());
        assertInstanceOf(OffsetOutOfRangeException.class, cause(assertThrows(ExecutionException.class,
                () -> broker.sharedAdmin().deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(99))).all().get())));
    }

    @Test
    void listOffsetsByTimestampAndMaxTimestamp() throws Exception {
        broker.sharedAdmin().createTopics(List.of(new NewTopic("timed", 1, (short) 1))).all().get();
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("timed", 0, base, null, "a".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>("timed", 0, base + 5_000, null, "b".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>("timed", 0, base + 2_000, null, "c".getBytes(StandardCharsets.UTF_8))).get();
        }
        TopicPartition tp = new TopicPartition("timed", 0);
        assertEquals(1, broker.sharedAdmin().listOffsets(Map.of(tp, OffsetSpec.forTimestamp(base + 1))).all().get().get(tp).offset());
        var max = broker.sharedAdmin().listOffsets(Map.of(tp, OffsetSpec.maxTimestamp())).all().get().get(tp);
        assertEquals(1, max.offset());
        assertEquals(base + 5_000, max.timestamp());
        assertEquals(3, broker.sharedAdmin().listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset());
        assertEquals(-1, broker.sharedAdmin().listOffsets(Map.of(tp, OffsetSpec.forTimestamp(base + 10_000))).all().get().get(tp).offset());
    }

    @Test
    void describeClusterAndLogDirs() throws Exception {
        DescribeClusterResult cluster = broker.sharedAdmin().describeCluster();
        assertFalse(cluster.clusterId().get().isEmpty());
        assertEquals(1, cluster.nodes().get().size());
        assertEquals(broker.broker().port(), cluster.nodes().get().iterator().next().port());
        broker.sharedAdmin().createTopics(List.of(new NewTopic("sized", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>("sized", new byte[1000])).get();
        }
        int nodeId = cluster.controller().get().id();
        Map<String, LogDirDescription> dirs = broker.sharedAdmin().describeLogDirs(List.of(nodeId)).allDescriptions().get().get(nodeId);
        assertEquals(1, dirs.size());
        LogDirDescription dir = dirs.values().iterator().next();
        assertTrue(dir.replicaInfos().get(new TopicPartition("sized", 0)).size() >= 1000);
        assertTrue(dir.totalBytes().orElse(0) > 0);
    }
}
