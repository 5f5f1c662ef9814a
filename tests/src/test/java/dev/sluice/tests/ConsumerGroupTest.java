package dev.sluice.tests;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumer groups through the Apache Kafka Java consumer and Admin client: subscribe, rebalance, commit, manage. */
class ConsumerGroupTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static void produce(TestBroker broker, String topic, int partitions, int perPartition, int from) {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = from; i < from + perPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, ("p" + p + "-" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> member(TestBroker broker, String group, Map<String, Object> extra) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500));
        settings.putAll(extra);
        return broker.consumer(settings);
    }

    private static List<String> pollUntil(KafkaConsumer<byte[], byte[]> consumer, int count) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (values.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("consumed " + values.size() + " of " + count + " records in " + TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                values.add(new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Polls every consumer in turn (each must take part in a rebalance) until the condition holds. */
    private static void pollAllUntil(List<KafkaConsumer<byte[], byte[]>> consumers, BooleanSupplier condition,
                                     String description) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in " + TIMEOUT + ": " + description);
            }
            for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
                consumer.poll(Duration.ofMillis(50));
            }
        }
    }

    @Test
    void subscribedConsumerResumesFromItsCommittedOffsetsAfterABrokerRestart() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("orders", 3);
            produce(broker, "orders", 3, 100, 0);
            try (KafkaConsumer<byte[], byte[]> consumer = member(broker, "billing", Map.of())) {
                consumer.subscribe(List.of("orders"));
                List<String> first = pollUntil(consumer, 300);
                assertEquals(300, new HashSet<>(first).size(), "every record once");
                consumer.commitSync();
                assertEquals(100, consumer.committed(Set.of(new TopicPartition("orders", 1)))
                        .get(new TopicPartition("orders", 1)).offset());
            }
            produce(broker, "orders", 3, 10, 100);
            broker.restart();
            try (KafkaConsumer<byte[], byte[]> consumer = member(broker, "billing", Map.of())) {
                consumer.subscribe(List.of("orders"));
                List<String> second = pollUntil(consumer, 30);
                assertEquals(30, second.size());
                assertTrue(second.stream().allMatch(v -> Integer.parseInt(v.substring(v.indexOf('-') + 1)) >= 100),
                        "only records after the committed offsets: " + second);
                assertTrue(consumer.poll(Duration.ofMillis(300)).isEmpty(), "nothing is read twice");
            }
        }
    }

    @Test
    void membersSplitThePartitionsAndTheSurvivorTakesOverWhenOneLeaves() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("clicks", 4);
            try (KafkaConsumer<byte[], byte[]> a = member(broker, "analytics", Map.of());
                 KafkaConsumer<byte[], byte[]> b = member(broker, "analytics", Map.of())) {
                a.subscribe(List.of("clicks"));
                pollAllUntil(List.of(a), () -> a.assignment().size() == 4, "the only member owns all partitions");
                b.subscribe(List.of("clicks"));
                pollAllUntil(List.of(a, b), () -> a.assignment().size() == 2 && b.assignment().size() == 2,
                        "two members own two partitions each");
                Set<TopicPartition> all = new HashSet<>(a.assignment());
                all.addAll(b.assignment());
                assertEquals(4, all.size(), "assignments are disjoint and cover the topic: " + all);
                ConsumerGroupDescription group = broker.sharedAdmin().describeConsumerGroups(List.of("analytics"))
                        .all().get().get("analytics");
                assertEquals(GroupState.STABLE, group.groupState());
                assertEquals(2, group.members().size());
                for (MemberDescription m : group.members()) {
                    assertEquals(2, m.assignment().topicPartitions().size(), "assignment of " + m.consumerId());
                    assertEquals("/127.0.0.1", m.host());
                }
                b.close();
                pollAllUntil(List.of(a), () -> a.assignment().size() == 4, "the survivor owns all partitions again");
            }
        }
    }

    @Test
    void aRestartedStaticMemberGetsItsPartitionsBackWithoutARebalance() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("statics", 2);
            try (KafkaConsumer<byte[], byte[]> b = member(broker, "steady", Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "b"))) {
                KafkaConsumer<byte[], byte[]> a = member(broker, "steady", Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "a"));
                a.subscribe(List.of("statics"));
                b.subscribe(List.of("statics"));
                pollAllUntil(List.of(a, b), () -> a.assignment().size() == 1 && b.assignment().size() == 1,
                        "each static member holds one partition");
                Set<TopicPartition> owned = Set.copyOf(a.assignment());
                int generation = b.groupMetadata().generationId();
                a.close();
                try (KafkaConsumer<byte[], byte[]> again = member(broker, "steady",
                        Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "a"))) {
                    again.subscribe(List.of("statics"));
                    pollAllUntil(List.of(again, b), () -> again.assignment().equals(owned),
                            "the restarted member holds its partition again");
                    assertEquals(generation, again.groupMetadata().generationId(), "no new generation");
                    assertEquals(generation, b.groupMetadata().generationId(), "the other member was not disturbed");
                }
            }
        }
    }

    /**
     * A member killed without leaving holds up the next rebalance until its session lapses. Its rebalance
     * timeout (librdkafka's max.poll.interval.ms, 300 s) is far beyond the wait here, so only the session
     * deadline firing on time lets the new member in; with a heartbeat every 500 ms that is at least 5.5 s
     * after the kill.
     */
    @Test
    void aMemberKilledWithoutLeavingIsDroppedWhenItsSessionLapses() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("trades", 2);
            Process kcat = new ProcessBuilder("kcat", "-b", broker.bootstrap(), "-G", "risk",
                    "-X", "session.timeout.ms=6000", "-X", "heartbeat.interval.ms=500",
                    "-X", "max.poll.interval.ms=300000", "-q", "trades")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                Admin admin = broker.sharedAdmin();
                Await.until(() -> describeState(admin, "risk") == GroupState.STABLE, "kcat's member is in the group");
            } finally {
                kcat.destroyForcibly();
                kcat.waitFor();
            }
            long killed = System.nanoTime();
            try (KafkaConsumer<byte[], byte[]> consumer = member(broker, "risk", Map.of())) {
                consumer.subscribe(List.of("trades"));
                pollAllUntil(List.of(consumer), () -> consumer.assignment().size() == 2,
                        "the new member owns both partitions once the dead one's session lapsed");
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - killed).compareTo(Duration.ofSeconds(5)) > 0,
                    "the dead member was waited for, not dropped at once");
        }
    }

    @Test
    void adminListsDescribesAltersAndDeletesGroupsAndTheirOffsets() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("events", 2);
            produce(broker, "events", 2, 20, 0);
            Admin admin = broker.sharedAdmin();
            try (KafkaConsumer<byte[], byte[]> consumer = member(broker, "reporting", Map.of())) {
                consumer.subscribe(List.of("events"));
                pollUntil(consumer, 40);
                consumer.commitSync();
                Map<String, GroupListing> listed = new java.util.HashMap<>();
                admin.listGroups().all().get().forEach(g -> listed.put(g.groupId(), g));
                assertTrue(listed.containsKey("reporting"), "listed: " + listed.keySet());
                assertEquals("consumer", listed.get("reporting").protocol());
                ExecutionException busy = assertThrows(ExecutionException.class,
                        () -> admin.deleteConsumerGroups(List.of("reporting")).all().get());
                assertInstanceOf(GroupNotEmptyException.class, busy.getCause());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("reporting")
                    .partitionsToOffsetAndMetadata().get();
            assertEquals(Map.of(new TopicPartition("events", 0), 20L, new TopicPartition("events", 1), 20L),
                    Map.of(new TopicPartition("events", 0), committed.get(new TopicPartition("events", 0)).offset(),
                            new TopicPartition("events", 1), committed.get(new TopicPartition("events", 1)).offset()));
            Await.until(() -> describeState(admin, "reporting") == GroupState.EMPTY, "the group is empty once its member left");

            admin.alterConsumerGroupOffsets("reporting", Map.of(new TopicPartition("events", 0), new OffsetAndMetadata(5)))
                    .all().get();
            admin.deleteConsumerGroupOffsets("reporting", Set.of(new TopicPartition("events", 1))).all().get();
            committed = admin.listConsumerGroupOffsets("reporting").partitionsToOffsetAndMetadata().get();
            assertEquals(Set.of(new TopicPartition("events", 0)), committed.keySet());
            assertEquals(5, committed.get(new TopicPartition("events", 0)).offset());

            admin.deleteConsumerGroups(List.of("reporting")).all().get();
            assertTrue(admin.listConsumerGroupOffsets("reporting").partitionsToOffsetAndMetadata().get().isEmpty(),
                    "a deleted group has no offsets");
            broker.restart();
            assertTrue(broker.sharedAdmin().listConsumerGroupOffsets("reporting").partitionsToOffsetAndMetadata().get()
                    .isEmpty(), "the deletion survives a restart");
        }
    }

    @Test
    void offsetsOfADeletedTopicAreGoneAndATopicCreatedUnderItsNameStartsWithout() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Admin admin = broker.sharedAdmin();
            broker.createTopic("scratch", 1);
            broker.createTopic("kept", 1);
            TopicPartition scratch = new TopicPartition("scratch", 0);
            TopicPartition kept = new TopicPartition("kept", 0);
            admin.alterConsumerGroupOffsets("cleaners", Map.of(scratch, new OffsetAndMetadata(0),
                    kept, new OffsetAndMetadata(0))).all().get();
            admin.deleteTopics(List.of("scratch")).all().get();
            Await.until(() -> committedPartitions(broker, "cleaners").equals(Set.of(kept)),
                    "only the offsets of the topic that still exists remain");
            broker.createTopic("scratch", 1);
            broker.restart();
            assertEquals(Set.of(kept), committedPartitions(broker, "cleaners"), "the removal survives a restart");
        }
    }

    @Test
    void theOffsetsTopicCannotBeDeletedGrownOrTruncated() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            Admin admin = broker.sharedAdmin();
            broker.createTopic("tracked", 1);
            TopicPartition tracked = new TopicPartition("tracked", 0);
            admin.alterConsumerGroupOffsets("keepers", Map.of(tracked, new OffsetAndMetadata(0))).all().get();
            String offsets = "__consumer_offsets";
            ExecutionException deleted = assertThrows(ExecutionException.class,
                    () -> admin.deleteTopics(List.of(offsets)).all().get());
            assertInstanceOf(InvalidTopicException.class, deleted.getCause());
            ExecutionException grown = assertThrows(ExecutionException.class,
                    () -> admin.createPartitions(Map.of(offsets, NewPartitions.increaseTo(60))).all().get());
            assertInstanceOf(InvalidTopicException.class, grown.getCause());
            ExecutionException truncated = assertThrows(ExecutionException.class, () -> admin.deleteRecords(
                    Map.of(new TopicPartition(offsets, 0), RecordsToDelete.beforeOffset(0))).all().get());
            assertInstanceOf(InvalidTopicException.class, truncated.getCause());
            assertEquals(4, broker.describeTopic(offsets).partitions().size());
            assertEquals(Set.of(tracked), committedPartitions(broker, "keepers"));
        }
    }

    @Test
    void aGroupWhoseOffsetsLogFailsToOpenIsUnavailableAndKeepsItsOffsetsForWhenItIsRepaired() throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            broker.createTopic("ledger", 1);
            TopicPartition ledger = new TopicPartition("ledger", 0);
            // Four offsets partitions (TestBroker): the two groups live in different ones.
            String damaged = groupInOffsetsPartition("auditors", 3);
            String healthy = groupInOffsetsPartition("readers", 0);
            broker.sharedAdmin().alterConsumerGroupOffsets(damaged, Map.of(ledger, new OffsetAndMetadata(7))).all().get();
            broker.sharedAdmin().alterConsumerGroupOffsets(healthy, Map.of(ledger, new OffsetAndMetadata(3))).all().get();
            Path segment = broker.dataDir().resolve("__consumer_offsets-3").resolve("00000000000000000000.log");
            Path aside = broker.dataDir().resolve("aside.log");
            broker.restart(dir -> {
                Files.move(segment, aside);
                Files.createDirectory(segment);
            });
            try (Admin impatient = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000))) {
                ExecutionException unknown = assertThrows(ExecutionException.class,
                        () -> impatient.listConsumerGroupOffsets(damaged).partitionsToOffsetAndMetadata().get());
                assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, unknown.getCause(),
                        "the coordinator stays unavailable rather than answering without the offsets");
                assertEquals(3, impatient.listConsumerGroupOffsets(healthy).partitionsToOffsetAndMetadata().get()
                        .get(ledger).offset());
            }
            broker.restart(dir -> {
                Files.delete(segment);
                Files.move(aside, segment);
            });
            assertEquals(7, broker.committedOffsets(damaged).get(ledger), "the offsets are back once the log opens");
        }
    }

    /** A group id, starting with {@code prefix}, whose offsets go to this partition of the offsets topic. */
    private static String groupInOffsetsPartition(String prefix, int partition) {
        for (int i = 0; ; i++) {
            String group = prefix + "-" + i;
            if (Utils.abs(group.hashCode()) % 4 == partition) {
                return group;
            }
        }
    }

    private static Set<TopicPartition> committedPartitions(TestBroker broker, String group) {
        try {
            return broker.committedOffsets(group).keySet();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The group's state; null while it does not exist yet. */
    private static GroupState describeState(Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).groupState();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for a condition the broker reaches on its own. */
    private static final class Await {
        static void until(BooleanSupplier condition, String description) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not reached in " + TIMEOUT + ": " + description);
                }
                Thread.sleep(20);
            }
        }
    }
}
