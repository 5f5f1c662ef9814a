package dev.sluice.broker.handlers;

import dev.sluice.replication.Partition;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.kafka.common.protocol.ApiMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fetch waiting for data: registered with each of its partitions, re-read on the connection's event
 * loop whenever one of them gets an append, and answered as soon as enough bytes are there or when
 * {@code max_wait_ms} runs out, whichever comes first.
 *
 * <p>Apart from {@link #appended}, which only schedules, every method runs on {@code executor}.
 */
final class DelayedFetch implements Partition.AppendWatcher {
    private final FetchPlan plan;
    private final EventExecutor executor;
    private final int maxWaitMs;
    private final int minBytes;
    private final Purgatory purgatory;
    private final CompletableFuture<ApiMessage> result = new CompletableFuture<>();
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private ScheduledFuture<?> timeout;

    DelayedFetch(FetchPlan plan, EventExecutor executor, int maxWaitMs, int minBytes, Purgatory purgatory) {
        this.plan = plan;
        this.purgatory = purgatory;
        this.executor = executor;
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
        if (result.isDone()) {
            return;
        }
        for (FetchPlan.Target target : plan.targets()) {
            if (target.partition() != null) {
                target.partition().removeWatcher(this);
            }
        }
        timeout.cancel(false);
        purgatory.fetchCompleted();
        result.complete(read.countedResponse());
    }
}
