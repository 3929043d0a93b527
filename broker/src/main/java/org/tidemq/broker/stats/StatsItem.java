package org.tidemq.broker.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * One counted quantity for one key (e.g. TOPIC_PUT_NUMS of topic T): a running value and the number of events that
 * added to it, both {@link LongAdder}s so recording on the send/pull threads is cheap and contention-free, and the
 * three windows the sampler fills. Thread-safe.
 */
public final class StatsItem {
    /** 6 samples 10 s apart (RocketMQ samples every 10 s and keeps 7). */
    static final long MINUTE_SAMPLE_PERIOD_MS = 10_000;
    /** 6 samples 10 min apart. */
    static final long HOUR_SAMPLE_PERIOD_MS = 10 * 60_000;
    /** 24 samples an hour apart. */
    static final long DAY_SAMPLE_PERIOD_MS = 60 * 60_000;

    private final LongAdder value = new LongAdder();
    private final LongAdder times = new LongAdder();
    private final StatsWindow minute = new StatsWindow(MINUTE_SAMPLE_PERIOD_MS, 6);
    private final StatsWindow hour = new StatsWindow(HOUR_SAMPLE_PERIOD_MS, 6);
    private final StatsWindow day = new StatsWindow(DAY_SAMPLE_PERIOD_MS, 24);

    /** Adds {@code amount} counted by {@code events} events (a batch of 5 messages: amount 5, events 1). */
    public void add(long amount, long events) {
        value.add(amount);
        times.add(events);
    }

    void sampleMinuteWindow(long nowMillis) {
        minute.sample(nowMillis, times.sum(), value.sum());
    }

    void sampleHourWindow(long nowMillis) {
        hour.sample(nowMillis, times.sum(), value.sum());
    }

    void sampleDayWindow(long nowMillis) {
        day.sample(nowMillis, times.sum(), value.sum());
    }

    public StatsSnapshot lastMinute() {
        return minute.snapshot();
    }

    public StatsSnapshot lastHour() {
        return hour.snapshot();
    }

    public StatsSnapshot lastDay() {
        return day.snapshot();
    }
}
