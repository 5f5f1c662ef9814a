package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Produce and consume through the Apache Kafka Java client, as any application would. */
class JavaClientTest {
    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"all", "1"})
    void idempotentProducerRecordsAreConsumedInOrderWithKeysHeadersAndTimestamps(String acks) throws Exception {
        String topic = "ordered-acks-" + acks;
        broker.createTopic(topic, 1);
        int count = 2_000;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "all".equals(acks),
                ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < count; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                sent.add(producer.send(new ProducerRecord<>(topic, 0, 1_700_000_000_000L + i,
                        ("key-" + i).getBytes(StandardCharsets.UTF_8), ("value-" + i).getBytes(StandardCharsets.UTF_8), headers)));
            }
            producer.flush();
        }
        for (int i = 0; i < count; i++) {
            assertEquals(i, sent.get(i).get().offset(), "offset of record " + i);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            List<ConsumerRecord<byte[], byte[]>> records = Records.read(consumer, new TopicPartition(topic, 0), 0, count);
            assertEquals(count, records.size());
            for (int i = 0; i < count; i++) {
                ConsumerRecord<byte[], byte[]> r = records.get(i);
                assertEquals(i, r.offset());
                assertEquals("key-" + i, new String(r.key(), StandardCharsets.UTF_8));
                assertEquals("value-" + i, new String(r.value(), StandardCharsets.UTF_8));
                assertEquals(1_700_000_000_000L + i, r.timestamp());
                assertArrayEquals(Integer.toString(i).getBytes(StandardCharsets.UTF_8), r.headers().lastHeader("index").value());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void compressedBatchesRoundTripUnchanged(String codec) throws Exception {
        String topic = "codec-" + codec;
        broker.createTopic(topic, 1);
        int count = 500;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec, ProducerConfig.LINGER_MS_CONFIG, 20))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, ("compressible value " + i + " ".repeat(50)).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            List<ConsumerRecord<byte[], byte[]>> records = Records.read(consumer, new TopicPartition(topic, 0), 0, count);
            for (int i = 0; i < count; i++) {
                assertEquals("compressible value " + i + " ".repeat(50), new String(records.get(i).value(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void longPollingFetchIsWokenByAnAppend() throws Exception {
        String topic = "long-poll";
        broker.createTopic(topic, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 30_000));
             KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            assertTrue(consumer.poll(Duration.ofMillis(300)).isEmpty());
            long start = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, "wake".getBytes(StandardCharsets.UTF_8))).get();
            List<ConsumerRecord<byte[], byte[]>> got = Records.read(consumer, tp, 0, 1);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals("wake", new String(got.get(0).value(), StandardCharsets.UTF_8));
            assertTrue(waitedMs < 20_000, "fetch waited " + waitedMs + " ms for an append instead of being woken");
        }
    }

    @Test
    void metadataAutoCreatesTopicsOnFirstProduce() throws Exception {
        String topic = "auto-created";
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            RecordMetadata md = producer.send(new ProducerRecord<>(topic, "x".getBytes(StandardCharsets.UTF_8))).get();
            assertEquals(0, md.offset());
        }
        try (Admin admin = broker.admin()) {
            assertTrue(admin.listTopics().names().get().contains(topic));
        }
    }

    @Test
    void recordsSurviveACleanRestart() throws Exception {
        String topic = "restart";
        broker.createTopic(topic, 2);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, ("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        broker.restart();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            for (int p = 0; p < 2; p++) {
                List<ConsumerRecord<byte[], byte[]>> records = Records.read(consumer, new TopicPartition(topic, p), 0, 50);
                assertEquals(50, records.size());
            }
        }
        try (Admin admin = broker.admin()) {
            assertEquals(Set.of(0, 1), Set.copyOf(admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().map(p -> p.partition()).toList()));
        }
    }
}
