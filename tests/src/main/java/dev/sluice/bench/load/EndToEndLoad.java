package dev.sluice.bench.load;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Time from a producer's send to a consumer's receipt of the same record, in one process so both ends
 * read the same clock. The producer sends with {@code acks=all} and {@code linger.ms=0} at a fixed rate;
 * the consumer long-polls with its default settings. The first warmUpSeconds are not recorded.
 * Arguments: bootstrap topic recordsPerSecond warmUpSeconds seconds recordSize progressFile.
 */
public final class EndToEndLoad {
    private EndToEndLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        String topic = args[1];
        int rate = Integer.parseInt(args[2]);
        int warmUpSeconds = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int recordSize = Math.max(Long.BYTES, Integer.parseInt(args[5]));
        LoadReport report = new LoadReport(Path.of(args[6]));
        long warmup = (long) rate * warmUpSeconds;
        long total = warmup + (long) rate * seconds;

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Histogram latencies = new Histogram(3);
        AtomicBoolean consumerReady = new AtomicBoolean();
        long[] received = new long[1];
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToEnd(List.of(partition));
                consumer.position(partition);
                consumerReady.set(true);
                while (received[0] < total) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        long latency = System.nanoTime() - ByteBuffer.wrap(record.value()).getLong();
                        if (received[0]++ >= warmup) {
                            latencies.recordValue(Math.max(0, latency));
                        }
                    }
                }
            }
        }, "e2e-consumer");
        consumerThread.start();
        while (!consumerReady.get()) {
            Thread.onSpinWait();
        }

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        double intervalNanos = 1e9 / rate;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                LoadReport.waitUntil(start + (long) (i * intervalNanos));
                byte[] value = new byte[recordSize];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, 0, null, value));
                if ((i & 255) == 0) {
                    report.progress(i);
                }
            }
        }
        consumerThread.join();
        report.progress(total);
        report.put("records", total).putLatencies(latencies).print();
    }
}
