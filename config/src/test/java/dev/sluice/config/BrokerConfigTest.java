package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {
    @TempDir
    Path dir;

    @Test
    void emptyConfigurationTakesKafkaDefaults() {
        BrokerConfig c = BrokerConfig.of(Map.of());
        assertEquals(1, c.nodeId());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "", 9092)), c.listeners());
        assertEquals(c.listeners(), c.advertisedListeners());
        assertEquals(List.of(Path.of("/tmp/sluice-logs")), c.logDirs());
        assertEquals(1, c.numPartitions());
        assertEquals(1, c.defaultReplicationFactor());
        assertTrue(c.autoCreateTopicsEnable());
        assertTrue(c.deleteTopicEnable());
        assertEquals(1048588, c.messageMaxBytes());
        assertEquals(104857600, c.socketRequestMaxBytes());
        assertEquals(-1, c.socketSendBufferBytes());
        assertEquals(-1, c.socketReceiveBufferBytes());
        assertEquals(3, c.numNetworkThreads());
        assertEquals(8, c.numIoThreads());
        assertEquals(600000L, c.connectionsMaxIdleMs());
        assertEquals(300000L, c.logRetentionCheckIntervalMs());
        assertEquals(Long.MAX_VALUE, c.logFlushSchedulerIntervalMs());
        assertEquals(86400000, c.producerIdExpirationMs());
        assertEquals("auto", c.networkIoMode());
        assertEquals((short) 3, c.offsetsTopicReplicationFactor());
        assertEquals(50, c.offsetsTopicNumPartitions());
        assertFalse(c.usingEmbeddedDefault());
    }

    @Test
    void noFileMeansTheEmbeddedSingleNodeDefault() {
        BrokerConfig c = BrokerConfig.load(null, Map.of());
        assertTrue(c.usingEmbeddedDefault());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9092)), c.listeners());
        assertEquals(List.of(Path.of("./data")), c.logDirs());
        assertEquals((short) 1, c.offsetsTopicReplicationFactor());
        assertEquals((short) 1, c.transactionStateLogReplicationFactor());
        assertEquals(1, c.transactionStateLogMinIsr());
    }

    @Test
    void fileValuesApplyAndOverridesWinOverThem() throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "# a comment\n\n  node.id = 4 \nnum.partitions=3\n! another comment\n"
                + "listeners=PLAINTEXT://:0\nlog.dirs=/a,/b\n");
        BrokerConfig c = BrokerConfig.load(file, Map.of("num.partitions", "6", "network.io.mode", "nio"));
        assertFalse(c.usingEmbeddedDefault());
        assertEquals(4, c.nodeId());
        assertEquals(6, c.numPartitions());
        assertEquals("nio", c.networkIoMode());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "", 0)), c.listeners());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), c.logDirs());
    }

    @Test
    void exampleServerPropertiesIsValid() {
        BrokerConfig c = BrokerConfig.load(Path.of(System.getProperty("user.dir")).resolve("server.properties"),
                Map.of());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "localhost", 9092)), c.advertisedListeners());
        assertEquals(List.of(Path.of("./data")), c.logDirs());
    }

    @Test
    void overridesApplyOnTopOfTheEmbeddedDefault() {
        BrokerConfig c = BrokerConfig.load(null, Map.of("listeners", "PLAINTEXT://127.0.0.1:0"));
        assertEquals(0, c.listeners().get(0).port());
        assertEquals(List.of(Path.of("./data")), c.logDirs());
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "node.id=1\nnot a property\n");
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.load(file, Map.of()));
        assertTrue(e.getMessage().startsWith(file + ":2: expected key=value"), e.getMessage());
    }

    @Test
    void missingFileIsAConfigurationError() {
        Path missing = dir.resolve("missing.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.load(missing, Map.of()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void invalidValueInFileIsReportedWithKeyAndRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("log.segment.bytes", "abc")));
        assertEquals("Invalid value 'abc' for configuration log.segment.bytes: must be a 32-bit integer, "
                + "at least 1048576", e.getMessage());
    }

    @Test
    void logDirsFallsBackToLogDir() {
        assertEquals(List.of(Path.of("/x")), BrokerConfig.of(Map.of("log.dir", "/x")).logDirs());
        assertEquals(List.of(Path.of("/y")), BrokerConfig.of(Map.of("log.dir", "/x", "log.dirs", "/y")).logDirs());
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("log.dirs", "")));
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("log.dirs", "/a,/a")));
    }

    @Test
    void listenersMustBeWellFormedAndDistinctlyNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("listeners", "PLAINTEXT://localhost")));
        assertTrue(e.getMessage().startsWith("Invalid value 'PLAINTEXT://localhost' for configuration listeners: "),
                e.getMessage());
        assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("listeners", "PLAINTEXT://:1,plaintext://:2")));
        assertEquals(2, BrokerConfig.of(Map.of("listeners", "PLAINTEXT://:1,INTERNAL://:2")).listeners().size());
    }

    @Test
    void advertisedListenersMustUseKnownNamesAndRoutableHosts() {
        Map<String, String> base = Map.of("listeners", "PLAINTEXT://:9092");
        BrokerConfig ok = BrokerConfig.of(with(base, "advertised.listeners", "PLAINTEXT://broker1:9092"));
        assertEquals(List.of(new Endpoint("PLAINTEXT", "broker1", 9092)), ok.advertisedListeners());
        assertThrows(ConfigException.class,
                () -> BrokerConfig.of(with(base, "advertised.listeners", "OTHER://broker1:9092")));
        assertThrows(ConfigException.class,
                () -> BrokerConfig.of(with(base, "advertised.listeners", "PLAINTEXT://0.0.0.0:9092")));
    }

    @Test
    void networkIoModeAcceptsOnlyKnownTransports() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("network.io.mode", "io_uring")));
        assertEquals("Invalid value 'io_uring' for configuration network.io.mode: must be one of: auto, epoll, nio",
                e.getMessage());
    }

    @Test
    void metricsListenerDefaultsToLoopbackAndCanBeTurnedOff() {
        assertEquals(new Endpoint("", "127.0.0.1", 9644), BrokerConfig.of(Map.of()).metricsListener());
        assertEquals(new Endpoint("", "", 0), BrokerConfig.of(Map.of("metrics.listener", ":0")).metricsListener());
        assertEquals(new Endpoint("", "::1", 9100),
                BrokerConfig.of(Map.of("metrics.listener", "[::1]:9100")).metricsListener());
        assertNull(BrokerConfig.of(Map.of("metrics.listener", "none")).metricsListener());
        assertNull(BrokerConfig.of(Map.of("metrics.listener", "")).metricsListener());
    }

    @Test
    void metricsListenerNeedsAPort() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfig.of(Map.of("metrics.listener", "localhost")));
        assertTrue(e.getMessage().contains("metrics.listener"), e.getMessage());
        assertThrows(ConfigException.class, () -> BrokerConfig.of(Map.of("metrics.listener", "localhost:70000")));
    }

    @Test
    void dynamicValueWinsOverStaticAndRemovingItRestoresStatic() {
        BrokerConfig base = BrokerConfig.of(Map.of("message.max.bytes", "2000"));
        BrokerConfig updated = base.withDynamic(Map.of("message.max.bytes", "3000"));
        assertEquals(3000, updated.messageMaxBytes());
        assertEquals(2000, base.messageMaxBytes());
        assertEquals(Map.of("message.max.bytes", "3000"), updated.dynamicOverrides());
        Map<String, String> removal = new HashMap<>();
        removal.put("message.max.bytes", null);
        BrokerConfig restored = updated.withDynamic(removal);
        assertEquals(2000, restored.messageMaxBytes());
        assertEquals(Map.of(), restored.dynamicOverrides());
    }

    @Test
    void dynamicUpdatesAccumulate() {
        BrokerConfig c = BrokerConfig.of(Map.of())
                .withDynamic(Map.of("message.max.bytes", "4000"))
                .withDynamic(Map.of("log.retention.bytes", "100"));
        assertEquals(4000, c.messageMaxBytes());
        assertEquals(100L, c.get("log.retention.bytes"));
    }

    @Test
    void withDynamicRejectsStaticKeys() {
        BrokerConfig c = BrokerConfig.of(Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> c.withDynamic(Map.of("log.dirs", "/z")));
        assertEquals("log.dirs", e.key());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertThrows(ConfigException.class, () -> c.withDynamic(Map.of("log.retention.hours", "1")));
        assertThrows(ConfigException.class, () -> c.withDynamic(Map.of("no.such.key", "1")));
        assertThrows(ConfigException.class, () -> c.withDynamic(Map.of("message.max.bytes", "-1")));
    }

    @Test
    void describeReportsSourceReadOnlyAndSynonymsForEveryKey() {
        BrokerConfig c = BrokerConfig.of(Map.of("message.max.bytes", "2000", "node.id", "2"))
                .withDynamic(Map.of("message.max.bytes", "3000"));
        Map<String, ConfigEntry> entries = c.describe().stream()
                .collect(Collectors.toMap(ConfigEntry::name, Function.identity()));
        assertEquals(BrokerConfig.DEF.keys().keySet(), entries.keySet());

        ConfigEntry maxBytes = entries.get("message.max.bytes");
        assertEquals("3000", maxBytes.value());
        assertEquals(ConfigSource.DYNAMIC_BROKER, maxBytes.source());
        assertFalse(maxBytes.readOnly());
        assertEquals(List.of(new Synonym("message.max.bytes", "3000", ConfigSource.DYNAMIC_BROKER),
                new Synonym("message.max.bytes", "2000", ConfigSource.STATIC_BROKER),
                new Synonym("message.max.bytes", "1048588", ConfigSource.DEFAULT)), maxBytes.synonyms());

        ConfigEntry nodeId = entries.get("node.id");
        assertEquals(ConfigSource.STATIC_BROKER, nodeId.source());
        assertTrue(nodeId.readOnly());
        assertEquals(ConfigType.INT, nodeId.type());

        ConfigEntry retentionMs = entries.get("log.retention.ms");
        assertNull(retentionMs.value());
        assertEquals(ConfigSource.DEFAULT, retentionMs.source());
        assertEquals(List.of(), retentionMs.synonyms());
    }

    @Test
    void getRejectsUnknownKeys() {
        BrokerConfig c = BrokerConfig.of(Map.of());
        assertEquals(1048588, c.get("message.max.bytes"));
        assertThrows(ConfigException.class, () -> c.get("message.max.byte"));
    }

    @Test
    void dynamicKeysFollowKafkasClusterWideUpdateMode() {
        for (String key : List.of("message.max.bytes", "log.segment.bytes", "log.roll.ms", "log.retention.ms",
                "log.retention.bytes", "log.flush.interval.ms", "log.cleanup.policy", "compression.type",
                "min.insync.replicas", "producer.id.expiration.ms")) {
            assertTrue(BrokerConfig.DEF.key(key).dynamic(), key);
        }
        for (String key : List.of("node.id", "listeners", "log.dirs", "log.retention.hours", "log.retention.minutes",
                "log.roll.hours", "log.retention.check.interval.ms", "log.flush.scheduler.interval.ms",
                "socket.request.max.bytes", "network.io.mode", "num.io.threads", "num.network.threads")) {
            assertFalse(BrokerConfig.DEF.key(key).dynamic(), key);
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
