package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Segments roll by size and old ones are deleted by the broker's periodic retention check. */
class RetentionTest {
    @Test
    void retentionBytesDeletesTheOldestSegmentsAndMovesTheLogStart() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("log.retention.check.interval.ms", "100",
                "log.segment.delete.delay.ms", "0"));
             Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("bounded", 1, (short) 1).configs(Map.of(
                    "segment.bytes", "1048576", "retention.bytes", "2097152")))).all().get();
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
                for (int i = 0; i < 6_000; i++) {
                    producer.send(new ProducerRecord<>("bounded", new byte[1000]));
                }
                producer.flush();
            }
            TopicPartition tp = new TopicPartition("bounded", 0);
            Path dir = broker.dataDir().resolve("bounded-0");
            long deadline = System.nanoTime() + 30_000_000_000L;
            long start = 0;
            long segmentBytes = Long.MAX_VALUE;
            while ((start == 0 || segmentBytes > 2097152 + 1048576) && System.nanoTime() < deadline) {
                start = admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
                segmentBytes = segmentBytes(dir);
            }
            assertTrue(start > 0, "the log start offset moved once old segments were deleted");
            assertTrue(segmentBytes <= 2097152 + 1048576, "at most retention.bytes plus the active segment remain: " + segmentBytes);
            assertEquals(6_000, admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset());
        }
    }

    private static long segmentBytes(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
