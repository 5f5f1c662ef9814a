package dev.sluice.tests;

import dev.sluice.tests.protocol.RawKafkaConnection;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics endpoint of a running broker, scraped over HTTP after real clients used it. */
class MetricsEndpointTest {
    private static final int RECORDS = 60;
    private static final int VALUE_BYTES = 100;

    @RegisterExtension
    static final TestBroker broker = TestBroker.perClass(Map.of());

    @Test
    void producedAndConsumedRecordsAreCountedPerTopicPartitionAndApi() throws Exception {
        String topic = "metered";
        broker.createTopic(topic, 1);
        Scrape before = Scrape.of(broker.metricsUrl());
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int i = 0; i < RECORDS; i++) {
                // One record per request: each send waits for its acknowledgement.
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[VALUE_BYTES])).get();
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            assertEquals(RECORDS, Records.read(consumer, new TopicPartition(topic, 0), 0, RECORDS).size());
        }
        Scrape after = awaitScrape("Produce latencies observed for every Produce request",
                s -> s.sum("sluice_network_requests_total", "api=Produce")
                        == s.value("sluice_network_request_duration_seconds_count", "api=Produce", "phase=send"));

        double bytesIn = after.value("sluice_topic_bytes_in_total", "topic=" + topic);
        assertEquals(RECORDS, after.value("sluice_topic_records_in_total", "topic=" + topic));
        assertTrue(bytesIn > RECORDS * VALUE_BYTES && bytesIn < RECORDS * (VALUE_BYTES + 120), "bytes in " + bytesIn);
        assertEquals(RECORDS, after.value("sluice_topic_records_out_total", "topic=" + topic));
        assertEquals(bytesIn, after.value("sluice_topic_bytes_out_total", "topic=" + topic),
                "stored batches are sent as they were received");

        double produces = after.sum("sluice_network_requests_total", "api=Produce")
                - before.sum("sluice_network_requests_total", "api=Produce");
        assertTrue(produces >= RECORDS, "Produce requests " + produces);
        assertTrue(after.sum("sluice_network_requests_total", "api=Fetch")
                > before.sum("sluice_network_requests_total", "api=Fetch"));
        for (String phase : new String[] {"queue", "handle", "send"}) {
            assertEquals(after.sum("sluice_network_requests_total", "api=Produce"),
                    after.value("sluice_network_request_duration_seconds_count", "api=Produce", "phase=" + phase),
                    phase);
        }
        assertTrue(after.value("sluice_network_request_duration_seconds_sum", "api=Produce", "phase=handle") > 0);

        String[] partition = {"topic=" + topic, "partition=0"};
        assertEquals(RECORDS, after.value("sluice_partition_log_end_offset", partition));
        assertEquals(RECORDS, after.value("sluice_partition_high_watermark", partition));
        assertEquals(0, after.value("sluice_partition_log_start_offset", partition));
        assertEquals(bytesIn, after.value("sluice_partition_size_bytes", partition), "the log holds the batches as produced");
        assertEquals(1, after.value("sluice_partition_segments", partition));

        assertTrue(after.value("sluice_network_connections_accepted_total") >= 2, "producer and consumer connections");
        assertTrue(after.has("sluice_network_connections_open"));
        assertTrue(after.has("sluice_network_connections_closed_total"));
        assertTrue(after.value("sluice_log_recovery_duration_seconds") >= 0);
        assertTrue(after.has("sluice_log_flush_duration_seconds_count"));
        assertTrue(after.value("jvm_memory_used_bytes", "area=heap") > 0);
        assertTrue(after.has("jvm_gc_collection_seconds_count"));
        assertTrue(after.value("jvm_threads_current") > 0);
        assertTrue(after.has("process_cpu_seconds_total"));
        awaitScrape("no fetch left waiting once the consumer is gone",
                s -> s.value("sluice_purgatory_fetch_waiting") == 0 && s.value("sluice_purgatory_produce_waiting") == 0);
    }

    @Test
    void fsyncedProducesObserveTheFlushHistogram() throws Exception {
        String topic = "synced";
        broker.createTopic(topic, 1);
        broker.sharedAdmin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry("flush.messages", "1"), AlterConfigOp.OpType.SET))))
                .all().get();
        double flushesBefore = Scrape.of(broker.metricsUrl()).value("sluice_log_flush_duration_seconds_count");
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[10])).get();
            }
        }
        double flushes = Scrape.of(broker.metricsUrl()).value("sluice_log_flush_duration_seconds_count") - flushesBefore;
        assertTrue(flushes >= 3, "one fsync per acknowledged produce, got " + flushes);
    }

    @Test
    void aFetchWaitingOnAConnectionThatClosesStopsWaiting() throws Exception {
        String topic = "abandoned-poll";
        broker.createTopic(topic, 1);
        FetchRequestData.FetchTopic wanted = new FetchRequestData.FetchTopic().setTopic(topic)
                .setPartitions(List.of(new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                        .setPartitionMaxBytes(1 << 20)));
        FetchRequestData tenMinutes = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(600_000).setMinBytes(1)
                .setMaxBytes(1 << 20).setTopics(List.of(wanted));
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            connection.sendRaw(RawKafkaConnection.frame(ApiKeys.FETCH, (short) 12, 1, tenMinutes));
            awaitScrape("the fetch waits for data", s -> s.value("sluice_purgatory_fetch_waiting") == 1);
        }
        awaitScrape("the fetch stopped waiting when its connection closed",
                s -> s.value("sluice_purgatory_fetch_waiting") == 0);
    }

    @Test
    void malformedFramesAndUnsupportedVersionsAreCountedAndCloseTheConnection() throws Exception {
        Scrape before = Scrape.of(broker.metricsUrl());
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            // Produce v9 header followed by bytes that are no Produce body.
            byte[] garbage = new byte[32];
            Arrays.fill(garbage, (byte) 0x7f);
            connection.sendRaw(frame((short) 0, (short) 9, garbage));
            connection.assertClosedByBroker("malformed Produce body");
        }
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            connection.sendRaw(frame((short) 0, (short) 2, new byte[0]));
            connection.assertClosedByBroker("Produce v2 is not served");
        }
        Scrape after = Scrape.of(broker.metricsUrl());
        assertEquals(2, after.value("sluice_network_bad_frames_total") - before.value("sluice_network_bad_frames_total"));
        String[] malformed = {"api=Produce", "version=9", "error=malformed"};
        // The codec itself dropped Produce v0-2, so the version is not used as a label value.
        String[] unsupported = {"api=Produce", "version=unknown", "error=unsupported_version"};
        assertEquals(1, after.sum("sluice_network_request_errors_total", malformed)
                - before.sum("sluice_network_request_errors_total", malformed));
        assertEquals(1, after.sum("sluice_network_request_errors_total", unsupported)
                - before.sum("sluice_network_request_errors_total", unsupported));
    }

    @Test
    void healthAndReadinessAnswerOkOnceStartedAndUnknownPathsAreNotFound() throws Exception {
        assertEquals(200, Scrape.get(broker.metricsUrl() + "/health", null).statusCode());
        assertEquals(200, Scrape.get(broker.metricsUrl() + "/ready", null).statusCode());
        assertEquals(404, Scrape.get(broker.metricsUrl() + "/other", null).statusCode());
    }

    @Test
    void openMetricsIsServedWhenAskedFor() throws Exception {
        HttpResponse<String> response = Scrape.get(broker.metricsUrl() + "/metrics",
                "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                response.headers().toString());
        assertTrue(response.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
        assertTrue(response.body().contains("# TYPE sluice_network_requests counter"), "counters are named without _total");

        HttpResponse<String> text = Scrape.get(broker.metricsUrl() + "/metrics", null);
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                text.headers().toString());
    }

    @Test
    void consumerGroupsShowTheirMembersGenerationAndLag() throws Exception {
        String topic = "lagging";
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[VALUE_BYTES]));
            }
            producer.flush();
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "watchers"))) {
            consumer.subscribe(List.of(topic));
            Records.awaitAssignment(consumer, 1);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(3)));
            Scrape live = awaitScrape("the group is stable", s -> s.has("sluice_group_members", "group=watchers"));
            assertEquals(1, live.value("sluice_group_members", "group=watchers"));
            assertTrue(live.value("sluice_group_generation", "group=watchers") >= 1);
            assertEquals(7, live.value("sluice_group_lag_records", "group=watchers"));
            assertEquals(7, live.value("sluice_group_lag_max_records", "group=watchers"));
            assertTrue(live.value("sluice_groups", "state=Stable") >= 1);
        }
        Scrape left = awaitScrape("the group is empty once its member left",
                s -> s.value("sluice_group_members", "group=watchers") == 0);
        assertTrue(left.value("sluice_groups", "state=Empty") >= 1);
        assertEquals(7, left.value("sluice_group_lag_records", "group=watchers"), "the offsets stay when members leave");
    }

    @Test
    void everyMetricTheDocsAndTheDashboardNameIsServed() throws Exception {
        broker.createTopic("documented", 1);
        broker.sharedAdmin().alterConsumerGroupOffsets("documenters",
                Map.of(new TopicPartition("documented", 0), new OffsetAndMetadata(0))).all().get();
        // A series of the error counter exists once an error happened.
        try (RawKafkaConnection connection = RawKafkaConnection.open(broker.broker().port())) {
            connection.sendRaw(frame((short) 0, (short) 2, new byte[0]));
            connection.assertClosedByBroker("Produce v2 is not served");
        }
        Scrape scrape = Scrape.of(broker.metricsUrl());
        Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs");
        Set<String> documented = names(Files.readString(docs.resolve("metrics.md")), "`(sluice_[a-z_]+)`");
        Set<String> charted = names(Files.readString(docs.resolve("grafana-dashboard.json")),
                "((?:sluice|jvm|process)_[a-z_]+)");
        assertTrue(documented.size() >= 20, documented.toString());
        for (String name : documented) {
            assertTrue(scrape.has(name) || scrape.has(name + "_count"), "documented but not served: " + name);
        }
        for (String name : charted) {
            assertTrue(scrape.has(name), "charted but not served: " + name);
        }
    }

    private static Set<String> names(String text, String regex) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** A request frame: size, API key, version, correlation id, empty client id, then {@code body} as is. */
    private static byte[] frame(short apiKey, short version, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(4 + 10 + body.length);
        frame.putInt(10 + body.length).putShort(apiKey).putShort(version).putInt(7).putShort((short) -1).put(body);
        return frame.array();
    }

    private interface Condition {
        boolean holds(Scrape scrape);
    }

    /** Scrapes until the condition holds; fails after 10 s. */
    private static Scrape awaitScrape(String description, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Scrape current = Scrape.of(broker.metricsUrl());
        while (!condition.holds(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 10 s: " + description);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            current = Scrape.of(broker.metricsUrl());
        }
        return current;
    }
}
