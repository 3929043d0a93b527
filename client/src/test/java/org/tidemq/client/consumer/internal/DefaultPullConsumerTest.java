package org.tidemq.client.consumer.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.offset.LocalFileOffsetStore;
import org.tidemq.client.consumer.PullConsumer;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.StoredMessages;
import org.tidemq.client.consumer.rebalance.AverageAllocation;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pull consumer against a scripted broker that serves real stored-message bytes. */
class DefaultPullConsumerTest {
    private static final String NAMESRV = "127.0.0.1:9876";
    private static final String BROKER = "10.0.0.1:10911";
    private static final String ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"writeQueueNums":4,"topicSysFlag":0}]}""";
    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("T", "broker-a", 1);

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    /** queueId → tags of the messages at offsets 0, 1, … */
    private final Map<Integer, List<String>> queues = new ConcurrentHashMap<>();
    private final Map<Integer, Long> committedOnBroker = new ConcurrentHashMap<>();
    private final AtomicReference<List<String>> consumerIds = new AtomicReference<>(List.of());
    private final AtomicLong suggestedBrokerId = new AtomicLong();
    private final AtomicLong timestampAsked = new AtomicLong(-1);

    @TempDir
    Path offsetDir;
    private PullConsumer consumer;

    @BeforeEach
    void broker() {
        for (int queueId = 0; queueId < 4; queueId++) {
            queues.put(queueId, List.of("TagA", "TagB", "TagA", "TagA", "TagB"));
        }
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of(), ROUTE.getBytes(StandardCharsets.UTF_8)));
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) -> pull(request));
        remoting.on(RequestCode.QUERY_CONSUMER_OFFSET, (address, request) -> {
            Long offset = committedOnBroker.get(Integer.parseInt(request.field("queueId")));
            return offset == null ? FakeRemotingClient.answer(ResponseCode.QUERY_NOT_FOUND, "none", Map.of(), null)
                    : FakeRemotingClient.answer(0, null, Map.of("offset", offset.toString()), null);
        });
        remoting.on(RequestCode.UPDATE_CONSUMER_OFFSET, (address, request) -> {
            committedOnBroker.put(Integer.parseInt(request.field("queueId")),
                    Long.parseLong(request.field("commitOffset")));
            return FakeRemotingClient.answer(0, null, Map.of(), null);
        });
        remoting.on(RequestCode.GET_MIN_OFFSET, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of("offset", "0"), null));
        remoting.on(RequestCode.GET_MAX_OFFSET, (address, request) -> FakeRemotingClient.answer(0, null,
                Map.of("offset", Integer.toString(queues.get(Integer.parseInt(request.field("queueId"))).size())),
                null));
        remoting.on(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, (address, request) -> {
            timestampAsked.set(Long.parseLong(request.field("timestamp")));
            return FakeRemotingClient.answer(0, null, Map.of("offset", "3"), null);
        });
        remoting.on(RequestCode.GET_CONSUMER_LIST_BY_GROUP, (address, request) -> {
            String body = "{\"consumerIdList\":[" + String.join(",",
                    consumerIds.get().stream().map(id -> "\"" + id + "\"").toList()) + "]}";
            return FakeRemotingClient.answer(0, null, Map.of(), body.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** FOUND for offsets below the queue's end (broker-side tag-hash filter included), else a held NO_NEW_MSG. */
    private CompletableFuture<RemotingCommand> pull(FakeRemotingClient.Sent request) {
        int queueId = Integer.parseInt(request.field("queueId"));
        long offset = Long.parseLong(request.field("queueOffset"));
        int max = Integer.parseInt(request.field("maxMsgNums"));
        List<String> tags = queues.get(queueId);
        Set<String> wanted = Subscription.parseTags(request.field("subscription"));
        Map<String, String> fields = new HashMap<>(Map.of("minOffset", "0", "maxOffset",
                Integer.toString(tags.size()), "suggestWhichBrokerId", Long.toString(suggestedBrokerId.get())));
        if (offset > tags.size()) {
            fields.put("nextBeginOffset", Integer.toString(tags.size()));
            return FakeRemotingClient.answer(ResponseCode.PULL_OFFSET_MOVED, null, fields, null);
        }
        if (offset == tags.size()) {
            fields.put("nextBeginOffset", Long.toString(offset));
            // A broker holds such a pull; answer later so the consumer does not spin.
            return CompletableFuture.supplyAsync(() -> FakeRemotingClient.answer(ResponseCode.PULL_NOT_FOUND, null,
                    fields, null).join(), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        }
        StoredMessages stored = new StoredMessages();
        long end = Math.min(tags.size(), offset + max);
        boolean any = false;
        for (long at = offset; at < end; at++) {
            String tag = tags.get((int) at);
            if (wanted.isEmpty() || wanted.contains(tag)) {
                stored.add("T", queueId, at, tag, "key-" + queueId + "-" + at, "body-" + queueId + "-" + at,
                        Map.of("seq", Long.toString(at)));
                any = true;
            }
        }
        fields.put("nextBeginOffset", Long.toString(end));
        return any ? FakeRemotingClient.answer(0, "FOUND", fields, stored.bytes())
                : FakeRemotingClient.answer(ResponseCode.PULL_RETRY_IMMEDIATELY, null, fields, null);
    }

    @AfterEach
    void close() {
        if (consumer != null) {
            consumer.close();
        }
        scheduler.shutdownNow();
    }

    private PullConsumer start(ConsumeFromWhere from, boolean autoCommit) {
        consumer = PullConsumer.builder().namesrvAddr(NAMESRV).group("CG").instanceName("test-1")
                .consumeFromWhere(from).autoCommit(autoCommit).longPollTimeout(Duration.ofSeconds(1))
                .pullErrorBackoff(Duration.ofMillis(50)).remotingClient(remoting).scheduler(scheduler).build();
        consumer.start();
        return consumer;
    }

    private List<ReceivedMessage> pollUntil(int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(consumer.poll(Duration.ofMillis(100)));
            return received.size() >= count;
        });
        return received;
    }

    private static List<Long> offsetsOf(List<ReceivedMessage> messages, MessageQueue queue) {
        return messages.stream().filter(m -> m.messageQueue().equals(queue)).map(ReceivedMessage::queueOffset).toList();
    }

    @Test
    void assignedQueuesAreReadInOrderFromTheFirstOffset() {
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0, Q1));

        List<ReceivedMessage> received = pollUntil(10);

        assertEquals(10, received.size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsetsOf(received, Q0));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsetsOf(received, Q1));
        ReceivedMessage third = received.stream().filter(m -> m.messageQueue().equals(Q1) && m.queueOffset() == 2)
                .findFirst().orElseThrow();
        assertEquals("body-1-2", third.bodyAsString());
        assertEquals(List.of("key-1-2"), third.keys());
        assertEquals("2", third.property("seq"));
        assertEquals(5, consumer.position(Q0));
        assertEquals(Set.of(Q0, Q1), consumer.assignment());
    }

    @Test
    void seekRereadsAndCommitStoresPositions() {
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0, Q1));
        pollUntil(10);

        consumer.seek(Q0, 3);
        List<ReceivedMessage> again = pollUntil(2);
        assertEquals(List.of(3L, 4L), offsetsOf(again, Q0));
        assertTrue(offsetsOf(again, Q1).isEmpty());

        consumer.commit();
        assertEquals(Map.of(0, 5L, 1, 5L), committedOnBroker);
        assertEquals(5, consumer.committed(Q0));
        assertThrows(IllegalArgumentException.class, () -> consumer.seek(new MessageQueue("T", "broker-a", 3), 0));
    }

    @Test
    void committedOffsetsWinOverConsumeFromWhere() {
        committedOnBroker.put(0, 3L);
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0, Q1));

        List<ReceivedMessage> received = pollUntil(7);

        assertEquals(List.of(3L, 4L), offsetsOf(received, Q0));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsetsOf(received, Q1));
    }

    @Test
    void lastOffsetStartsAtTheEndAndSeekToBeginningRewinds() {
        start(ConsumeFromWhere.LAST_OFFSET, false).assign(List.of(Q0));
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.position(Q0) == 5);
        assertTrue(consumer.poll(Duration.ofMillis(50)).isEmpty());

        consumer.seekToBeginning(List.of(Q0));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsetsOf(pollUntil(5), Q0));
    }

    @Test
    void anOffsetBeyondTheQueueIsCorrected() {
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0));
        consumer.seek(Q0, 99);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.position(Q0) == 5);
    }

    @Test
    void subscribeTakesTheAverageShareFiltersTagsAndHeartbeats() {
        start(ConsumeFromWhere.FIRST_OFFSET, true);
        consumerIds.set(List.of("zz-other@1", consumer.clientId(), "aa-other@1"));

        consumer.subscribe("T", "TagA");

        List<MessageQueue> all = List.of(Q0, Q1, new MessageQueue("T", "broker-a", 2),
                new MessageQueue("T", "broker-a", 3));
        List<String> sortedIds = new ArrayList<>(consumerIds.get());
        sortedIds.sort(null);
        List<MessageQueue> expected = new AverageAllocation().allocate("CG", consumer.clientId(), all, sortedIds);
        assertEquals(new HashSet<>(expected), consumer.assignment());
        assertTrue(expected.size() < all.size());

        List<ReceivedMessage> received = pollUntil(3 * expected.size());
        assertTrue(received.stream().allMatch(m -> "TagA".equals(m.tags())));
        for (MessageQueue queue : expected) {
            assertEquals(List.of(0L, 2L, 3L), offsetsOf(received, queue));
            await().atMost(Duration.ofSeconds(5)).until(() -> consumer.position(queue) == 5);
        }

        JsonObject beat = JsonReader.parseObject(remoting.sent(RequestCode.HEART_BEAT).get(0).body());
        JsonObject group = JsonObject.toObject(beat.array("consumerDataSet").get(0), "group");
        assertEquals("CONSUME_ACTIVELY", group.string("consumeType"));
        assertEquals("TagA", JsonObject.toObject(group.array("subscriptionDataSet").get(0), "sub").string("subString"));

        consumer.close();
        assertEquals(5L, committedOnBroker.get(expected.get(0).queueId()), "auto-commit on close");
        assertEquals(1, remoting.sent(RequestCode.UNREGISTER_CLIENT).size());
    }

    @Test
    void whenTheGroupShrinksTheConsumerTakesMoreQueues() {
        start(ConsumeFromWhere.FIRST_OFFSET, true);
        consumerIds.set(List.of("aa-other@1", consumer.clientId()));
        consumer.subscribe("T", "*");
        assertEquals(2, consumer.assignment().size());

        consumerIds.set(List.of(consumer.clientId()));
        ((DefaultPullConsumer) consumer).rebalance();

        assertEquals(4, consumer.assignment().size());
    }

    @Test
    void modesCannotBeMixed() {
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0));
        assertThrows(IllegalStateException.class, () -> consumer.subscribe("T", "*"));
    }

    @Test
    void consumeFromTimestampSearchesTheQueue() {
        consumer = PullConsumer.builder().namesrvAddr(NAMESRV).group("CG").instanceName("ts")
                .consumeFromTimestamp(1_700_000_000_000L).autoCommit(false).longPollTimeout(Duration.ofSeconds(1))
                .remotingClient(remoting).scheduler(scheduler).build();
        consumer.start();
        consumer.assign(List.of(Q0));

        assertEquals(List.of(3L, 4L), offsetsOf(pollUntil(2), Q0));
        assertEquals(1_700_000_000_000L, timestampAsked.get());
    }

    @Test
    void pullsFollowTheBrokersSuggestionToASlave() {
        String withSlave = ROUTE.replace("{0:\"10.0.0.1:10911\"}", "{0:\"10.0.0.1:10911\",1:\"10.0.0.1:10921\"}");
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of(), withSlave.getBytes(StandardCharsets.UTF_8)));
        suggestedBrokerId.set(1);
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0));
        pollUntil(5);

        List<String> pullAddresses = remoting.sent(RequestCode.PULL_MESSAGE).stream()
                .map(FakeRemotingClient.Sent::address).toList();
        assertEquals(BROKER, pullAddresses.get(0), "first pull goes to the master");
        assertTrue(pullAddresses.subList(1, pullAddresses.size()).stream().allMatch("10.0.0.1:10921"::equals),
                pullAddresses.toString());
        assertTrue(remoting.sent(RequestCode.HEART_BEAT).stream().map(FakeRemotingClient.Sent::address).toList()
                .containsAll(List.of(BROKER, "10.0.0.1:10921")), "consumers heartbeat slaves too");
    }

    @Test
    void broadcastingReadsEveryQueueAndKeepsOffsetsInALocalFile() throws Exception {
        consumer = PullConsumer.builder().namesrvAddr(NAMESRV).group("CG_B").instanceName("bc")
                .messageModel(MessageModel.BROADCASTING).consumeFromWhere(ConsumeFromWhere.FIRST_OFFSET)
                .offsetStoreDir(offsetDir).longPollTimeout(Duration.ofSeconds(1)).remotingClient(remoting)
                .scheduler(scheduler).build();
        consumer.start();
        consumerIds.set(List.of("someone-else@1"));
        consumer.subscribe("T", "*");
        assertEquals(4, consumer.assignment().size(), "no allocation when broadcasting");

        pollUntil(20);
        consumer.commit();

        Path file = LocalFileOffsetStore.fileFor(offsetDir, consumer.clientId(), "CG_B");
        assertTrue(Files.exists(file));
        assertEquals(5, consumer.committed(Q1));
        assertTrue(remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).isEmpty(), "nothing committed to brokers");
        assertTrue(remoting.sent(RequestCode.GET_CONSUMER_LIST_BY_GROUP).isEmpty());
    }

    @Test
    void anUnreachableOffsetStoreIsRetriedNotDropped() {
        AtomicLong failuresLeft = new AtomicLong(2);
        remoting.on(RequestCode.QUERY_CONSUMER_OFFSET, (address, request) -> failuresLeft.getAndDecrement() > 0
                ? FakeRemotingClient.ioFailure(address)
                : FakeRemotingClient.answer(0, null, Map.of("offset", "4"), null));
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0));

        assertEquals(List.of(4L), offsetsOf(pollUntil(1), Q0));
        assertEquals(Set.of(Q0), consumer.assignment());
        assertEquals(3, remoting.sent(RequestCode.QUERY_CONSUMER_OFFSET).size());
    }

    @Test
    void seekToEndAndToTimestampUseTheBrokersOffsets() {
        start(ConsumeFromWhere.FIRST_OFFSET, false).assign(List.of(Q0));
        consumer.seekToEnd(List.of(Q0));
        assertEquals(5, consumer.position(Q0));
        assertTrue(consumer.poll(Duration.ofMillis(100)).isEmpty());

        consumer.seekToTimestamp(Q0, 1_700_000_000_123L);
        assertEquals(1_700_000_000_123L, timestampAsked.get());
        assertEquals(List.of(3L, 4L), offsetsOf(pollUntil(2), Q0));
    }
}
