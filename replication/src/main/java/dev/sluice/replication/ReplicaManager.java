package dev.sluice.replication;

import dev.sluice.config.BrokerConfig;
import dev.sluice.replication.metadata.ClusterMetadata;
import dev.sluice.replication.metadata.MetadataListener;
import dev.sluice.replication.metadata.TopicMetadata;
import dev.sluice.storage.Log;
import dev.sluice.storage.LogConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The partitions this broker hosts: opens (and recovers) their logs at startup, follows metadata changes
 * (create, delete, add partitions, config changes), and runs the periodic retention and time-based flush.
 *
 * <p>The partition table is a concurrent map read by request handlers on any thread; it is changed only by
 * metadata listeners, which the metadata store calls one change at a time.
 */
public final class ReplicaManager implements MetadataListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);
    private static final int LEADER_EPOCH = 0;

    private final LogDirectories dirs;
    private final Supplier<BrokerConfig> brokerConfig;
    private final ClusterMetadata metadata;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final ReplicaMetrics metrics;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final Map<Uuid, String> topicNames = new ConcurrentHashMap<>();

    public ReplicaManager(LogDirectories dirs, Supplier<BrokerConfig> brokerConfig, ClusterMetadata metadata,
                          ScheduledExecutorService scheduler, Clock clock, ReplicaMetrics metrics) {
        this.dirs = dirs;
        this.brokerConfig = brokerConfig;
        this.metadata = metadata;
        this.scheduler = scheduler;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Opens every partition in the metadata, removes logs of deleted topics, starts periodic work. */
    public void startup() throws IOException {
        long start = System.nanoTime();
        dirs.removeStaleLogs(metadata.topics());
        for (TopicMetadata topic : metadata.topics()) {
            try {
                openPartitions(topic, 0, false);
            } catch (RuntimeException e) {
                log.error("Cannot open topic {}; its partitions stay offline until this is fixed", topic.name(), e);
            }
        }
        metadata.addListener(this);
        BrokerConfig config = brokerConfig.get();
        long retentionEvery = config.logRetentionCheckIntervalMs();
        scheduler.scheduleWithFixedDelay(this::enforceRetention, retentionEvery, retentionEvery, TimeUnit.MILLISECONDS);
        long flushEvery = config.logFlushSchedulerIntervalMs();
        scheduler.scheduleWithFixedDelay(this::flushByTime, flushEvery, flushEvery, TimeUnit.MILLISECONDS);
        log.info("Loaded {} partitions in {} ms", partitions.size(), (System.nanoTime() - start) / 1_000_000);
    }

    public Partition partition(TopicPartition topicPartition) {
        return partitions.get(topicPartition);
    }

    /** The partition of the topic with this id, or null if the id is unknown here. */
    public Partition partition(Uuid topicId, int partition) {
        String name = topicNames.get(topicId);
        return name == null ? null : partitions.get(new TopicPartition(name, partition));
    }

    public Collection<Partition> partitions() {
        return partitions.values();
    }

    public LogDirectories logDirectories() {
        return dirs;
    }

    @Override
    public void topicCreated(TopicMetadata topic) {
        openPartitions(topic, 0, true);
    }

    @Override
    public void topicDeleted(TopicMetadata topic) {
        topicNames.remove(topic.id());
        List<Partition> removed = new java.util.ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            Partition partition = partitions.remove(new TopicPartition(topic.name(), p));
            if (partition != null) {
                removed.add(partition);
            }
        }
        for (Partition partition : removed) {
            try {
                partition.delete();
            } catch (RuntimeException e) {
                log.error("Cannot remove the log of {}; it is removed at the next start", partition, e);
            }
        }
        metrics.topicDeleted(topic.name());
        log.info("Deleted topic {} ({} partitions)", topic.name(), topic.partitions());
    }

    @Override
    public void partitionsAdded(TopicMetadata before, TopicMetadata after) {
        openPartitions(after, before.partitions(), true);
    }

    @Override
    public void topicConfigsChanged(TopicMetadata topic) {
        var config = LogConfigs.of(brokerConfig.get(), topic.configs());
        for (int p = 0; p < topic.partitions(); p++) {
            Partition partition = partitions.get(new TopicPartition(topic.name(), p));
            if (partition != null) {
                partition.updateConfig(config);
            }
        }
    }

    @Override
    public void brokerConfigsChanged() {
        metadata.topics().forEach(this::topicConfigsChanged);
    }

    private void openPartitions(TopicMetadata topic, int from, boolean newPartitions) {
        topicNames.put(topic.id(), topic.name());
        var config = LogConfigs.of(brokerConfig.get(), topic.configs());
        TopicTraffic traffic = metrics.topic(topic.name());
        for (int p = from; p < topic.partitions(); p++) {
            TopicPartition tp = new TopicPartition(topic.name(), p);
            try {
                openPartition(tp, topic, config, traffic, newPartitions);
            } catch (RuntimeException e) {
                if (newPartitions) {
                    throw e;
                }
                // An existing partition that cannot be opened stays offline; the others of its topic still serve.
                log.error("Cannot open the log of {}; it stays offline until this is fixed", tp, e);
            }
        }
    }

    private void openPartition(TopicPartition tp, TopicMetadata topic, LogConfig config, TopicTraffic traffic,
                               boolean isNew) {
        try {
            Path dir = dirs.partitionDir(tp, topic.id(), isNew);
            Log partitionLog = Log.open(dir, config, clock, scheduler);
            partitions.put(tp, new Partition(tp, topic.id(), partitionLog, LEADER_EPOCH, scheduler, dir.getParent(),
                    traffic, metrics));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the log of " + tp, e);
        }
    }

    private void enforceRetention() {
        for (Partition partition : partitions.values()) {
            try {
                partition.enforceRetention();
            } catch (RuntimeException e) {
                log.error("Retention failed for {}", partition, e);
            }
        }
    }

    private void flushByTime() {
        for (Partition partition : partitions.values()) {
            try {
                partition.maybeFlushByTime();
            } catch (RuntimeException e) {
                log.error("Flush failed for {}", partition, e);
            }
        }
    }

    /** Closes every log cleanly, so the next start skips recovery. */
    @Override
    public void close() {
        List<Partition> all = List.copyOf(partitions.values());
        partitions.clear();
        for (Partition partition : all) {
            try {
                partition.close();
            } catch (RuntimeException e) {
                log.error("Failed to close {}", partition, e);
            }
        }
    }
}
