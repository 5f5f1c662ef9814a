package dev.sluice.broker.network;

import java.util.concurrent.atomic.LongAdder;

/** Counters for the listener's connections, shared by all of them. Thread-safe. */
public final class ConnectionStats {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder rejectedFrames = new LongAdder();

    void connectionOpened() {
        accepted.increment();
    }

    void connectionClosed() {
        closed.increment();
    }

    void frameRejected() {
        rejectedFrames.increment();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long closed() {
        return closed.sum();
    }

    public long open() {
        return accepted.sum() - closed.sum();
    }

    /** Frames that could not be parsed or were too large; each closed its connection. */
    public long rejectedFrames() {
        return rejectedFrames.sum();
    }
}
