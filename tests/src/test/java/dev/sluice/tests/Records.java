package dev.sluice.tests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Consuming helpers for tests: read with assign()+seek until a count or a deadline. */
public final class Records {
    private Records() {
    }

    /** Polls a subscribed consumer until its group assigned it {@code count} partitions; fails after 30 s. */
    public static void awaitAssignment(KafkaConsumer<byte[], byte[]> consumer, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("assigned " + consumer.assignment() + ", not " + count + " partitions, in 30 s");
            }
            consumer.poll(Duration.ofMillis(50));
        }
    }

    /** Reads from {@code from} until {@code count} records arrived; fails after 30 s. */
    public static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp,
                                                      long from, int count) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("read " + out.size() + " of " + count + " records from " + tp + " in 30 s");
            }
            consumer.poll(Duration.ofMillis(200)).records(tp).forEach(out::add);
        }
        return out;
    }
}
