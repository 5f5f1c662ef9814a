package dev.sluice.broker;

import dev.sluice.broker.groups.GroupCoordinator;
import dev.sluice.broker.groups.LogOffsetStore;
import dev.sluice.broker.handlers.AlterConfigsHandler;
import dev.sluice.broker.handlers.ApiHandlers;
import dev.sluice.broker.handlers.ApiVersionsHandler;
import dev.sluice.broker.handlers.CreatePartitionsHandler;
import dev.sluice.broker.handlers.CreateTopicsHandler;
import dev.sluice.broker.handlers.DeleteGroupsHandler;
import dev.sluice.broker.handlers.DeleteRecordsHandler;
import dev.sluice.broker.handlers.DeleteTopicsHandler;
import dev.sluice.broker.handlers.DescribeClusterHandler;
import dev.sluice.broker.handlers.DescribeConfigsHandler;
import dev.sluice.broker.handlers.DescribeGroupsHandler;
import dev.sluice.broker.handlers.DescribeLogDirsHandler;
import dev.sluice.broker.handlers.FetchHandler;
import dev.sluice.broker.handlers.FindCoordinatorHandler;
import dev.sluice.broker.handlers.HeartbeatHandler;
import dev.sluice.broker.handlers.IncrementalAlterConfigsHandler;
import dev.sluice.broker.handlers.InitProducerIdHandler;
import dev.sluice.broker.handlers.JoinGroupHandler;
import dev.sluice.broker.handlers.LeaveGroupHandler;
import dev.sluice.broker.handlers.ListGroupsHandler;
import dev.sluice.broker.handlers.ListOffsetsHandler;
import dev.sluice.broker.handlers.MetadataHandler;
import dev.sluice.broker.handlers.OffsetCommitHandler;
import dev.sluice.broker.handlers.OffsetDeleteHandler;
import dev.sluice.broker.handlers.OffsetFetchHandler;
import dev.sluice.broker.handlers.OffsetForLeaderEpochHandler;
import dev.sluice.broker.handlers.ProduceHandler;
import dev.sluice.broker.handlers.Purgatory;
import dev.sluice.broker.handlers.SyncGroupHandler;
import dev.sluice.broker.metrics.BrokerMetrics;
import dev.sluice.broker.metrics.MetricsServer;
import dev.sluice.broker.network.ConnectionStats;
import dev.sluice.broker.network.KafkaServer;
import dev.sluice.broker.network.RequestMetrics;
import dev.sluice.config.BrokerConfig;
import dev.sluice.config.Endpoint;
import dev.sluice.replication.LogDirectories;
import dev.sluice.replication.ProducerIdBlocks;
import dev.sluice.replication.ReplicaManager;
import dev.sluice.replication.metadata.LocalClusterMetadata;
import dev.sluice.replication.metadata.MetadataListener;
import dev.sluice.replication.metadata.TopicMetadata;
import org.apache.kafka.common.protocol.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running broker: opens the metrics endpoint (so {@code /ready} can say 503 meanwhile), loads the cluster
 * metadata and every partition (recovering logs after an unclean stop), then opens the Kafka listener and
 * reports ready. {@link #close()} stops accepting requests first and closes the logs cleanly last, so the next
 * start skips recovery.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final AtomicBoolean PREPARING = new AtomicBoolean();

    private final Parts parts;
    private final BrokerNode node;
    private boolean closed;

    private Broker(Parts parts, BrokerNode node) {
        this.parts = parts;
        this.node = node;
    }

    /** What a start has built so far, so a failed start can release exactly that. */
    private static final class Parts {
        final AtomicBoolean ready = new AtomicBoolean();
        MetricsServer metricsServer;
        InetSocketAddress metricsAddress;
        ScheduledExecutorService background;
        LocalClusterMetadata metadata;
        ReplicaManager replicas;
        KafkaServer server;
    }

    /**
     * Sets up, on another thread, the classes a start needs that cost most on a fresh JVM: the metadata store's
     * JSON mapper and the protocol's message schemas, about a tenth of a second each. A launcher calls this as
     * early as it can, so that the work overlaps its own (parsing the command line); {@link #start} calls it too.
     * Only the first call does anything.
     */
    public static void prepareClasses() {
        if (PREPARING.compareAndSet(false, true)) {
            Thread preparing = new Thread(() -> {
                LocalClusterMetadata.prepare();
                ApiKeys.values();
            }, "sluice-startup");
            preparing.setDaemon(true);
            preparing.start();
        }
    }

    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        return start(config, address -> { });
    }

    /**
     * Starts a broker. {@code beforeLoadingLogs} is called on the starting thread once the metrics endpoint
     * serves (with its address, or null when {@code metrics.listener} is off) and before any log is loaded,
     * which lets a caller watch {@code /ready} during that phase.
     */
    public static Broker start(BrokerConfig config, Consumer<InetSocketAddress> beforeLoadingLogs)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        prepareClasses();
        BrokerMetrics metrics = new BrokerMetrics();
        Parts parts = new Parts();
        try {
            Endpoint metricsListener = config.metricsListener();
            if (metricsListener != null) {
                parts.metricsServer = new MetricsServer(metrics.registry(), parts.ready::get);
                parts.metricsAddress = parts.metricsServer.bind(metricsListener.host(), metricsListener.port());
            }
            beforeLoadingLogs.accept(parts.metricsAddress);
            LogDirectories dirs = new LogDirectories(config.logDirs());
            parts.metadata = LocalClusterMetadata.open(dirs.primary());
            parts.background = backgroundThreads(config.numIoThreads());
            DynamicBrokerConfig dynamic = new DynamicBrokerConfig(config, parts.metadata);
            parts.metadata.addListener(dynamic);
            parts.replicas = new ReplicaManager(dirs, dynamic::current, parts.metadata, parts.background,
                    Clock.systemUTC(), metrics.replicaMetrics());
            metrics.registerPartitions(parts.replicas);
            long loading = System.nanoTime();
            parts.replicas.startup();
            metrics.logsLoaded(System.nanoTime() - loading);
            Endpoint listener = config.listeners().get(0);
            parts.server = new KafkaServer(new KafkaServer.Settings(config.numNetworkThreads(), config.networkIoMode(),
                    config.socketRequestMaxBytes(), config.connectionsMaxIdleMs(), config.socketSendBufferBytes(),
                    config.socketReceiveBufferBytes()));
            InetSocketAddress bound = parts.server.bind(listener.host(), listener.port());
            BrokerNode node = new BrokerNode(dynamic, parts.metadata, parts.replicas,
                    new ProducerIdBlocks(parts.metadata), advertised(config, bound));
            Purgatory purgatory = new Purgatory();
            metrics.registerPurgatory(purgatory);
            LogOffsetStore offsets = new LogOffsetStore(node);
            GroupCoordinator groups = new GroupCoordinator(offsets, new GroupCoordinator.Settings(
                    config.groupMinSessionTimeoutMs(), config.groupMaxSessionTimeoutMs(),
                    config.groupInitialRebalanceDelayMs(), config.offsetMetadataMaxBytes(),
                    TimeUnit.MINUTES.toMillis(config.offsetsRetentionMinutes()),
                    config.offsetsRetentionCheckIntervalMs()), System::currentTimeMillis);
            groups.load();
            // Offsets of topics deleted while the broker was down (by the metadata: a partition that failed to
            // open still exists), and from now on of each topic deleted, off the deleting thread's metadata lock.
            LocalClusterMetadata metadata = parts.metadata;
            groups.removeOffsets(partition -> {
                TopicMetadata topic = metadata.topic(partition.topic());
                return topic == null || partition.partition() >= topic.partitions();
            });
            ScheduledExecutorService background = parts.background;
            metadata.addListener(new MetadataListener() {
                @Override
                public void topicDeleted(TopicMetadata topic) {
                    background.execute(() -> groups.removeOffsets(partition -> partition.topic().equals(topic.name())));
                }
            });
            metrics.registerGroups(groups, parts.replicas);
            groups.start(parts.background);
            ApiHandlers handlers = handlerTable(node, purgatory, offsets, groups);
            parts.server.accept(handlers, new RequestMetrics(metrics.registry(), handlers, parts.server.stats()));
            parts.ready.set(true);
            log.info("Broker {} of cluster {} started in {} ms, advertised as {}:{}", config.nodeId(),
                    parts.metadata.clusterId(), (System.nanoTime() - started) / 1_000_000, node.endpoint().host(),
                    node.endpoint().port());
            return new Broker(parts, node);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(parts);
            throw e;
        }
    }

    private static ApiHandlers handlerTable(BrokerNode node, Purgatory purgatory, LogOffsetStore offsets,
                                            GroupCoordinator groups) {
        ApiHandlers[] table = new ApiHandlers[1];
        table[0] = new ApiHandlers(List.of(
                new ApiVersionsHandler(() -> table[0], node),
                new MetadataHandler(node),
                new ProduceHandler(node, purgatory),
                new FetchHandler(node, purgatory),
                new ListOffsetsHandler(node),
                new InitProducerIdHandler(node),
                new CreateTopicsHandler(node),
                new DeleteTopicsHandler(node),
                new CreatePartitionsHandler(node),
                new DescribeConfigsHandler(node),
                new AlterConfigsHandler(node),
                new IncrementalAlterConfigsHandler(node),
                new DeleteRecordsHandler(node),
                new DescribeClusterHandler(node),
                new OffsetForLeaderEpochHandler(node),
                new DescribeLogDirsHandler(node),
                new FindCoordinatorHandler(node, offsets),
                new JoinGroupHandler(groups),
                new SyncGroupHandler(groups),
                new HeartbeatHandler(groups),
                new LeaveGroupHandler(groups),
                new OffsetCommitHandler(node, groups),
                new OffsetFetchHandler(node, groups),
                new ListGroupsHandler(groups),
                new DescribeGroupsHandler(groups),
                new DeleteGroupsHandler(groups),
                new OffsetDeleteHandler(node, groups)));
        return table[0];
    }

    /** The advertised listener, with the bound port when it asks for port 0 and a real host when it names none. */
    private static BrokerNode.Endpoint advertised(BrokerConfig config, InetSocketAddress bound) throws UnknownHostException {
        Endpoint advertised = config.advertisedListeners().get(0);
        String host = advertised.host();
        if (host == null || host.isEmpty()) {
            host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLocalHost().getCanonicalHostName()
                    : bound.getHostString();
        }
        int port = advertised.port() == 0 ? bound.getPort() : advertised.port();
        return new BrokerNode.Endpoint(host, port);
    }

    private static ScheduledExecutorService backgroundThreads(int threads) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "sluice-background-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // Delayed segment-file deletions must not hold up shutdown; the next start removes leftover files.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    public BrokerNode node() {
        return node;
    }

    /** The port clients connect to. */
    public int port() {
        return node.endpoint().port();
    }

    public ConnectionStats connectionStats() {
        return parts.server.stats();
    }

    /** Where {@code /metrics}, {@code /health} and {@code /ready} are served, or null when that is off. */
    public InetSocketAddress metricsAddress() {
        return parts.metricsAddress;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(parts);
        log.info("Broker {} stopped", node.nodeId());
    }

    /** Stops whatever of the broker exists, listeners first and logs last, so logs close cleanly. */
    private static void stop(Parts parts) {
        parts.ready.set(false);
        if (parts.metricsServer != null) {
            parts.metricsServer.close();
        }
        if (parts.server != null) {
            parts.server.close();
        }
        if (parts.background != null) {
            parts.background.shutdown();
            try {
                parts.background.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (parts.replicas != null) {
            parts.replicas.close();
        }
        if (parts.metadata != null) {
            parts.metadata.close();
        }
    }
}
