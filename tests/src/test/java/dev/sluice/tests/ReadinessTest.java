package dev.sluice.tests;

import dev.sluice.broker.Broker;
import dev.sluice.config.BrokerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ready} tells load balancers and orchestrators whether the broker serves clients yet. */
class ReadinessTest {
    @Test
    void readyIsUnavailableUntilLogsAreLoadedAndTheListenerAccepts(@TempDir Path dataDir) throws Exception {
        BrokerConfig config = BrokerConfig.of(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dataDir.toString(), "metrics.listener", "127.0.0.1:0"));
        CompletableFuture<InetSocketAddress> metricsUp = new CompletableFuture<>();
        CountDownLatch loadLogs = new CountDownLatch(1);
        CompletableFuture<Broker> started = CompletableFuture.supplyAsync(() -> {
            try {
                return Broker.start(config, address -> {
                    metricsUp.complete(address);
                    try {
                        // Holds the start at the point where logs are about to be loaded.
                        assertTrue(loadLogs.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String url = "http://127.0.0.1:" + metricsUp.get(30, TimeUnit.SECONDS).getPort();
        try {
            assertEquals(503, Scrape.get(url + "/ready", null).statusCode(), "ready before the logs are loaded");
            assertEquals(200, Scrape.get(url + "/health", null).statusCode(), "healthy while starting");
            assertTrue(Scrape.of(url).has("jvm_threads_current"), "metrics are served while starting");
            loadLogs.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Scrape.get(url + "/ready", null).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "not ready within 30 s");
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            try (Socket kafka = new Socket("127.0.0.1", started.get(30, TimeUnit.SECONDS).port())) {
                assertTrue(kafka.isConnected(), "the Kafka listener accepts once ready");
            }
        } finally {
            loadLogs.countDown();
            started.get(30, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void metricsEndpointCanBeTurnedOff(@TempDir Path dataDir) throws Exception {
        BrokerConfig config = BrokerConfig.of(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dataDir.toString(), "metrics.listener", "none"));
        try (Broker broker = Broker.start(config)) {
            assertEquals(null, broker.metricsAddress());
        }
    }
}
