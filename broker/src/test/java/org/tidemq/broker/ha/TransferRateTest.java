package org.tidemq.broker.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransferRateTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final TransferRate rate = new TransferRate(now::get);

    @Test
    void answersTheLastCompletedSecondOnly() {
        rate.add(100);
        rate.add(50);
        assertEquals(0, rate.bytesInLastSecond(), "the current second is not complete yet");
        now.set(11_000);
        rate.add(7);
        assertEquals(150, rate.bytesInLastSecond());
        now.set(12_999);
        assertEquals(7, rate.bytesInLastSecond());
    }

    @Test
    void anIdleSecondInBetweenCountsAsNothing() {
        rate.add(100);
        now.set(12_000);
        assertEquals(0, rate.bytesInLastSecond(), "second 11 saw nothing");
    }
}
