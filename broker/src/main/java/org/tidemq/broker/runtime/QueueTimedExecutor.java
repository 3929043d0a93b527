package org.tidemq.broker.runtime;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A bounded thread pool that remembers how long each task waited in its queue, so a processor can shed load that
 * has already waited too long (RocketMQ's send-queue flow control) instead of doing work whose client has given up.
 *
 * <p>While a task runs, {@link #currentQueueWaitMillis()} on that thread returns the time between its submission and
 * its start, measured with the injected clock. A full queue rejects with {@link java.util.concurrent.RejectedExecutionException}
 * (the transport answers SYSTEM_BUSY). Thread-safe.
 */
public final class QueueTimedExecutor extends AbstractExecutorService {
    private static final ThreadLocal<long[]> QUEUE_WAIT = ThreadLocal.withInitial(() -> new long[1]);

    private final ThreadPoolExecutor pool;
    private final LinkedBlockingQueue<Runnable> queue;
    private final LongSupplier clockMillis;

    public QueueTimedExecutor(String name, int threads, int queueCapacity, LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue, factory);
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Milliseconds the task running on this thread waited in a {@code QueueTimedExecutor} queue; 0 elsewhere. */
    public static long currentQueueWaitMillis() {
        return QUEUE_WAIT.get()[0];
    }

    /** Tasks waiting to run. */
    public int queueSize() {
        return queue.size();
    }

    @Override
    public void execute(Runnable command) {
        long submittedAt = clockMillis.getAsLong();
        pool.execute(() -> {
            long[] wait = QUEUE_WAIT.get();
            wait[0] = Math.max(0, clockMillis.getAsLong() - submittedAt);
            try {
                command.run();
            } finally {
                wait[0] = 0;
            }
        });
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
