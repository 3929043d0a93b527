package org.tidemq.broker.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.LongSupplier;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.dispatch.DispatchRequest;

/**
 * Counts messages stored since the broker started, with the totals at the start of today and of yesterday, as
 * GET_BROKER_RUNTIME_INFO reports them ({@code msgPutTotalTodayNow} − {@code msgPutTotalTodayMorning} = stored
 * today), and the store rate over the last 10, 60 and 600 seconds ({@code putTps}). Fed by the store's dispatch
 * thread as records become readable; replayed records (offset below what was already counted) are ignored.
 *
 * <p>Day boundaries are taken in {@code zone} (RocketMQ uses the broker's local time) and rolled lazily when a
 * record or a read sees a new day; if whole days pass without either, "yesterday morning" is the last morning seen.
 * Thread-safe: one writer (the dispatch thread), readers from any thread.
 */
public final class MessagePutCounter implements CommitLogDispatcher {
    private final LongSupplier clockMillis;
    private final ZoneId zone;
    private long total;
    private long highestCountedOffset = -1;
    private long todayMorning;
    private long yesterdayMorning;
    private LocalDate today;
    private final PerSecondCounts perSecond = new PerSecondCounts();

    public MessagePutCounter(LongSupplier clockMillis, ZoneId zone) {
        this.clockMillis = clockMillis;
        this.zone = zone;
        this.today = dayNow();
    }

    @Override
    public synchronized void dispatch(DispatchRequest request) {
        if (request.commitLogOffset() <= highestCountedOffset) {
            return;
        }
        highestCountedOffset = request.commitLogOffset();
        rollDay();
        total++;
        perSecond.record(clockMillis.getAsLong());
    }

    /** The three totals, consistent with each other. */
    public synchronized Snapshot snapshot() {
        rollDay();
        long now = clockMillis.getAsLong();
        return new Snapshot(total, todayMorning, yesterdayMorning, perSecond.ratePerSecond(now, 10),
                perSecond.ratePerSecond(now, 60), perSecond.ratePerSecond(now, 600));
    }

    private void rollDay() {
        LocalDate now = dayNow();
        if (now.isAfter(today)) {
            yesterdayMorning = todayMorning;
            todayMorning = total;
            today = now;
        }
    }

    private LocalDate dayNow() {
        return LocalDate.ofInstant(Instant.ofEpochMilli(clockMillis.getAsLong()), zone);
    }

    /**
     * Messages stored since start: in total, and by the start of today and of yesterday; and messages per second over
     * the last 10, 60 and 600 completed seconds.
     */
    public record Snapshot(long todayNow, long todayMorning, long yesterdayMorning, double tps10s, double tps60s,
                           double tps600s) {
    }
}
