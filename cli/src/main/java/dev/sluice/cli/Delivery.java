package dev.sluice.cli;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts acknowledged and failed sends of one producer and keeps the first failure. Callbacks run
 * on the producer's I/O thread while the sending thread reads the counts: all state is atomic.
 */
final class Delivery implements Callback {

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception failure) {
        if (failure == null) {
            acknowledged.incrementAndGet();
        } else {
            fail(failure);
        }
    }

    /** Records a send that failed before it reached the producer's buffer. */
    void fail(Exception failure) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, failure);
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }
}
