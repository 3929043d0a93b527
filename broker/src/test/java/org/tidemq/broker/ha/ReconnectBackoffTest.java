package org.tidemq.broker.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tidemq.broker.ha.slave.ReconnectBackoff;

class ReconnectBackoffTest {

    @Test
    void delaysDoubleUpToTheCapAndResetAfterProgress() {
        ReconnectBackoff backoff = new ReconnectBackoff(100, 1000);
        assertEquals(100, backoff.nextDelayMs());
        assertEquals(200, backoff.nextDelayMs());
        assertEquals(400, backoff.nextDelayMs());
        assertEquals(800, backoff.nextDelayMs());
        assertEquals(1000, backoff.nextDelayMs());
        assertEquals(1000, backoff.nextDelayMs());
        backoff.reset();
        assertEquals(100, backoff.nextDelayMs());
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(100, 10));
    }
}
