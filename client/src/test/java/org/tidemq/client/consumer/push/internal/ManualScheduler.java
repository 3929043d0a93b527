package org.tidemq.client.consumer.push.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler that runs nothing on its own: tests call {@link #runDue()} to run every task due at the manual
 * {@link #now()}, and {@link #advance} to move time. Records the delay of every one-shot schedule.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicLong sequence = new AtomicLong();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private final List<Long> oneShotDelays = new ArrayList<>();
    private volatile boolean shutdown;

    long now() {
        return now.get();
    }

    synchronized List<Long> oneShotDelays() {
        return List.copyOf(oneShotDelays);
    }

    /** Runs due tasks (including ones they schedule for now) until none is due; returns how many ran. */
    int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > now.get()) {
                    return ran;
                }
                tasks.poll();
            }
            if (!next.cancelled) {
                ran++;
                next.command.run();
                if (next.period > 0 && !next.cancelled && !shutdown) {
                    synchronized (this) {
                        next.due = now.get() + next.period;
                        tasks.add(next);
                    }
                }
            }
        }
    }

    /** Moves time forward and runs what became due. */
    void advance(long millis) {
        now.addAndGet(millis);
        runDue();
    }

    private synchronized Task add(Runnable command, long delayMillis, long periodMillis) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task task = new Task(command, now.get() + Math.max(0, delayMillis), periodMillis, sequence.incrementAndGet());
        tasks.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        synchronized (this) {
            oneShotDelays.add(unit.toMillis(delay));
        }
        return add(command, unit.toMillis(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the consumer");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toMillis(initialDelay), unit.toMillis(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toMillis(initialDelay), unit.toMillis(delay));
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final long period;
        final long seq;
        long due;
        volatile boolean cancelled;

        Task(Runnable command, long due, long period, long seq) {
            this.command = command;
            this.due = due;
            this.period = period;
            this.seq = seq;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now.get(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("not used by the consumer");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the consumer");
        }
    }
}
