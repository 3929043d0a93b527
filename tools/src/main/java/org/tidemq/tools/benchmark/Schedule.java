package org.tidemq.tools.benchmark;

/**
 * When a scheduled message is due. A {@link LoadClient} sends it as a RocketMQ 5.x timer (deliver-at time property)
 * when {@code delayLevel} is 0, else with that classic delay level; either way the message carries
 * {@code dueMillis} in the user property {@link #DUE_PROPERTY} so that a consumer can measure how late it fired.
 *
 * @param dueMillis  wall-clock time the message should be delivered at
 * @param delayLevel classic delay level 1..18, or 0 for a timer at {@code dueMillis}
 */
public record Schedule(long dueMillis, int delayLevel) {
    /** User property holding the due time, in epoch milliseconds. */
    public static final String DUE_PROPERTY = "BENCH_DUE_MS";

    public Schedule {
        if (delayLevel < 0) {
            throw new IllegalArgumentException("delayLevel must not be negative but was " + delayLevel);
        }
    }

    /** The due time in {@code property}, or -1 when the message was not scheduled by a benchmark. */
    public static long dueOf(String property) {
        if (property == null) {
            return -1;
        }
        try {
            return Long.parseLong(property);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
