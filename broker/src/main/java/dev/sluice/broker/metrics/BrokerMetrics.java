package dev.sluice.broker.metrics;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.groups.GroupState;
import dev.sluice.broker.handlers.Purgatory;
import dev.sluice.replication.Partition;
import dev.sluice.replication.ReplicaManager;
import dev.sluice.replication.ReplicaMetrics;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of one broker: its own registry (several brokers may share a JVM, as in tests), JVM and process
 * metrics, and the broker's storage, partition and purgatory metrics. Values that can be read from existing
 * state (offsets, sizes, queue lengths) are computed when scraped, so they cost nothing on request paths.
 * Thread-safe.
 */
public final class BrokerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final StorageMetrics storage = new StorageMetrics(registry);
    private volatile double recoverySeconds = Double.NaN;

    public BrokerMetrics() {
        // Registered one by one: JvmMetrics remembers every registry it served in a static set, which would keep
        // each stopped broker reachable. Allocation metrics are left out because they add GC listeners for good.
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        GaugeWithCallback.builder().name("sluice_log_recovery_duration_seconds")
                .help("Time the last start took to load the partition logs, recovering those not closed cleanly; "
                        + "absent until loading is done.")
                .unit(Unit.SECONDS)
                .callback(cb -> {
                    double seconds = recoverySeconds;
                    if (!Double.isNaN(seconds)) {
                        cb.call(seconds);
                    }
                })
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** What the partition layer reports to: per-topic traffic and flush latency. */
    public ReplicaMetrics replicaMetrics() {
        return storage;
    }

    public void logsLoaded(long nanos) {
        recoverySeconds = nanos / 1e9;
    }

    /** Per-partition gauges, read from the logs when scraped. */
    public void registerPartitions(ReplicaManager replicas) {
        partitionGauge(replicas, "sluice_partition_log_end_offset", "Offset the next appended record gets.",
                Partition::logEndOffset);
        partitionGauge(replicas, "sluice_partition_log_start_offset", "Earliest offset still readable.",
                Partition::logStartOffset);
        partitionGauge(replicas, "sluice_partition_high_watermark", "Offset up to which records are committed "
                + "and readable by consumers.", Partition::highWatermark);
        partitionGauge(replicas, "sluice_partition_size_bytes", "Bytes of the partition's log segment files.",
                Partition::sizeInBytes);
        partitionGauge(replicas, "sluice_partition_segments", "Segments of the partition's log.",
                Partition::segmentCount);
    }

    private void partitionGauge(ReplicaManager replicas, String name, String help, ToDoubleFunction<Partition> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("topic", "partition")
                .callback(cb -> {
                    for (Partition partition : replicas.partitions()) {
                        cb.call(value.applyAsDouble(partition), partition.topicPartition().topic(),
                                Integer.toString(partition.topicPartition().partition()));
                    }
                })
                .register(registry);
    }

    /**
     * Group metrics, read from the coordinator in one pass per scrape; lag is measured to each high watermark.
     */
    public void registerGroups(GroupCoordinator coordinator, ReplicaManager replicas) {
        registry.register(() -> {
            List<GroupCoordinator.Summary> groups = coordinator.summaries(partition -> {
                Partition found = replicas.partition(partition);
                return found == null ? -1 : found.highWatermark();
            });
            Map<GroupState, Integer> counts = new EnumMap<>(GroupState.class);
            for (GroupState state : GroupState.values()) {
                if (state != GroupState.DEAD) {
                    counts.put(state, 0);
                }
            }
            groups.forEach(group -> counts.merge(group.state(), 1, Integer::sum));
            GaugeSnapshot.Builder byState = GaugeSnapshot.builder().name("sluice_groups")
                    .help("Consumer groups the coordinator holds, by state.");
            counts.forEach((state, count) -> byState.dataPoint(point(count, "state", state.displayName())));
            return MetricSnapshots.of(byState.build(),
                    groupGauge(groups, "sluice_group_members", "Members of the group.",
                            GroupCoordinator.Summary::members),
                    groupGauge(groups, "sluice_group_generation", "Generation of the group; each completed "
                            + "rebalance starts the next.", GroupCoordinator.Summary::generation),
                    groupGauge(groups, "sluice_group_lag_records", "Records between the group's committed offsets "
                            + "and the high watermarks of their partitions, summed over the partitions.",
                            GroupCoordinator.Summary::lag),
                    groupGauge(groups, "sluice_group_lag_max_records", "The largest lag of one of the group's "
                            + "partitions.", GroupCoordinator.Summary::maxLag));
        });
    }

    private static GaugeSnapshot groupGauge(List<GroupCoordinator.Summary> groups, String name, String help,
                                            ToDoubleFunction<GroupCoordinator.Summary> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        groups.forEach(group -> gauge.dataPoint(point(value.applyAsDouble(group), "group", group.groupId())));
        return gauge.build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, String label, String labelValue) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(label, labelValue)).build();
    }

    public void registerPurgatory(Purgatory purgatory) {
        GaugeWithCallback.builder().name("sluice_purgatory_fetch_waiting")
                .help("Fetch requests waiting for min_bytes of data or for max_wait_ms to pass.")
                .callback(cb -> cb.call(purgatory.waitingFetches())).register(registry);
        GaugeWithCallback.builder().name("sluice_purgatory_produce_waiting")
                .help("Produce requests waiting for the fsync flush.messages asks for before they are acknowledged.")
                .callback(cb -> cb.call(purgatory.waitingProduces())).register(registry);
    }
}
