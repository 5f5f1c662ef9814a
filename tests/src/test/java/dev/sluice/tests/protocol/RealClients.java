package dev.sluice.tests.protocol;

import dev.sluice.tests.Records;
import dev.sluice.tests.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks with the Apache Kafka Java client that a broker still serves applications normally. */
final class RealClients {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private RealClients() {
    }

    /** Produces one record with a fresh producer and reads it back with a fresh consumer. */
    static void assertRoundTrip(TestBroker broker, String topic) throws Exception {
        String value = "round-trip-" + System.nanoTime();
        RecordMetadata sent;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            sent = producer.send(new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8)))
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        List<ConsumerRecord<byte[], byte[]>> read = read(broker, new TopicPartition(topic, 0), sent.offset(), 1);
        assertEquals(value, new String(read.get(0).value(), StandardCharsets.UTF_8), "value read back from " + topic);
    }

    /** Reads {@code count} records from {@code from} with assign+seek. */
    static List<ConsumerRecord<byte[], byte[]>> read(TestBroker broker, TopicPartition tp, long from, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            return Records.read(consumer, tp, from, count);
        }
    }
}
