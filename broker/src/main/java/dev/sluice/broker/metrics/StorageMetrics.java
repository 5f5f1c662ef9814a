package dev.sluice.broker.metrics;

import dev.sluice.replication.ReplicaMetrics;
import dev.sluice.replication.TopicTraffic;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-topic traffic counters and the flush latency histogram. Each topic gets one {@link TopicTraffic} holding
 * its four data points when its partitions open; requests count through that object, never through labels.
 * Thread-safe.
 */
final class StorageMetrics implements ReplicaMetrics {
    private static final double[] FLUSH_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
            0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter recordsIn;
    private final Counter recordsOut;
    private final DistributionDataPoint flushes;
    private final Map<String, Traffic> topics = new ConcurrentHashMap<>();

    StorageMetrics(PrometheusRegistry registry) {
        bytesIn = topicCounter(registry, "sluice_topic_bytes_in_total", "Bytes of record batches produced to the topic.");
        bytesOut = topicCounter(registry, "sluice_topic_bytes_out_total", "Bytes of record batches fetched from the topic.");
        recordsIn = topicCounter(registry, "sluice_topic_records_in_total", "Records produced to the topic.");
        recordsOut = topicCounter(registry, "sluice_topic_records_out_total", "Records fetched from the topic.");
        Histogram flush = Histogram.builder().name("sluice_log_flush_duration_seconds")
                .help("Time one fsync of a partition log took (flush.messages, flush.ms).")
                .unit(Unit.SECONDS).classicOnly().classicUpperBounds(FLUSH_BOUNDS).withoutExemplars().build();
        registry.register(flush);
        flushes = flush;
    }

    private static Counter topicCounter(PrometheusRegistry registry, String name, String help) {
        Counter counter = Counter.builder().name(name).help(help).labelNames("topic").withoutExemplars().build();
        registry.register(counter);
        return counter;
    }

    @Override
    public TopicTraffic topic(String topic) {
        return topics.computeIfAbsent(topic, Traffic::new);
    }

    @Override
    public void topicDeleted(String topic) {
        if (topics.remove(topic) != null) {
            bytesIn.remove(topic);
            bytesOut.remove(topic);
            recordsIn.remove(topic);
            recordsOut.remove(topic);
        }
    }

    @Override
    public void flushed(long nanos) {
        flushes.observe(nanos / 1e9);
    }

    /** The data points of one topic, resolved once. */
    private final class Traffic implements TopicTraffic {
        private final CounterDataPoint bytesInPoint;
        private final CounterDataPoint bytesOutPoint;
        private final CounterDataPoint recordsInPoint;
        private final CounterDataPoint recordsOutPoint;

        Traffic(String topic) {
            bytesInPoint = bytesIn.labelValues(topic);
            bytesOutPoint = bytesOut.labelValues(topic);
            recordsInPoint = recordsIn.labelValues(topic);
            recordsOutPoint = recordsOut.labelValues(topic);
        }

        @Override
        public void appended(long bytes, long records) {
            bytesInPoint.inc(bytes);
            recordsInPoint.inc(records);
        }

        @Override
        public void fetched(long bytes, long records) {
            bytesOutPoint.inc(bytes);
            recordsOutPoint.inc(records);
        }
    }
}
