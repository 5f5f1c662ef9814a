package dev.sluice.bench.load;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces at a fixed rate and records each acknowledgement's latency, measured from the moment the
 * record was due rather than when it was handed to the client, so stalls are not hidden by the sender
 * falling behind (coordinated omission). The first warmUpSeconds are not recorded.
 * {@code linger.ms=0}: the figure is the broker's latency, not the client's batching delay.
 * Arguments: bootstrap topic recordsPerSecond warmUpSeconds seconds recordSize acks progressFile.
 */
public final class LatencyLoad {
    private LatencyLoad() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        int rate = Integer.parseInt(args[2]);
        int warmUpSeconds = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        byte[] value = new byte[Integer.parseInt(args[5])];
        String acks = args[6];
        LoadReport report = new LoadReport(Path.of(args[7]));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Written only by the producer's I/O thread (callbacks); read after close(), which joins it.
        Histogram latencies = new Histogram(3);
        AtomicLong errors = new AtomicLong();
        long warmup = (long) rate * warmUpSeconds;
        long total = warmup + (long) rate * seconds;
        double intervalNanos = 1e9 / rate;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + (long) (i * intervalNanos);
                LoadReport.waitUntil(due);
                boolean measured = i >= warmup;
                producer.send(new ProducerRecord<>(topic, value), (metadata, exception) -> {
                    if (exception != null) {
                        errors.incrementAndGet();
                    } else if (measured) {
                        latencies.recordValue(System.nanoTime() - due);
                    }
                });
                if ((i & 4095) == 0) {
                    report.progress(i);
                }
            }
            producer.flush();
            report.progress(total);
            report.put("records", total).put("achieved_rate",
                    total / ((System.nanoTime() - start) / 1e9));
        }
        report.putLatencies(latencies).put("errors", errors.get()).print();
    }
}
