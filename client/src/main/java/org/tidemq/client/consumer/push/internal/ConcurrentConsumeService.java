package org.tidemq.client.consumer.push.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.push.ConcurrentListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a {@link ConcurrentListener} on a thread pool, {@code batchSize} messages per call. A batch the listener
 * rejects (RECONSUME_LATER or an exception) is handed to {@link SendBack} message by message in clustering; messages
 * neither path could store are consumed again locally after {@code localRetryDelayMillis}. Broadcasting has no retry
 * topic: rejected messages are logged and acknowledged, as RocketMQ does.
 */
final class ConcurrentConsumeService implements ConsumeService {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentConsumeService.class);

    private final ConcurrentListener listener;
    private final int batchSize;
    private final MessageModel model;
    private final Executor pool;
    private final ScheduledExecutorService scheduler;
    private final SendBack sendBack;
    private final QueueProgress progress;
    private final LongSupplier clock;
    private final long localRetryDelayMillis;

    ConcurrentConsumeService(ConcurrentListener listener, int batchSize, MessageModel model, Executor pool,
                             ScheduledExecutorService scheduler, SendBack sendBack, QueueProgress progress,
                             LongSupplier clock, long localRetryDelayMillis) {
        this.listener = listener;
        this.batchSize = batchSize;
        this.model = model;
        this.pool = pool;
        this.scheduler = scheduler;
        this.sendBack = sendBack;
        this.progress = progress;
        this.clock = clock;
        this.localRetryDelayMillis = localRetryDelayMillis;
    }

    @Override
    public boolean orderly() {
        return false;
    }

    @Override
    public void submit(ProcessQueue queue, List<ReceivedMessage> messages) {
        for (int from = 0; from < messages.size(); from += batchSize) {
            List<ReceivedMessage> batch = List.copyOf(messages.subList(from, Math.min(messages.size(),
                    from + batchSize)));
            execute(queue, batch);
        }
    }

    private void execute(ProcessQueue queue, List<ReceivedMessage> batch) {
        try {
            pool.execute(() -> consume(queue, batch));
        } catch (RejectedExecutionException e) {
            if (!queue.isDropped()) {
                LOG.debug("consume pool rejected a batch of {}; retrying later", queue.queue());
                later(queue, batch);
            }
        }
    }

    private void later(ProcessQueue queue, List<ReceivedMessage> batch) {
        try {
            scheduler.schedule(() -> execute(queue, batch), localRetryDelayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("consumer closing; batch of {} left unconsumed and uncommitted", queue.queue());
        }
    }

    @Override
    public DirectConsumeResult consumeDirectly(ReceivedMessage message, MessageQueue queue) {
        long started = clock.getAsLong();
        DirectConsumeResult.Outcome outcome;
        String remark = null;
        try {
            ConcurrentListener.Result result = listener.consume(List.of(message));
            outcome = result == null ? DirectConsumeResult.Outcome.CR_RETURN_NULL
                    : result == ConcurrentListener.Result.SUCCESS ? DirectConsumeResult.Outcome.CR_SUCCESS
                    : DirectConsumeResult.Outcome.CR_LATER;
        } catch (Throwable e) {
            LOG.warn("listener failed on a directly consumed message of {}", queue, e);
            outcome = DirectConsumeResult.Outcome.CR_THROW_EXCEPTION;
            remark = DirectConsumeResult.describe(e);
        }
        return new DirectConsumeResult(false, true, outcome, remark, clock.getAsLong() - started);
    }

    void consume(ProcessQueue queue, List<ReceivedMessage> batch) {
        if (queue.isDropped()) {
            return;
        }
        ConcurrentListener.Result result;
        try {
            result = listener.consume(batch);
            if (result == null) {
                LOG.warn("listener returned null for {} messages of {}; treating as RECONSUME_LATER", batch.size(),
                        queue.queue());
                result = ConcurrentListener.Result.RECONSUME_LATER;
            }
        } catch (Throwable e) {
            LOG.warn("listener failed on {} messages of {}; they will be redelivered", batch.size(), queue.queue(),
                    e);
            result = ConcurrentListener.Result.RECONSUME_LATER;
        }
        queue.markConsumed(clock.getAsLong());
        if (queue.isDropped()) {
            // Revoked meanwhile: the new owner starts from the committed offset, which excludes this batch.
            return;
        }
        if (result == ConcurrentListener.Result.SUCCESS || model == MessageModel.BROADCASTING) {
            if (result != ConcurrentListener.Result.SUCCESS) {
                LOG.warn("broadcasting consumer dropped {} messages of {} the listener rejected", batch.size(),
                        queue.queue());
            }
            progress.acknowledged(queue, queue.remove(batch));
            return;
        }
        List<CompletableFuture<Boolean>> sends = new ArrayList<>();
        for (ReceivedMessage message : batch) {
            sends.add(sendBack.sendBack(message));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<ReceivedMessage> stored = new ArrayList<>();
            List<ReceivedMessage> kept = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                (sends.get(i).join() ? stored : kept).add(batch.get(i));
            }
            if (!stored.isEmpty()) {
                progress.acknowledged(queue, queue.remove(stored));
            }
            if (!kept.isEmpty() && !queue.isDropped()) {
                later(queue, List.copyOf(kept));
            }
        });
    }
}
