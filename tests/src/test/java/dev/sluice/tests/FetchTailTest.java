package dev.sluice.tests;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fetches that fill their byte limit, as Kafka's do: behind the whole batches that fit comes the start of the next
 * one, which the client drops and fetches whole next time. Each client reads a topic of one-record batches with a
 * per-partition limit of two batches and part of a third, so that nearly every response ends in part of a batch,
 * and must read every record once, in order.
 */
class FetchTailTest {
    private static final int RECORDS = 60;
    private static final int VALUE_BYTES = 300;
    /** Two one-record batches of {@link #VALUE_BYTES} and part of a third. */
    private static final int PARTITION_FETCH_BYTES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> VALUES = new TypeReference<>() { };

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @Test
    void theJavaConsumerReadsEveryRecordWhenFetchesEndInPartOfABatch() throws Exception {
        assertEveryRecordIsReadOnceInOrder("tails-java", topic -> {
            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(
                    Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PARTITION_FETCH_BYTES))) {
                return Records.read(consumer, new TopicPartition(topic, 0), 0, RECORDS).stream()
                        .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
            }
        });
    }

    @Test
    void kcatReadsEveryRecordWhenFetchesEndInPartOfABatch() throws Exception {
        assertEveryRecordIsReadOnceInOrder("tails-kcat", topic -> Kcat.run(null, "-b", broker.bootstrap(), "-C",
                "-t", topic, "-p", "0", "-o", "beginning", "-c", Integer.toString(RECORDS),
                "-X", "fetch.message.max.bytes=" + PARTITION_FETCH_BYTES).requireSuccess().stdout().lines().toList());
    }

    @Test
    void kafkajsReadsEveryRecordWhenFetchesEndInPartOfABatch() throws Exception {
        assertEveryRecordIsReadOnceInOrder("tails-kafkajs",
                topic -> JSON.readValue(ScriptClients.kafkajs("read.js", scriptArguments(topic)), VALUES));
    }

    @Test
    void kafkaPythonReadsEveryRecordWhenFetchesEndInPartOfABatch() throws Exception {
        assertEveryRecordIsReadOnceInOrder("tails-python",
                topic -> JSON.readValue(ScriptClients.kafkaPython("read.py", scriptArguments(topic)), VALUES));
    }

    /** How one client reads the values of a topic's records. */
    private interface Reader {
        List<String> read(String topic) throws Exception;
    }

    /** Fills the topic, reads it with the client, and checks both what the client read and what the broker sent. */
    private static void assertEveryRecordIsReadOnceInOrder(String topic, Reader client) throws Exception {
        fill(topic);
        assertEquals(expectedValues(), client.read(topic));
        assertTailsWereSent(topic);
    }

    private static String[] scriptArguments(String topic) {
        return new String[] {broker.bootstrap(), topic, Integer.toString(RECORDS),
                Integer.toString(PARTITION_FETCH_BYTES)};
    }

    /** A one-partition topic holding {@link #RECORDS} batches of one record each. */
    private static void fill(String topic) throws Exception {
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (String value : expectedValues()) {
                // Waiting for each acknowledgement keeps every record in a batch of its own.
                producer.send(new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static List<String> expectedValues() {
        return IntStream.range(0, RECORDS).mapToObj(i -> String.format("%03d", i) + "v".repeat(VALUE_BYTES - 3))
                .toList();
    }

    /** Whole batches alone would send the topic's bytes exactly once; tails send some twice. */
    private static void assertTailsWereSent(String topic) throws Exception {
        Scrape scrape = Scrape.of(broker.metricsUrl());
        double stored = scrape.value("sluice_topic_bytes_in_total", "topic=" + topic);
        double sent = scrape.value("sluice_topic_bytes_out_total", "topic=" + topic);
        assertTrue(sent > stored * 1.2, "sent " + sent + " bytes of a topic of " + stored);
    }
}
