package org.tidemq.broker.ha.slave;

/**
 * Exponential reconnect delays: {@code initial}, 2×, 4× … capped at {@code max}; {@link #reset()} after a
 * connection made progress. Not thread-safe (the slave's event loop owns it).
 */
public final class ReconnectBackoff {
    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    public ReconnectBackoff(long initialMs, long maxMs) {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 0 < initialMs <= maxMs, got " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /** The delay before the next attempt; doubles the one after. */
    public long nextDelayMs() {
        long delay = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return delay;
    }

    public void reset() {
        nextMs = initialMs;
    }
}
