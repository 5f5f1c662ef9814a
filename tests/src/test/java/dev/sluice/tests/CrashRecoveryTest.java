package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Durability across SIGKILL: acknowledged records survive exactly once, torn tails are cut off. */
class CrashRecoveryTest {
    private static final String TOPIC = "durable";

    @Test
    void acknowledgedRecordsSurviveKillNineExactlyOnceAndInOrder(@TempDir Path dataDir) throws Exception {
        try (ChildBroker child = new ChildBroker(dataDir)) {
            child.start();
            Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
            CountDownLatch firstThousand = new CountDownLatch(1_000);
            AtomicReference<Exception> sendError = new AtomicReference<>();
            int total = 30_000;
            try (KafkaProducer<byte[], byte[]> producer = producer(child.bootstrap())) {
                for (int i = 0; i < total; i++) {
                    int index = i;
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, ("v-" + i).getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                        if (e == null) {
                            acknowledged.add(index);
                            firstThousand.countDown();
                        } else {
                            sendError.compareAndSet(null, e);
                        }
                    });
                    if (i == total / 3) {
                        assertTrue(firstThousand.await(30, TimeUnit.SECONDS), "records acknowledged before the kill");
                        child.kill();
                        child.start();
                    }
                }
                producer.flush();
            }
            assertEquals(null, sendError.get(), "the idempotent producer rides out the restart without errors");
            assertEquals(total, acknowledged.size());
            List<Integer> consumed = consumeAll(child.bootstrap(), total);
            for (int i = 0; i < total; i++) {
                assertEquals(i, consumed.get(i), "record at offset " + i);
            }
        }
    }

    @Test
    void tornTailOfTheActiveSegmentIsTruncatedOnRecovery(@TempDir Path dataDir) throws Exception {
        try (ChildBroker child = new ChildBroker(dataDir)) {
            child.start();
            try (KafkaProducer<byte[], byte[]> producer = producer(child.bootstrap())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, ("v-" + i).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            child.kill();
            Path segment = activeSegment(dataDir.resolve(TOPIC + "-0"));
            long size = Files.size(segment);
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.truncate(size - 7);
            }
            child.start();
            List<Integer> survivors = consumeAll(child.bootstrap(), 99);
            assertEquals(99, survivors.size());
            try (KafkaProducer<byte[], byte[]> producer = producer(child.bootstrap())) {
                long offset = producer.send(new ProducerRecord<>(TOPIC, 0, null, "after".getBytes(StandardCharsets.UTF_8))).get().offset();
                assertEquals(99, offset, "appends continue right after the last complete batch");
            }
        }
    }

    @Test
    void spaceReservedPastTheActiveSegmentSurvivesKillNineUnread(@TempDir Path dataDir) throws Exception {
        assumeTrue("ext4".equals(Files.getFileStore(dataDir).type()), "space is reserved on ext4 only");
        Path partition = dataDir.resolve(TOPIC + "-0");
        try (ChildBroker child = new ChildBroker(dataDir)) {
            child.start();
            int sent = 0;
            Path segment;
            try (KafkaProducer<byte[], byte[]> producer = producer(child.bootstrap())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                do {
                    assertTrue(System.nanoTime() < deadline, "no space was reserved past the active segment");
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, ("v-" + sent).getBytes(StandardCharsets.UTF_8)))
                            .get();
                    sent++;
                    segment = activeSegment(partition);
                } while (allocatedBytes(segment) - Files.size(segment) < 1 << 20);
            }
            child.kill();
            assertTrue(allocatedBytes(segment) - Files.size(segment) >= 1 << 20, "the reservation outlives the process");

            child.start();
            List<Integer> survivors = consumeAll(child.bootstrap(), sent);
            for (int i = 0; i < sent; i++) {
                assertEquals(i, survivors.get(i), "record at offset " + i);
            }
        }
    }

    /** Bytes of disk the file holds, blocks reserved past its end included. */
    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "--block-size=1", file.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(du.waitFor(10, TimeUnit.SECONDS) && du.exitValue() == 0, "du " + file + ": " + out);
        return Long.parseLong(out.split("\\s+")[0]);
    }

    @Test
    void committedOffsetsSurviveKillNineAndTheMemberRejoinsOnItsOwn(@TempDir Path dataDir) throws Exception {
        try (ChildBroker child = new ChildBroker(dataDir)) {
            child.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, child.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic("progress", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(child.bootstrap())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("progress", i % 2, null, ("v-" + i).getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
            }
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, child.bootstrap());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "survivors");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            TopicPartition p0 = new TopicPartition("progress", 0);
            TopicPartition p1 = new TopicPartition("progress", 1);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                consumer.subscribe(List.of("progress"));
                Records.awaitAssignment(consumer, 2);
                // Positions come from the consumer's own OffsetFetch for its new assignment. Left in flight, its
                // answer (from before the commit) would be reused by committed() below, as the client reuses a
                // pending fetch of the same partitions and generation.
                consumer.position(p0, Duration.ofSeconds(30));
                consumer.position(p1, Duration.ofSeconds(30));
                consumer.commitSync(Map.of(p0, new OffsetAndMetadata(37, "before"),
                        p1, new OffsetAndMetadata(41)));
                child.kill();
                child.start();
                Map<TopicPartition, OffsetAndMetadata> committed =
                        consumer.committed(Set.of(p0, p1), Duration.ofSeconds(60));
                assertNotNull(committed.get(p0), () -> "the commit of " + p0 + " survives the kill; broker output:\n"
                        + child.output());
                assertEquals(37, committed.get(p0).offset());
                assertEquals("before", committed.get(p0).metadata());
                assertEquals(41, committed.get(p1).offset());
                long rejoinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (true) {
                    assertTrue(System.nanoTime() < rejoinDeadline,
                            "the member rejoins the restarted coordinator and commits again");
                    consumer.poll(Duration.ofMillis(100));
                    try {
                        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(50)));
                        break;
                    } catch (RebalanceInProgressException
                             | CommitFailedException rejoining) {
                        // The restarted coordinator has no members; the consumer finds out and joins again.
                    }
                }
                assertEquals(50, consumer.committed(Set.of(p0)).get(p0).offset());
            }
        }
    }

    private static Path activeSegment(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }


    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private static List<Integer> consumeAll(String bootstrap, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        List<Integer> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            assertEquals(expected, end, "log end offset after recovery");
            for (ConsumerRecord<byte[], byte[]> r : Records.read(consumer, tp, 0, expected)) {
                values.add(Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).substring(2)));
            }
        }
        return values;
    }
}
