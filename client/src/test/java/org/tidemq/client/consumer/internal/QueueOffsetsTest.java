package org.tidemq.client.consumer.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueOffsetsTest {
    private static final MessageQueue QUEUE = new MessageQueue("T", "broker-a", 3);

    @Test
    void asksTheBrokerForBoundsAndTimestamps() {
        FakeRemotingClient remoting = new FakeRemotingClient()
                .on(RequestCode.GET_MAX_OFFSET, (a, r) -> FakeRemotingClient.answer(0, null, Map.of("offset", "120"), null))
                .on(RequestCode.GET_MIN_OFFSET, (a, r) -> FakeRemotingClient.answer(0, null, Map.of("offset", "7"), null))
                .on(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (a, r) ->
                        FakeRemotingClient.answer(0, null, Map.of("offset", "55"), null));
        QueueOffsets offsets = new QueueOffsets(remoting, 3000);

        assertEquals(120L, offsets.maxOffset("b:1", QUEUE).join());
        assertEquals(7L, offsets.minOffset("b:1", QUEUE).join());
        assertEquals(55L, offsets.offsetForTimestamp("b:1", QUEUE, 1_700_000_000_000L).join());

        FakeRemotingClient.Sent search = remoting.sent(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP).get(0);
        assertEquals("T", search.field("topic"));
        assertEquals("3", search.field("queueId"));
        assertEquals("1700000000000", search.field("timestamp"));
        assertEquals("3", remoting.sent(RequestCode.GET_MAX_OFFSET).get(0).field("queueId"));
    }

    @Test
    void refusalsCarryTheCode() {
        FakeRemotingClient remoting = new FakeRemotingClient().on(RequestCode.GET_MAX_OFFSET, (a, r) ->
                FakeRemotingClient.answer(ResponseCode.SYSTEM_ERROR, "no such queue", Map.of(), null));
        CompletionException error = assertThrows(CompletionException.class,
                () -> new QueueOffsets(remoting, 3000).maxOffset("b:1", QUEUE).join());
        assertEquals(ResponseCode.SYSTEM_ERROR, assertInstanceOf(ConsumerException.class, error.getCause()).responseCode());
    }
}
