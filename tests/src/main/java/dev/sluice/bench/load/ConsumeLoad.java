package dev.sluice.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning with the Java consumer's default settings, assigning all partitions
 * (no consumer group, so the figure is the fetch path alone).
 * Arguments: bootstrap topic expectedRecords progressFile.
 */
public final class ConsumeLoad {
    private ConsumeLoad() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        long expected = Long.parseLong(args[2]);
        LoadReport report = new LoadReport(Path.of(args[3]));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long nextProgress = start;
            while (count < expected) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
                for (var record : records) {
                    bytes += record.value().length;
                }
                count += records.count();
                long now = System.nanoTime();
                if (now - nextProgress > 0) {
                    report.progress(count);
                    nextProgress = now + 200_000_000L;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.progress(count);
            report.put("records", count).put("bytes", bytes).put("seconds", seconds).print();
        }
    }
}
