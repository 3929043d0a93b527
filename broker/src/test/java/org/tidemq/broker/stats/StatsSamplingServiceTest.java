package org.tidemq.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatsSamplingServiceTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final BrokerStatsTable table = new BrokerStatsTable();
    private final StatsSamplingService sampler = new StatsSamplingService(table, now::get);

    private StatsItem item(StatsName name, String key) {
        return table.find(name, key).orElseThrow();
    }

    private void advanceAndTick(long millis) {
        now.addAndGet(millis);
        sampler.tick();
    }

    @Test
    void putsShowInAllThreeWindowsAndLeaveTheMinuteWindowAfterAMinute() {
        sampler.tick();
        for (int i = 0; i < 30; i++) {
            table.recordPut("T", 100);
        }
        advanceAndTick(10_000);
        assertEquals(30, item(StatsName.TOPIC_PUT_NUMS, "T").lastMinute().sum());
        assertEquals(3000, item(StatsName.TOPIC_PUT_SIZE, "T").lastMinute().sum());
        assertEquals(3.0, item(StatsName.TOPIC_PUT_NUMS, "T").lastMinute().tps(), 1e-9);
        // Created after the first tick, the item's hour and day windows get their first sample only when due.
        assertEquals(0, item(StatsName.TOPIC_PUT_NUMS, "T").lastHour().sum());

        for (int i = 0; i < 7; i++) {
            advanceAndTick(10_000);
        }
        assertEquals(0, item(StatsName.TOPIC_PUT_NUMS, "T").lastMinute().sum());

        advanceAndTick(10 * 60_000L - 80_000);
        assertEquals(30, item(StatsName.TOPIC_PUT_NUMS, "T").lastHour().sum());
        assertEquals(0, item(StatsName.TOPIC_PUT_NUMS, "T").lastDay().sum());
        advanceAndTick(50 * 60_000L);
        assertEquals(30, item(StatsName.TOPIC_PUT_NUMS, "T").lastDay().sum());
    }

    @Test
    void getsAreKeyedTopicAtGroupWithBatchesAsEvents() {
        table.recordGet("G", "T", 8, 800);
        table.recordGet("G", "T", 2, 200);
        table.recordGet("Other", "T", 1, 100);
        sampler.tick();

        StatsSnapshot minute = item(StatsName.GROUP_GET_NUMS, "T@G").lastMinute();
        assertEquals(10, minute.sum());
        assertEquals(5.0, minute.avgpt(), 1e-9);
        assertEquals(1000, item(StatsName.GROUP_GET_SIZE, "T@G").lastMinute().sum());
        assertEquals(10, item(StatsName.GROUP_GET_NUMS, "T@G").lastHour().sum());
        assertEquals(10, item(StatsName.GROUP_GET_NUMS, "T@G").lastDay().sum());
        assertEquals(1, item(StatsName.GROUP_GET_NUMS, "T@Other").lastDay().sum());
        assertTrue(table.find(StatsName.GROUP_GET_NUMS, "G@T").isEmpty());
        assertTrue(table.find(StatsName.TOPIC_PUT_NUMS, "T").isEmpty());
    }
}
