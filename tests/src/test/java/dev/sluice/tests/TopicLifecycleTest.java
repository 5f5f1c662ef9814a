package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Topic metadata and partition directories stay consistent through refused changes, damage and re-creation. */
class TopicLifecycleTest {
    @Test
    void overridesThatConflictWithBrokerSettingsAreRefusedBeforeAnythingIsStored() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("log.cleaner.max.compaction.lag.ms", "1000"));
             Admin admin = broker.admin()) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> admin.createTopics(List.of(
                    new NewTopic("lagging", 1, (short) 1).configs(Map.of("min.compaction.lag.ms", "5000")))).all().get());
            assertInstanceOf(InvalidConfigurationException.class, refused.getCause());
            assertFalse(admin.listTopics().names().get().contains("lagging"));
            broker.restart();
            assertFalse(broker.admin().listTopics().names().get().contains("lagging"), "the broker restarts cleanly");
        }
    }

    @Test
    void aDamagedPartitionMetadataFileNeverCostsTheData() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("kept", 1);
            produce(broker, "kept", 5);
            Path metadataFile = broker.dataDir().resolve("kept-0").resolve("partition.metadata");
            broker.broker().close();
            try (FileChannel channel = FileChannel.open(metadataFile, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            broker.restart();
            assertEquals(5, latest(broker, "kept"));
            assertEquals(true, Files.readString(metadataFile).contains("topic_id: "), "the file was rewritten");
        }
    }

    @Test
    void aRecreatedTopicNeverPicksUpTheLogOfItsPredecessor() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("reborn", 1);
            produce(broker, "reborn", 5);
            Path partitionDir = broker.dataDir().resolve("reborn-0");
            Path copy = Files.createTempDirectory("half-deleted");
            broker.broker().close();
            copyWithout(partitionDir, copy, "partition.metadata");
            broker.restart();
            try (Admin admin = broker.admin()) {
                admin.deleteTopics(List.of("reborn")).all().get();
            }
            broker.broker().close();
            copyWithout(copy, partitionDir, "");
            broker.restart();
            broker.createTopic("reborn", 1);
            assertEquals(0, latest(broker, "reborn"), "the re-created topic starts empty");
            TestBroker.deleteRecursively(copy);
        }
    }

    @Test
    void aPartitionWhoseLogFailsToOpenStaysOfflineWhileTheOthersOfItsTopicServe() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("patchy", 3);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                for (int p = 0; p < 3; p++) {
                    producer.send(new ProducerRecord<>("patchy", p, null, ("p" + p).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            Path segment = broker.dataDir().resolve("patchy-0").resolve("00000000000000000000.log");
            broker.restart(dir -> {
                Files.delete(segment);
                Files.createDirectory(segment);
            });
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                producer.send(new ProducerRecord<>("patchy", 2, null, "more".getBytes(StandardCharsets.UTF_8))).get();
            }
            try (Admin admin = broker.admin()) {
                Map<TopicPartition, OffsetSpec> ends = Map.of(new TopicPartition("patchy", 1), OffsetSpec.latest(),
                        new TopicPartition("patchy", 2), OffsetSpec.latest());
                var offsets = admin.listOffsets(ends).all().get();
                assertEquals(1, offsets.get(new TopicPartition("patchy", 1)).offset(), "a later partition opened");
                assertEquals(2, offsets.get(new TopicPartition("patchy", 2)).offset(), "and takes writes");
            }
        }
    }

    private static void produce(TestBroker broker, String topic, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, ("r" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static long latest(TestBroker broker, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = broker.admin()) {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
        }
    }

    private static void copyWithout(Path from, Path to, String skipped) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(skipped)) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
