package org.tidemq.tools.benchmark;

import java.util.List;

/**
 * How a {@code timerProducer} run schedules its messages: every message is due {@code deliverAfterMs} after it is
 * sent (a 5.x timer), or, when {@code delayLevel} is positive, after that classic delay level's delay.
 *
 * @param deliverAfterMs delay of a timer, used when {@code delayLevel} is 0
 * @param delayLevel     classic delay level 1..18 (broker default table assumed), or 0 for timers
 */
public record TimerSpec(long deliverAfterMs, int delayLevel) {
    /** RocketMQ's default {@code messageDelayLevel}, level 1 first, in milliseconds. */
    static final List<Long> DEFAULT_LEVEL_DELAYS_MS = List.of(1_000L, 5_000L, 10_000L, 30_000L, 60_000L, 120_000L,
            180_000L, 240_000L, 300_000L, 360_000L, 420_000L, 480_000L, 540_000L, 600_000L, 1_200_000L, 1_800_000L,
            3_600_000L, 7_200_000L);

    public TimerSpec {
        if (delayLevel < 0 || delayLevel > DEFAULT_LEVEL_DELAYS_MS.size()) {
            throw new IllegalArgumentException("--delay-level must be 1.." + DEFAULT_LEVEL_DELAYS_MS.size()
                    + " but was " + delayLevel);
        }
        if (delayLevel == 0 && deliverAfterMs < 1) {
            throw new IllegalArgumentException("--deliver-after-ms must be at least 1 but was " + deliverAfterMs);
        }
    }

    /** How long after sending a message is due. */
    public long delayMs() {
        return delayLevel > 0 ? DEFAULT_LEVEL_DELAYS_MS.get(delayLevel - 1) : deliverAfterMs;
    }

    /** The schedule of a message sent at {@code nowMillis}. */
    public Schedule scheduleAt(long nowMillis) {
        return new Schedule(nowMillis + delayMs(), delayLevel);
    }

    /** Printable: "timers due 10000 ms after sending" or "delay level 3 (10000 ms)". */
    public String describe() {
        return delayLevel > 0 ? "delay level " + delayLevel + " (" + delayMs() + " ms)"
                : "timers due " + deliverAfterMs + " ms after sending";
    }
}
