package org.tidemq.broker.ha.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MasterRemotingAddressTest {

    @Test
    void theNameServersAnswerWinsOverTheDerivedAddress() {
        assertEquals("10.0.0.5:10911", MasterRemotingAddress.of("10.0.0.5:10911", "10.0.0.9:20912"));
    }

    @Test
    void withOnlyHaMasterAddressTheClientPortIsTheHaPortMinusOne() {
        assertEquals("10.0.0.9:10911", MasterRemotingAddress.of(null, "10.0.0.9:10912"));
        assertEquals("master-host:30920", MasterRemotingAddress.of(null, "master-host:30921"));
    }

    @Test
    void nothingKnownOrUnusableGivesNull() {
        assertNull(MasterRemotingAddress.of(null, null));
        assertNull(MasterRemotingAddress.of(null, "no-port"));
        assertNull(MasterRemotingAddress.of(null, "host:1"));
        assertNull(MasterRemotingAddress.of(null, "host:x"));
    }
}
