package org.tidemq.broker.stats;

import java.util.function.LongSupplier;
import org.tidemq.broker.persist.PeriodicScheduler;

/**
 * Samples every stats item into its windows: the minute window at every tick (every
 * {@value StatsItem#MINUTE_SAMPLE_PERIOD_MS} ms), the hour window every 10 minutes and the day window every hour,
 * as measured by the injected clock, so tests drive it with {@link #tick()} and a fake clock. The first tick samples
 * all three windows. Not thread-safe: ticks come from one scheduler thread (or a test).
 */
public final class StatsSamplingService {
    private final BrokerStatsTable table;
    private final LongSupplier clockMillis;
    private long nextHourWindowSampleMs = Long.MIN_VALUE;
    private long nextDayWindowSampleMs = Long.MIN_VALUE;
    private PeriodicScheduler.ScheduledTask task;

    public StatsSamplingService(BrokerStatsTable table, LongSupplier clockMillis) {
        this.table = table;
        this.clockMillis = clockMillis;
    }

    /** Ticks on {@code scheduler} every 10 s, starting now. */
    public void start(PeriodicScheduler scheduler) {
        task = scheduler.scheduleAtFixedRate(this::tick, 0, StatsItem.MINUTE_SAMPLE_PERIOD_MS);
    }

    public void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    /** Takes the samples that are due now. */
    public void tick() {
        long now = clockMillis.getAsLong();
        table.sampleMinuteWindows(now);
        if (now >= nextHourWindowSampleMs) {
            table.sampleHourWindows(now);
            nextHourWindowSampleMs = now + StatsItem.HOUR_SAMPLE_PERIOD_MS;
        }
        if (now >= nextDayWindowSampleMs) {
            table.sampleDayWindows(now);
            nextDayWindowSampleMs = now + StatsItem.DAY_SAMPLE_PERIOD_MS;
        }
    }
}
