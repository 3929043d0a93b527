package org.tidemq.store.util;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop: waits up to {@link #waitIntervalMs()} (or until {@link #wakeup()}), then runs
 * {@link #runOnce()}. The work lives in {@code runOnce()}, which tests call directly with an injected clock, so no
 * test depends on the thread's timing. On {@link #shutdown()} the loop ends and {@link #onShutdown()} runs on the
 * caller's thread.
 */
public abstract class ServiceThread {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceThread.class);
    private static final long JOIN_TIMEOUT_MS = 30_000;

    private final String name;
    private final AtomicBoolean notified = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Thread thread;

    protected ServiceThread(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** One round of work. Exceptions are logged and the loop continues. */
    public abstract void runOnce();

    /** Longest wait between two rounds, ms. */
    protected abstract long waitIntervalMs();

    /** Final work after the loop ended (e.g. a last full flush). Default: none. */
    protected void onShutdown() {
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Ends the current wait early (cheap when called often: one CAS unless the loop is waiting). */
    public void wakeup() {
        if (notified.compareAndSet(false, true)) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }


    private void loop() {
        while (!stopped) {
            if (!notified.compareAndSet(true, false)) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(waitIntervalMs()));
                notified.set(false);
            }
            if (stopped) {
                break;
            }
            try {
                runOnce();
            } catch (RuntimeException | Error e) {
                LOG.error("{}: round failed", name, e);
            }
        }
    }

    /** Stops the loop, waits for it, then runs {@link #onShutdown()}. Idempotent. */
    public void shutdown() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(JOIN_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("{} did not stop within {} ms", name, JOIN_TIMEOUT_MS);
            }
        }
        onShutdown();
    }
}
