package org.tidemq.client.consumer.push.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.push.OrderlyListener;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs an {@link OrderlyListener} one batch at a time per queue, in offset order. A queue has at most one run
 * scheduled or running ({@link ProcessQueue#claimOrderlyRun()}); a run consumes until the queue is empty or
 * {@code maxRunMillis} passed (then yields the thread to other queues). In clustering a batch is only started while
 * {@link QueueLocks#isHeld} says the broker lock is fresh; otherwise the run pauses for {@code suspendMillis}.
 * SUSPEND_CURRENT_QUEUE_A_MOMENT (or an exception) puts the batch back and retries it after {@code suspendMillis}.
 */
final class OrderlyConsumeService implements ConsumeService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyConsumeService.class);
    private static final long MAX_RUN_MILLIS = 60_000;

    private final OrderlyListener listener;
    private final int batchSize;
    private final Executor pool;
    private final ScheduledExecutorService scheduler;
    private final QueueLocks locks;
    private final QueueProgress progress;
    private final LongSupplier clock;
    private final long suspendMillis;

    /** @param locks the lock table, or {@code null} for broadcasting (no locks needed) */
    OrderlyConsumeService(OrderlyListener listener, int batchSize, Executor pool, ScheduledExecutorService scheduler,
                          QueueLocks locks, QueueProgress progress, LongSupplier clock, long suspendMillis) {
        this.listener = listener;
        this.batchSize = batchSize;
        this.pool = pool;
        this.scheduler = scheduler;
        this.locks = locks;
        this.progress = progress;
        this.clock = clock;
        this.suspendMillis = suspendMillis;
    }

    @Override
    public boolean orderly() {
        return true;
    }

    @Override
    public void submit(ProcessQueue queue, List<ReceivedMessage> messages) {
        if (queue.claimOrderlyRun()) {
            execute(queue);
        }
    }

    @Override
    public DirectConsumeResult consumeDirectly(ReceivedMessage message, MessageQueue queue) {
        long started = clock.getAsLong();
        DirectConsumeResult.Outcome outcome;
        String remark = null;
        try {
            OrderlyListener.Result result = listener.consume(List.of(message), queue);
            outcome = result == null ? DirectConsumeResult.Outcome.CR_RETURN_NULL
                    : result == OrderlyListener.Result.SUCCESS ? DirectConsumeResult.Outcome.CR_SUCCESS
                    : DirectConsumeResult.Outcome.CR_LATER;
        } catch (Throwable e) {
            LOG.warn("orderly listener failed on a directly consumed message of {}", queue, e);
            outcome = DirectConsumeResult.Outcome.CR_THROW_EXCEPTION;
            remark = DirectConsumeResult.describe(e);
        }
        return new DirectConsumeResult(true, true, outcome, remark, clock.getAsLong() - started);
    }

    private void execute(ProcessQueue queue) {
        try {
            pool.execute(() -> run(queue));
        } catch (RejectedExecutionException e) {
            queue.releaseOrderlyRun();
        }
    }

    private void retryLater(ProcessQueue queue) {
        try {
            scheduler.schedule(() -> execute(queue), suspendMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            queue.releaseOrderlyRun();
        }
    }

    /** Called with the queue's run claimed; releases it or hands it on to a later run. */
    void run(ProcessQueue queue) {
        long started = clock.getAsLong();
        while (true) {
            if (queue.isDropped()) {
                queue.releaseOrderlyRun();
                return;
            }
            if (locks != null && !locks.isHeld(queue.queue())) {
                retryLater(queue);
                return;
            }
            if (clock.getAsLong() - started > MAX_RUN_MILLIS) {
                execute(queue);
                return;
            }
            queue.consumeLock().lock();
            try {
                List<ReceivedMessage> batch = queue.takeForOrderly(batchSize);
                if (batch.isEmpty()) {
                    queue.releaseOrderlyRun();
                    break;
                }
                OrderlyListener.Result result;
                try {
                    result = listener.consume(batch, queue.queue());
                } catch (Throwable e) {
                    LOG.warn("orderly listener failed on {} messages of {}; retrying them", batch.size(),
                            queue.queue(), e);
                    result = OrderlyListener.Result.SUSPEND_CURRENT_QUEUE_A_MOMENT;
                }
                queue.markConsumed(clock.getAsLong());
                if (result == OrderlyListener.Result.SUCCESS) {
                    long offset = queue.commitTaken();
                    if (!queue.isDropped()) {
                        progress.acknowledged(queue, offset);
                    }
                } else {
                    queue.returnTaken();
                    retryLater(queue);
                    return;
                }
            } finally {
                queue.consumeLock().unlock();
            }
        }
        // Messages added between the empty take and the release found the claim still taken: pick them up.
        if (queue.hasHeld() && queue.claimOrderlyRun()) {
            execute(queue);
        }
    }
}
