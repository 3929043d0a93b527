package org.tidemq.broker.ha.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisteredSlaveMatchTest {
    private static final Map<Long, String> GROUP = Map.of(0L, "10.0.0.1:10911", 1L, "10.0.0.2:10911",
            2L, "10.0.0.3:10911", 3L, "10.0.0.3:10921");

    @Test
    void theOnlySlaveOnTheConnectionsIpIsIt() {
        assertEquals(OptionalLong.of(1), RegisteredSlaveMatch.of("10.0.0.2", GROUP, Set.of()));
    }

    @Test
    void theMasterItselfAndUnknownHostsAreNoMatch() {
        assertEquals(OptionalLong.empty(), RegisteredSlaveMatch.of("10.0.0.1", GROUP, Set.of()));
        assertEquals(OptionalLong.empty(), RegisteredSlaveMatch.of("10.9.9.9", GROUP, Set.of()));
    }

    @Test
    void twoSlavesOnOneHostAreAmbiguousUntilOneIsClaimed() {
        assertEquals(OptionalLong.empty(), RegisteredSlaveMatch.of("10.0.0.3", GROUP, Set.of()));
        assertEquals(OptionalLong.of(3), RegisteredSlaveMatch.of("10.0.0.3", GROUP, Set.of(2L)));
        assertEquals(OptionalLong.empty(), RegisteredSlaveMatch.of("10.0.0.3", GROUP, Set.of(2L, 3L)));
    }
}
