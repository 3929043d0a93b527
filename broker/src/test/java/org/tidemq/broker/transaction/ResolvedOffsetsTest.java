package org.tidemq.broker.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResolvedOffsetsTest {

    @Test
    void holdsOffsetsFarAboveTheBaseAndForgetsThoseBelowIt() {
        ResolvedOffsets offsets = new ResolvedOffsets();
        offsets.add(3);
        offsets.add(64);
        offsets.add(100_000);

        assertTrue(offsets.contains(3));
        assertTrue(offsets.contains(64));
        assertTrue(offsets.contains(100_000));
        assertFalse(offsets.contains(4));
        assertFalse(offsets.contains(99_999));
        assertEquals(3, offsets.size());

        offsets.dropBelow(65);

        assertFalse(offsets.contains(3), "below the new base");
        assertTrue(offsets.contains(64), "the base rounds down to a word boundary: 64 stays");
        assertTrue(offsets.contains(100_000));
        offsets.add(10);
        assertFalse(offsets.contains(10), "offsets below the base are not stored");

        offsets.dropBelow(1_000_000);
        assertEquals(0, offsets.size());
        offsets.add(1_000_001);
        assertTrue(offsets.contains(1_000_001));
    }
}
