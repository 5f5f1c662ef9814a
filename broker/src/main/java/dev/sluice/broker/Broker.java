package dev.sluice.broker;

import dev.sluice.broker.handlers.AlterConfigsHandler;
import dev.sluice.broker.handlers.ApiHandlers;
import dev.sluice.broker.handlers.ApiVersionsHandler;
import dev.sluice.broker.handlers.CreatePartitionsHandler;
import dev.sluice.broker.handlers.CreateTopicsHandler;
import dev.sluice.broker.handlers.DeleteRecordsHandler;
import dev.sluice.broker.handlers.DeleteTopicsHandler;
import dev.sluice.broker.handlers.DescribeClusterHandler;
import dev.sluice.broker.handlers.DescribeConfigsHandler;
import dev.sluice.broker.handlers.DescribeLogDirsHandler;
import dev.sluice.broker.handlers.FetchHandler;
import dev.sluice.broker.handlers.IncrementalAlterConfigsHandler;
import dev.sluice.broker.handlers.InitProducerIdHandler;
import dev.sluice.broker.handlers.ListOffsetsHandler;
import dev.sluice.broker.handlers.MetadataHandler;
import dev.sluice.broker.handlers.OffsetForLeaderEpochHandler;
import dev.sluice.broker.handlers.ProduceHandler;
import dev.sluice.broker.network.ConnectionStats;
import dev.sluice.broker.network.KafkaServer;
import dev.sluice.config.BrokerConfig;
import dev.sluice.config.Endpoint;
import dev.sluice.replication.LogDirectories;
import dev.sluice.replication.ProducerIdBlocks;
import dev.sluice.replication.ReplicaManager;
import dev.sluice.replication.metadata.LocalClusterMetadata;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running broker: loads the cluster metadata and every partition (recovering logs after an unclean
 * stop), then opens the Kafka listener. {@link #close()} stops accepting requests first and closes the
 * logs cleanly last, so the next start skips recovery.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final LocalClusterMetadata metadata;
    private final ScheduledExecutorService background;
    private final ReplicaManager replicas;
    private final KafkaServer server;
    private final BrokerNode node;
    private boolean closed;

    private Broker(LocalClusterMetadata metadata, ScheduledExecutorService background, ReplicaManager replicas,
                   KafkaServer server, BrokerNode node) {
        this.metadata = metadata;
        this.background = background;
        this.replicas = replicas;
        this.server = server;
        this.node = node;
    }

    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        long started = System.nanoTime();
        LogDirectories dirs = new LogDirectories(config.logDirs());
        LocalClusterMetadata metadata = LocalClusterMetadata.open(dirs.primary());
        ScheduledExecutorService background = backgroundThreads(config.numIoThreads());
        ReplicaManager replicas = null;
        KafkaServer server = null;
        try {
            DynamicBrokerConfig dynamic = new DynamicBrokerConfig(config, metadata);
            metadata.addListener(dynamic);
            replicas = new ReplicaManager(dirs, dynamic::current, metadata, background, Clock.systemUTC());
            replicas.startup();
            Endpoint listener = config.listeners().get(0);
            server = new KafkaServer(new KafkaServer.Settings(config.numNetworkThreads(), config.networkIoMode(),
                    config.socketRequestMaxBytes(), config.connectionsMaxIdleMs(), config.socketSendBufferBytes(),
                    config.socketReceiveBufferBytes()));
            InetSocketAddress bound = server.bind(listener.host(), listener.port());
            BrokerNode node = new BrokerNode(dynamic, metadata, replicas, new ProducerIdBlocks(metadata),
                    advertised(config, bound));
            server.accept(handlerTable(node));
            log.info("Broker {} of cluster {} started in {} ms, advertised as {}:{}", config.nodeId(),
                    metadata.clusterId(), (System.nanoTime() - started) / 1_000_000, node.endpoint().host(),
                    node.endpoint().port());
            return new Broker(metadata, background, replicas, server, node);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(server, background, replicas, metadata);
            throw e;
        }
    }

    private static ApiHandlers handlerTable(BrokerNode node) {
        ApiHandlers[] table = new ApiHandlers[1];
        table[0] = new ApiHandlers(List.of(
                new ApiVersionsHandler(() -> table[0], node),
                new MetadataHandler(node),
                new ProduceHandler(node),
                new FetchHandler(node),
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
                new DescribeLogDirsHandler(node)));
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
        return server.stats();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(server, background, replicas, metadata);
        log.info("Broker {} stopped", node.nodeId());
    }

    /** Stops whatever of the broker exists, listener first and logs last, so logs close cleanly. */
    private static void stop(KafkaServer server, ScheduledExecutorService background, ReplicaManager replicas,
                             LocalClusterMetadata metadata) {
        if (server != null) {
            server.close();
        }
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (replicas != null) {
            replicas.close();
        }
        metadata.close();
    }
}
