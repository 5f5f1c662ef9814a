package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With flush.messages=1 an acknowledged record is already synced: the recovery point has passed it. */
class FsyncPolicyTest {
    @Test
    void flushMessagesOneAcknowledgesOnlyAfterTheRecordIsSynced() throws Exception {
        try (TestBroker broker = TestBroker.start(); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("synced", 1, (short) 1).configs(Map.of("flush.messages", "1"))))
                    .all().get();
            Path recoveryPoint = broker.dataDir().resolve("synced-0").resolve("recovery-point-offset-checkpoint");
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
                for (int i = 0; i < 20; i++) {
                    long offset = producer.send(new ProducerRecord<>("synced", ("r" + i).getBytes(StandardCharsets.UTF_8)))
                            .get().offset();
                    assertEquals(offset + 1, Long.parseLong(Files.readAllLines(recoveryPoint).get(2).trim()),
                            "recovery point after acknowledging offset " + offset);
                }
            }
        }
    }
}
