package dev.sluice.broker.handlers;

import dev.sluice.broker.network.KafkaRequest;
import dev.sluice.replication.Partition;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fetch waiting for data: registered with each of its partitions, re-read on the connection's event
 * loop whenever one of them gets an append, and answered as soon as enough bytes are there, when
 * {@code max_wait_ms} runs out, or when the connection closes (the wait would otherwise hold the request and
 * its watchers for as long as the client asked, with nobody left to answer), whichever comes first.
 *
 * <p>Apart from {@link #appended}, which only schedules, every method runs on {@code executor}.
 */
final class DelayedFetch implements Partition.AppendWatcher {
    private final FetchPlan plan;
    private final EventExecutor executor;
    private final int maxWaitMs;
    private final int minBytes;
    private final Purgatory purgatory;
    private final Future<Void> connectionClosed;
    private final GenericFutureListener<Future<Void>> onClose;
    private final CompletableFuture<ApiMessage> result = new CompletableFuture<>();
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private ScheduledFuture<?> timeout;

    DelayedFetch(FetchPlan plan, KafkaRequest request, int maxWaitMs, int minBytes, Purgatory purgatory) {
        this.plan = plan;
        this.executor = request.executor();
        this.connectionClosed = request.connectionClosed();
        this.onClose = closed -> abandon();
        this.purgatory = purgatory;
        this.maxWaitMs = maxWaitMs;
        this.minBytes = minBytes;
    }

    CompletableFuture<ApiMessage> start() {
        purgatory.fetchDelayed();
        for (FetchPlan.Target target : plan.targets()) {
            if (target.partition() != null) {
                target.partition().addWatcher(this);
            }
        }
        timeout = executor.schedule(() -> complete(plan.read()), maxWaitMs, TimeUnit.MILLISECONDS);
        connectionClosed.addListener(onClose);
        // An append may have landed between the first read and the registration above.
        recheck();
        return result;
    }

    @Override
    public void appended(Partition partition) {
        if (recheckQueued.compareAndSet(false, true)) {
            executor.execute(this::recheck);
        }
    }

    private void recheck() {
        recheckQueued.set(false);
        if (result.isDone()) {
            return;
        }
        FetchPlan.Result read = plan.read();
        if (read.bytes() >= minBytes || read.hasErrors()) {
            complete(read);
        }
    }

    private void complete(FetchPlan.Result read) {
        if (stopWaiting()) {
            result.complete(read.countedResponse());
        }
    }

    /** Nobody is left to read an answer: none is made, so no bytes are counted as sent. */
    private void abandon() {
        if (stopWaiting()) {
            result.complete(null);
        }
    }

    /** Unregisters everything the wait set up; false if the fetch has already ended. */
    private boolean stopWaiting() {
        if (result.isDone()) {
            return false;
        }
        for (FetchPlan.Target target : plan.targets()) {
            if (target.partition() != null) {
                target.partition().removeWatcher(this);
            }
        }
        timeout.cancel(false);
        connectionClosed.removeListener(onClose);
        purgatory.fetchCompleted();
        return true;
    }
}
