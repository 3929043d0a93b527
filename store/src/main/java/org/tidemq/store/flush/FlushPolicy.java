package org.tidemq.store.flush;

import java.util.function.LongSupplier;

/**
 * RocketMQ's periodic flush rule, shared by the CommitLog and ConsumeQueue flushers: a round forces only when at
 * least {@code leastPages} pages are dirty, except that at least every {@code thoroughIntervalMs} a round forces
 * everything (0 pages). Not thread-safe: owned by one flush thread.
 */
final class FlushPolicy {
    private final LongSupplier clock;
    private final int leastPages;
    private final int thoroughIntervalMs;
    private long lastThoroughFlushMs;

    FlushPolicy(LongSupplier clock, int leastPages, int thoroughIntervalMs) {
        this.clock = clock;
        this.leastPages = leastPages;
        this.thoroughIntervalMs = thoroughIntervalMs;
        this.lastThoroughFlushMs = clock.getAsLong();
    }

    /** Whether the round about to run must force everything (the thorough interval passed); starts a new interval. */
    boolean thoroughRoundDue() {
        long now = clock.getAsLong();
        if (now - lastThoroughFlushMs >= thoroughIntervalMs) {
            lastThoroughFlushMs = now;
            return true;
        }
        return false;
    }

    /** Dirty pages that make an ordinary round force. */
    int leastPages() {
        return leastPages;
    }
}
