package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.store.dispatch.DispatchRequest;

class MessagePutCounterTest {
    private static final long DAY1_NOON = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC)
            .toInstant().toEpochMilli();
    private static final long DAY_MS = 86_400_000L;

    private final AtomicLong now = new AtomicLong(DAY1_NOON);
    private final MessagePutCounter counter = new MessagePutCounter(now::get, ZoneOffset.UTC);
    private long nextOffset;

    private void put(int count) {
        for (int i = 0; i < count; i++) {
            counter.dispatch(request(nextOffset));
            nextOffset += 100;
        }
    }

    private static DispatchRequest request(long offset) {
        return new DispatchRequest("T", 0, offset, 100, 0, DAY1_NOON, 0, null, null, 0, 0);
    }

    @Test
    void rollsMorningTotalsAtDayBoundaries() {
        put(3);
        assertEquals(new MessagePutCounter.Snapshot(3, 0, 0, 0.0, 0.0, 0.0), counter.snapshot());

        now.addAndGet(DAY_MS);
        put(2);
        MessagePutCounter.Snapshot day2 = counter.snapshot();
        assertEquals(5, day2.todayNow());
        assertEquals(3, day2.todayMorning());
        assertEquals(0, day2.yesterdayMorning());

        now.addAndGet(DAY_MS);
        MessagePutCounter.Snapshot day3 = counter.snapshot();
        assertEquals(5, day3.todayNow());
        assertEquals(5, day3.todayMorning(), "a read alone rolls the day");
        assertEquals(3, day3.yesterdayMorning());
    }

    @Test
    void ratesAverageCompletedSecondsOverEachWindow() {
        for (int second = 0; second < 20; second++) {
            put(6);
            now.addAndGet(1000);
        }
        put(100);

        MessagePutCounter.Snapshot snapshot = counter.snapshot();
        assertEquals(6.0, snapshot.tps10s(), 1e-9, "the filling second is left out");
        assertEquals(120 / 60.0, snapshot.tps60s(), 1e-9);
        assertEquals(120 / 600.0, snapshot.tps600s(), 1e-9);

        now.addAndGet(700_000);
        assertEquals(0.0, counter.snapshot().tps600s(), "old seconds age out");
    }

    @Test
    void ignoresReplayedRecords() {
        put(2);
        counter.dispatch(request(0));
        counter.dispatch(request(100));

        assertEquals(2, counter.snapshot().todayNow());
    }
}
