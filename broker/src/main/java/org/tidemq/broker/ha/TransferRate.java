package org.tidemq.broker.ha;

import java.util.function.LongSupplier;

/**
 * Bytes moved over one HA connection per whole second, as RocketMQ's HA flow monitor reports them: bytes are counted
 * into the current second, and {@link #bytesInLastSecond()} answers the total of the last completed second (0 when
 * that second saw nothing). Thread-safe; the lock is uncontended in practice (one writer, a rare status reader).
 */
public final class TransferRate {
    private static final long SECOND_MS = 1_000;

    private final LongSupplier clockMs;
    private long currentSecond;
    private long bytesThisSecond;
    private long bytesLastSecond;

    public TransferRate(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.currentSecond = clockMs.getAsLong() / SECOND_MS;
    }

    /** Counts {@code bytes} just transferred. */
    public synchronized void add(long bytes) {
        roll();
        bytesThisSecond += bytes;
    }

    /** Bytes transferred during the last completed second. */
    public synchronized long bytesInLastSecond() {
        roll();
        return bytesLastSecond;
    }

    private void roll() {
        long second = clockMs.getAsLong() / SECOND_MS;
        if (second == currentSecond) {
            return;
        }
        bytesLastSecond = second == currentSecond + 1 ? bytesThisSecond : 0;
        bytesThisSecond = 0;
        currentSecond = second;
    }
}
