package dev.sluice.replication.metadata;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalClusterMetadataTest {
    @TempDir
    Path dir;

    @Test
    void topicsConfigsAndClusterIdSurviveReopening() throws Exception {
        String clusterId;
        Uuid id;
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            clusterId = metadata.clusterId();
            id = metadata.createTopic("orders", 3, Map.of("retention.ms", "1000")).id();
            metadata.addPartitions("orders", 5);
            metadata.updateDynamicBrokerConfigs(current -> Map.of("log.retention.ms", "5000"));
        }
        try (LocalClusterMetadata reopened = LocalClusterMetadata.open(dir)) {
            assertEquals(clusterId, reopened.clusterId());
            TopicMetadata topic = reopened.topic("orders");
            assertEquals(id, topic.id());
            assertEquals(5, topic.partitions());
            assertEquals(Map.of("retention.ms", "1000"), topic.configs());
            assertEquals(topic, reopened.topic(id));
            assertEquals(Map.of("log.retention.ms", "5000"), reopened.dynamicBrokerConfigs());
        }
        assertFalse(Files.exists(dir.resolve(LocalClusterMetadata.FILE_NAME + ".tmp")));
    }

    @Test
    void recreatedTopicGetsANewIdAndTheOldIdIsForgotten() throws Exception {
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            Uuid first = metadata.createTopic("t", 1, Map.of()).id();
            metadata.deleteTopic("t");
            Uuid second = metadata.createTopic("t", 1, Map.of()).id();
            assertNotEquals(first, second);
            assertNull(metadata.topic(first));
        }
    }

    @Test
    void invalidChangesAreRefusedWithAReason() throws Exception {
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            metadata.createTopic("a.b", 2, Map.of());
            assertEquals(MetadataException.Reason.TOPIC_EXISTS,
                    assertThrows(MetadataException.class, () -> metadata.createTopic("a.b", 1, Map.of())).reason());
            assertEquals(MetadataException.Reason.INVALID_TOPIC,
                    assertThrows(MetadataException.class, () -> metadata.createTopic("a_b", 1, Map.of())).reason());
            assertEquals(MetadataException.Reason.INVALID_TOPIC,
                    assertThrows(MetadataException.class, () -> metadata.createTopic("x y", 1, Map.of())).reason());
            assertEquals(MetadataException.Reason.INVALID_PARTITIONS,
                    assertThrows(MetadataException.class, () -> metadata.createTopic("neg", -1, Map.of())).reason());
            assertEquals(MetadataException.Reason.INVALID_PARTITIONS,
                    assertThrows(MetadataException.class, () -> metadata.addPartitions("a.b", 2)).reason());
            assertEquals(MetadataException.Reason.UNKNOWN_TOPIC,
                    assertThrows(MetadataException.class, () -> metadata.deleteTopic("missing")).reason());
        }
    }

    @Test
    void concurrentConfigUpdatesOfOneTopicAllLand() throws Exception {
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            metadata.createTopic("shared", 1, Map.of());
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String key = "key-" + w;
                writers.add(new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        String value = Integer.toString(i);
                        metadata.updateTopicConfigs("shared", current -> {
                            Map<String, String> next = new java.util.HashMap<>(current);
                            next.put(key, value);
                            return next;
                        });
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            assertEquals(Map.of("key-0", "24", "key-1", "24", "key-2", "24", "key-3", "24"),
                    metadata.topic("shared").configs());
        }
    }

    @Test
    void deletingByAStaleIdLeavesTheRecreatedTopicAlone() throws Exception {
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            Uuid old = metadata.createTopic("t", 1, Map.of()).id();
            metadata.deleteTopic("t");
            Uuid current = metadata.createTopic("t", 1, Map.of()).id();
            assertEquals(MetadataException.Reason.UNKNOWN_TOPIC_ID,
                    assertThrows(MetadataException.class, () -> metadata.deleteTopic(old)).reason());
            assertEquals(current, metadata.topic("t").id());
            metadata.deleteTopic(current);
            assertNull(metadata.topic("t"));
        }
    }

    @Test
    void listenersHearAboutCommittedChanges() throws Exception {
        List<String> events = new ArrayList<>();
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            metadata.addListener(new MetadataListener() {
                @Override
                public void topicCreated(TopicMetadata topic) {
                    events.add("created " + topic.name());
                }

                @Override
                public void partitionsAdded(TopicMetadata before, TopicMetadata after) {
                    events.add("grown " + before.partitions() + "->" + after.partitions());
                }

                @Override
                public void topicDeleted(TopicMetadata topic) {
                    events.add("deleted " + topic.name());
                }
            });
            metadata.createTopic("t", 1, Map.of());
            metadata.addPartitions("t", 2);
            metadata.deleteTopic("t");
        }
        assertEquals(List.of("created t", "grown 1->2", "deleted t"), events);
    }

    @Test
    void producerIdBlocksNeverRepeatAcrossRestarts() throws Exception {
        long firstRun;
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            firstRun = metadata.allocateProducerIds(1000);
            assertTrue(metadata.allocateProducerIds(1000) >= firstRun + 1000);
        }
        try (LocalClusterMetadata metadata = LocalClusterMetadata.open(dir)) {
            assertTrue(metadata.allocateProducerIds(1000) >= firstRun + 2000);
        }
    }
}
