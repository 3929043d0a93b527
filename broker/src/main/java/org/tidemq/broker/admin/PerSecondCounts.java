package org.tidemq.broker.admin;

import java.util.Arrays;

/**
 * Event counts per wall-clock second, enough to average over the last {@value #MAX_RATE_SECONDS} completed seconds,
 * for throughput rates such as RocketMQ's {@code putTps} ("10 s, 60 s, 600 s" averages). Not thread-safe: the owner
 * serializes access.
 */
final class PerSecondCounts {
    static final int MAX_RATE_SECONDS = 600;
    /** One slot more than the longest window: the current, still filling, second. */
    private static final int WINDOW_SECONDS = MAX_RATE_SECONDS + 1;

    private final long[] secondOfSlot = new long[WINDOW_SECONDS];
    private final long[] countOfSlot = new long[WINDOW_SECONDS];

    PerSecondCounts() {
        Arrays.fill(secondOfSlot, -1);
    }

    void record(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        int slot = (int) Math.floorMod(second, WINDOW_SECONDS);
        if (secondOfSlot[slot] != second) {
            secondOfSlot[slot] = second;
            countOfSlot[slot] = 0;
        }
        countOfSlot[slot]++;
    }

    /**
     * Average events per second over the {@code seconds} completed seconds before the current one (the current
     * second is still filling and would understate the rate).
     */
    double ratePerSecond(long nowMillis, int seconds) {
        if (seconds < 1 || seconds > MAX_RATE_SECONDS) {
            throw new IllegalArgumentException("rate window must be 1.." + MAX_RATE_SECONDS + " s, got " + seconds);
        }
        long current = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
            long second = secondOfSlot[slot];
            if (second >= current - seconds && second < current) {
                total += countOfSlot[slot];
            }
        }
        return (double) total / seconds;
    }
}
