package org.tidemq.client.impl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The start/run/close state of a client (producer, consumer) and its periodic background tasks: started once,
 * closed once, and a periodic task that fails is logged and keeps its schedule (a task that throws out of a
 * {@link ScheduledExecutorService} would silently never run again).
 *
 * <p>Thread-safe.
 */
public final class ClientLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ClientLifecycle.class);

    public enum State { CREATED, RUNNING, CLOSED }

    private final String name;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    /** @param name how errors name the client, e.g. {@code "producer PG_A"} */
    public ClientLifecycle(String name) {
        this.name = name;
    }

    /** CREATED → RUNNING; throws {@link IllegalStateException} when started before or closed. */
    public void start() {
        if (!state.compareAndSet(State.CREATED, State.RUNNING)) {
            throw new IllegalStateException(name + " was already started or closed");
        }
    }

    public State state() {
        return state.get();
    }

    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** Throws {@link IllegalStateException} saying "not started" or "closed" unless running. */
    public void ensureRunning() {
        State current = state.get();
        if (current != State.RUNNING) {
            throw new IllegalStateException(name + " is " + (current == State.CREATED ? "not started" : "closed"));
        }
    }

    /**
     * Runs {@code task} on {@code scheduler} after {@code initialDelayMillis}, then {@code periodMillis} after each
     * run (fixed delay: a slow run never causes a burst of catch-up runs) until {@link #close()}; an exception or a
     * failed future is logged as "{@code what} failed".
     */
    public void every(ScheduledExecutorService scheduler, String what, long initialDelayMillis, long periodMillis,
                      Supplier<? extends CompletableFuture<?>> task) {
        synchronized (tasks) {
            if (state.get() == State.CLOSED) {
                return;
            }
            tasks.add(scheduler.scheduleWithFixedDelay(() -> runLogged(what, task), initialDelayMillis, periodMillis,
                    TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Moves to CLOSED and cancels the periodic tasks.
     *
     * @return the state before: RUNNING means the caller must release what start acquired; CLOSED means this was a
     *         repeated close and there is nothing left to do
     */
    public State close() {
        State previous = state.getAndSet(State.CLOSED);
        synchronized (tasks) {
            tasks.forEach(task -> task.cancel(false));
            tasks.clear();
        }
        return previous;
    }

    private static void runLogged(String what, Supplier<? extends CompletableFuture<?>> task) {
        try {
            task.get().whenComplete((ignored, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    LOG.warn("{} failed: {}", what, cause.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{} failed", what, e);
        }
    }
}
