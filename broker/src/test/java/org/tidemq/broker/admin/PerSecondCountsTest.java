package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PerSecondCountsTest {
    @Test
    void reusedSlotsForgetTheirOldSecond() {
        PerSecondCounts counts = new PerSecondCounts();
        long start = 1_000_000_000L;
        counts.record(start);
        counts.record(start + 500);
        long lap = start + 601_000L;
        counts.record(lap);

        assertEquals(1 / 600.0, counts.ratePerSecond(lap + 1000, 600), 1e-12,
                "the slot of the first second now holds only the lapped second's event");
        assertEquals(1.0, counts.ratePerSecond(lap + 1000, 1), 1e-12);
    }

    @Test
    void rejectsWindowsItCannotCover() {
        PerSecondCounts counts = new PerSecondCounts();
        assertThrows(IllegalArgumentException.class, () -> counts.ratePerSecond(0, 0));
        assertThrows(IllegalArgumentException.class, () -> counts.ratePerSecond(0, 601));
    }
}
