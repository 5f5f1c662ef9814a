package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final RecordMetadata ACK = new RecordMetadata(new TopicPartition("orders", 0), 0, 0, 0, 1, 1);

    @Test
    void countsAcknowledgementsWithoutFailure() {
        Delivery delivery = new Delivery();
        delivery.onCompletion(ACK, null);
        delivery.onCompletion(ACK, null);

        assertEquals(2, delivery.acknowledged());
        assertEquals(0, delivery.failed());
        assertNull(delivery.firstFailure());
    }

    @Test
    void keepsTheFirstFailureAndCountsAll() {
        Delivery delivery = new Delivery();
        RecordTooLargeException first = new RecordTooLargeException("too large");
        delivery.onCompletion(ACK, null);
        delivery.onCompletion(null, first);
        delivery.fail(new IllegalStateException("later"));

        assertEquals(1, delivery.acknowledged());
        assertEquals(2, delivery.failed());
        assertSame(first, delivery.firstFailure());
    }
}
