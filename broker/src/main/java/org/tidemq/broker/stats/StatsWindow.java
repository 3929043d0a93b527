package org.tidemq.broker.stats;

import java.util.ArrayDeque;

/**
 * The last few samples of a counter taken at a fixed period, enough to cover one window (a minute: 6 samples 10 s
 * apart; an hour: 6 samples 10 min apart; a day: 24 samples an hour apart), as RocketMQ's {@code StatsItem} keeps its
 * {@code csListMinute/Hour/Day}. The first sample is preceded by a zero baseline one period earlier, so what was
 * counted before the first sample is part of the window. Thread-safe (synchronized: sampling and reading are rare).
 */
final class StatsWindow {
    private final long periodMs;
    private final int maxSamples;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /**
     * @param periodMs  time between samples
     * @param intervals sample intervals the window spans (it keeps {@code intervals + 1} samples)
     */
    StatsWindow(long periodMs, int intervals) {
        if (periodMs <= 0 || intervals <= 0) {
            throw new IllegalArgumentException("stats window needs a positive period and interval count, got "
                    + periodMs + " ms x " + intervals);
        }
        this.periodMs = periodMs;
        this.maxSamples = intervals + 1;
    }

    synchronized void sample(long nowMillis, long times, long value) {
        if (samples.isEmpty()) {
            samples.addLast(new Sample(nowMillis - periodMs, 0, 0));
        }
        samples.addLast(new Sample(nowMillis, times, value));
        while (samples.size() > maxSamples) {
            samples.removeFirst();
        }
    }

    /** Growth between the oldest and newest sample; all zero before the first sample. */
    synchronized StatsSnapshot snapshot() {
        if (samples.size() < 2) {
            return StatsSnapshot.EMPTY;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long sum = last.value() - first.value();
        long elapsedMs = last.timestampMs() - first.timestampMs();
        double tps = elapsedMs > 0 ? sum * 1000.0d / elapsedMs : 0;
        long times = last.times() - first.times();
        double avgpt = times > 0 ? (double) sum / times : 0;
        return new StatsSnapshot(sum, tps, avgpt);
    }

    private record Sample(long timestampMs, long times, long value) {
    }
}
