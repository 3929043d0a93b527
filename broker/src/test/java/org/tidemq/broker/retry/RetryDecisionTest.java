package org.tidemq.broker.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RetryDecisionTest {
    @Test
    void retriesStartAtLevelThreeAndClimbWithEachReconsumption() {
        assertEquals(new RetryDecision("%RETRY%G", false, 3, 1), RetryDecision.forSendBack("G", 0, 16, 0));
        assertEquals(new RetryDecision("%RETRY%G", false, 18, 16), RetryDecision.forSendBack("G", 15, 16, 0));
    }

    @Test
    void aRequestedLevelIsKept() {
        assertEquals(new RetryDecision("%RETRY%G", false, 7, 3), RetryDecision.forSendBack("G", 2, 16, 7));
    }

    @Test
    void exhaustedOrNegativeLevelGoesToTheDeadLetterQueue() {
        assertEquals(new RetryDecision("%DLQ%G", true, 0, 17), RetryDecision.forSendBack("G", 16, 16, 0));
        assertEquals(new RetryDecision("%DLQ%G", true, 0, 1), RetryDecision.forSendBack("G", 0, 16, -1));
        assertEquals(new RetryDecision("%DLQ%G", true, 0, 1), RetryDecision.forSendBack("G", 0, 0, 0));
    }
}
