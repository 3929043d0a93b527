package org.tidemq.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsWindowTest {
    @Test
    void firstSampleCountsEverythingBeforeItAgainstAZeroBaselineOnePeriodEarlier() {
        StatsWindow window = new StatsWindow(10_000, 6);
        assertEquals(StatsSnapshot.EMPTY, window.snapshot());

        window.sample(100_000, 4, 20);

        StatsSnapshot snapshot = window.snapshot();
        assertEquals(20, snapshot.sum());
        assertEquals(2.0, snapshot.tps(), 1e-9);
        assertEquals(5.0, snapshot.avgpt(), 1e-9);
    }

    @Test
    void keepsOnlyTheSamplesOfItsSpanSoOldGrowthLeavesTheWindow() {
        StatsWindow window = new StatsWindow(10_000, 6);
        window.sample(0, 1, 60);
        for (int i = 1; i <= 6; i++) {
            window.sample(i * 10_000L, 1 + i, 60 + i);
        }
        // Samples at 0..60 s remain (the baseline left): growth 6 over 60 s.
        assertEquals(new StatsSnapshot(6, 0.1, 1.0), window.snapshot());

        window.sample(70_000, 7, 66);
        StatsSnapshot afterQuietSecond = window.snapshot();
        assertEquals(5, afterQuietSecond.sum());
        assertEquals(5 / 60.0, afterQuietSecond.tps(), 1e-9);
    }

    @Test
    void rejectsAnEmptySpan() {
        assertThrows(IllegalArgumentException.class, () -> new StatsWindow(0, 6));
        assertThrows(IllegalArgumentException.class, () -> new StatsWindow(10_000, 0));
    }
}
