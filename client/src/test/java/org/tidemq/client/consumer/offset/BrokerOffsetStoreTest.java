package org.tidemq.client.consumer.offset;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrokerOffsetStoreTest {
    private static final MessageQueue QA = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue QB = new MessageQueue("T", "broker-b", 1);
    private static final Map<String, String> MASTERS = Map.of("broker-a", "10.0.0.1:10911",
            "broker-b", "10.0.0.2:10911");

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final BrokerOffsetStore store = new BrokerOffsetStore(remoting, "CG", MASTERS::get, 3000);

    @Test
    void readsFromTheQueuesMasterAndTreatsQueryNotFoundAsUnknown() {
        remoting.on(RequestCode.QUERY_CONSUMER_OFFSET, (address, request) -> address.equals("10.0.0.1:10911")
                ? FakeRemotingClient.answer(0, null, Map.of("offset", "17"), null)
                : FakeRemotingClient.answer(ResponseCode.QUERY_NOT_FOUND, "Not found", Map.of(), null));

        assertEquals(17, store.read(QA, OffsetStore.ReadFrom.MEMORY_THEN_STORE));
        assertEquals(-1, store.read(QB, OffsetStore.ReadFrom.STORE));
        assertEquals(17, store.read(QA, OffsetStore.ReadFrom.MEMORY), "a store read fills memory");
        assertEquals(-1, store.read(QB, OffsetStore.ReadFrom.MEMORY));

        FakeRemotingClient.Sent query = remoting.sent(RequestCode.QUERY_CONSUMER_OFFSET).get(0);
        assertEquals("CG", query.field("consumerGroup"));
        assertEquals("T", query.field("topic"));
        assertEquals("0", query.field("queueId"));
        assertEquals(2, remoting.sent(RequestCode.QUERY_CONSUMER_OFFSET).size(), "MEMORY reads never ask");
    }

    @Test
    void readFailuresAreConsumerExceptions() {
        remoting.on(RequestCode.QUERY_CONSUMER_OFFSET, (address, request) -> FakeRemotingClient.ioFailure(address));
        ConsumerException error = assertThrows(ConsumerException.class,
                () -> store.read(QA, OffsetStore.ReadFrom.STORE));
        assertEquals(ConsumerException.NO_RESPONSE, error.responseCode());
        assertEquals(-1, store.read(QA, OffsetStore.ReadFrom.MEMORY), "memory unchanged");
        assertThrows(ConsumerException.class,
                () -> store.read(new MessageQueue("T", "unknown", 0), OffsetStore.ReadFrom.STORE));
    }

    @Test
    void increaseOnlyNeverMovesBackwardsButSeekingDoes() {
        store.update(QA, 10, true);
        store.update(QA, 5, true);
        assertEquals(10, store.read(QA, OffsetStore.ReadFrom.MEMORY));
        store.update(QA, 5, false);
        assertEquals(5, store.read(QA, OffsetStore.ReadFrom.MEMORY));
        assertThrows(IllegalArgumentException.class, () -> store.update(QA, -1, false));
    }

    @Test
    void persistsKnownOffsetsOfTheGivenQueuesToTheirMasters() {
        store.update(QA, 11, true);
        store.update(QB, 22, true);
        MessageQueue unknown = new MessageQueue("T", "broker-a", 5);

        store.persistAll(Set.of(QA, QB, unknown)).join();

        List<FakeRemotingClient.Sent> updates = remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET);
        assertEquals(2, updates.size());
        Map<String, String> byAddress = Map.of(updates.get(0).address(), updates.get(0).field("commitOffset"),
                updates.get(1).address(), updates.get(1).field("commitOffset"));
        assertEquals(Map.of("10.0.0.1:10911", "11", "10.0.0.2:10911", "22"), byAddress);
        assertEquals("CG", updates.get(0).field("consumerGroup"));
    }

    @Test
    void oneBrokersCommitsGoOneAtATimeAndAFailureDoesNotStopTheRest() {
        MessageQueue qa1 = new MessageQueue("T", "broker-a", 1);
        MessageQueue qa2 = new MessageQueue("T", "broker-a", 2);
        java.util.Deque<CompletableFuture<RemotingCommand>> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();
        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (address, request) -> {
            CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        });
        store.update(QA, 10, true);
        store.update(qa1, 11, true);
        store.update(qa2, 12, true);
        store.update(QB, 20, true);

        CompletableFuture<Void> persisted = store.persistAll(Set.of(QA, qa1, qa2, QB));

        // broker-a's first commit and broker-b's commit are in flight; broker-a's others wait for their turn.
        assertEquals(2, remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).size());
        pending.poll().complete(FakeRemotingClient.answer(ResponseCode.SYSTEM_ERROR, "busy", Map.of(), null).join());
        assertEquals(3, remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).size(), "a refusal does not stop the rest");
        while (!pending.isEmpty()) {
            pending.poll().complete(FakeRemotingClient.answer(ResponseCode.SUCCESS, null, Map.of(), null).join());
        }
        assertEquals(4, remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).size());
        List<String> brokerAOrder = remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).stream()
                .filter(sent -> sent.address().equals("10.0.0.1:10911")).map(sent -> sent.field("queueId")).toList();
        assertEquals(3, brokerAOrder.size());
        CompletionException error = assertThrows(CompletionException.class, persisted::join);
        assertEquals(ResponseCode.SYSTEM_ERROR,
                assertInstanceOf(ConsumerException.class, error.getCause()).responseCode());
    }

    @Test
    void aRefusedCommitFailsThePersist() {
        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, "no group", Map.of(), null));
        store.update(QA, 3, true);
        CompletionException error = assertThrows(CompletionException.class, () -> store.persistAll(Set.of(QA)).join());
        assertEquals(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                assertInstanceOf(ConsumerException.class, error.getCause()).responseCode());
    }

    @Test
    void racingIncreaseOnlyUpdatesKeepTheLargest() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offsetBase = t;
                done.add(pool.submit(() -> {
                    for (int i = perThread; i >= 0; i--) {
                        store.update(QA, (long) i * threads + offsetBase, true);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) perThread * threads + threads - 1, store.read(QA, OffsetStore.ReadFrom.MEMORY));
    }
}
