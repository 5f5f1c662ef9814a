package dev.sluice.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Fetches by clients on this machine are written from a mapping of the active segment; with the key off, and for
 * sealed segments, with sendfile. Either way a Java consumer (which checks every batch's CRC) and kcat read exactly
 * what was produced.
 */
class LoopbackMappedFetchTest {
    private static final int RECORDS = 3_000;
    private static final int VALUE_BYTES = 700;

    /** Produces {@code count} random values to partition 0 of {@code topic}; returns them in order. */
    private static List<byte[]> produce(TestBroker broker, String topic, int count) {
        Random random = new Random(topic.hashCode() + count);
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < count; i++) {
                byte[] value = new byte[VALUE_BYTES];
                random.nextBytes(value);
                values.add(value);
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
            producer.flush();
        }
        return values;
    }

    private static List<byte[]> fill(TestBroker broker, String topic) throws Exception {
        broker.createTopic(topic, 1);
        return produce(broker, topic, RECORDS);
    }

    /** A Java consumer (checking CRCs) reads exactly {@code values}, and so does kcat. */
    private static void assertReadBack(TestBroker broker, String topic, List<byte[]> values) throws Exception {
        int count = values.size();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024, ConsumerConfig.CHECK_CRCS_CONFIG, true))) {
            List<ConsumerRecord<byte[], byte[]>> read = Records.read(consumer, new TopicPartition(topic, 0), 0, count);
            for (int i = 0; i < count; i++) {
                assertEquals(i, read.get(i).offset());
                assertArrayEquals(values.get(i), read.get(i).value(), "record " + i);
            }
        }
        List<String> lines = Kcat.run(null, "-b", broker.bootstrap(), "-C", "-t", topic, "-p", "0", "-o",
                        "beginning", "-c", Integer.toString(count), "-f", "%o %S\\n")
                .requireSuccess().stdout().lines().toList();
        assertEquals(count, lines.size());
        assertEquals((count - 1) + " " + VALUE_BYTES, lines.get(count - 1));
    }

    /** Whether this process (the broker's) has the topic's first segment mapped. */
    private static boolean segmentMapped(TestBroker broker, String topic) throws Exception {
        Path segment = broker.dataDir().resolve(topic + "-0").resolve("00000000000000000000.log");
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .anyMatch(line -> line.contains(segment.toAbsolutePath().toString()));
    }

    @Test
    void clientsOnThisMachineReadEveryRecordFromTheMapping() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            List<byte[]> values = fill(broker, "mapped");
            assertReadBack(broker, "mapped", values);
            assertTrue(segmentMapped(broker, "mapped"), "the active segment was not mapped");
        }
    }

    @Test
    void withTheKeyOffFetchesUseSendfileAndMapNothing() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("socket.loopback.mapped.fetch.enable", "false"))) {
            List<byte[]> values = fill(broker, "unmapped");
            assertReadBack(broker, "unmapped", values);
            assertFalse(segmentMapped(broker, "unmapped"), "a segment was mapped with the key off");
        }
    }

    @Test
    void theMappingGoesWhenItsSegmentRolls() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("log.segment.bytes", Integer.toString(4 << 20)))) {
            List<byte[]> values = fill(broker, "rolled");
            assertReadBack(broker, "rolled", values);
            assertTrue(segmentMapped(broker, "rolled"), "the active segment was not mapped");

            values.addAll(produce(broker, "rolled", 2 * RECORDS));
            assertFalse(segmentMapped(broker, "rolled"), "the first segment is still mapped after it rolled");
            assertReadBack(broker, "rolled", values);
        }
    }
}
