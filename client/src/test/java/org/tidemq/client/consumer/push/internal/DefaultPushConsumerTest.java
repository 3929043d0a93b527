package org.tidemq.client.consumer.push.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.StoredMessages;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.OrderlyListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.consumer.push.PushConsumerBuilder;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The push consumer against a scripted broker (FakeRemotingClient) and a manual scheduler and clock. */
class DefaultPushConsumerTest {
    private static final String BROKER = "10.0.0.1:10911";
    private static final String ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"}],
             "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":1,"writeQueueNums":1,"topicSysFlag":0}]}""";
    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final ManualScheduler scheduler = new ManualScheduler();
    /** Answers the pulls of topic T in order; once used up, pulls are held (never answered), like a long poll. */
    private final List<BiFunction<String, FakeRemotingClient.Sent, CompletableFuture<RemotingCommand>>> pulls =
            new CopyOnWriteArrayList<>();
    private final AtomicInteger pullsAnswered = new AtomicInteger();
    private volatile Long storedOffset;
    private volatile String consumerList = "{\"consumerIdList\":[\"me\"]}";
    private PushConsumer consumer;

    @BeforeEach
    void broker() {
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of(), ROUTE.getBytes(StandardCharsets.UTF_8)));
        remoting.on(RequestCode.GET_CONSUMER_LIST_BY_GROUP, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of(), consumerList.getBytes(StandardCharsets.UTF_8)));
        remoting.on(RequestCode.QUERY_CONSUMER_OFFSET, (address, request) -> {
            if (!request.field("topic").equals("T") || storedOffset == null) {
                return FakeRemotingClient.answer(ResponseCode.QUERY_NOT_FOUND, "none", Map.of(), null);
            }
            return FakeRemotingClient.answer(0, null, Map.of("offset", storedOffset.toString()), null);
        });
        remoting.on(RequestCode.PULL_MESSAGE, (address, request) -> {
            if (!request.field("topic").equals("T")) {
                return new CompletableFuture<>();
            }
            int index = pullsAnswered.getAndIncrement();
            return index < pulls.size() ? pulls.get(index).apply(address, request) : new CompletableFuture<>();
        });
    }

    @AfterEach
    void close() {
        if (consumer != null) {
            consumer.close();
        }
    }

    private PushConsumerBuilder builder() {
        return PushConsumer.builder()
                .namesrvAddr("127.0.0.1:9876")
                .group("G")
                .subscribe("T", "*")
                .consumeFrom(ConsumeFromWhere.FIRST_OFFSET)
                .consumeThreads(2)
                .remotingClient(remoting)
                .scheduler(scheduler)
                .clock(scheduler::now)
                .clientId("me")
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    private void start(PushConsumerBuilder builder) {
        consumer = builder.build();
        consumer.start();
        scheduler.runDue();
    }

    private static CompletableFuture<RemotingCommand> found(long from, int count, long next) {
        StoredMessages stored = new StoredMessages();
        for (int i = 0; i < count; i++) {
            stored.add("T", 0, from + i, "TagA", null, "m" + (from + i), Map.of());
        }
        return FakeRemotingClient.answer(0, "FOUND", offsets(next), stored.bytes());
    }

    private static Map<String, String> offsets(long next) {
        return Map.of("nextBeginOffset", Long.toString(next), "minOffset", "0", "maxOffset", Long.toString(next),
                "suggestWhichBrokerId", "0");
    }

    private List<Long> pulledOffsets() {
        return remoting.sent(RequestCode.PULL_MESSAGE).stream().filter(s -> s.field("topic").equals("T"))
                .map(s -> Long.parseLong(s.field("queueOffset"))).toList();
    }

    private static final class Collector implements ConcurrentListener {
        final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

        @Override
        public Result consume(List<ReceivedMessage> messages) {
            received.addAll(messages);
            return Result.SUCCESS;
        }
    }

    @Test
    void consumesPulledMessagesAndCommitsOnClose() {
        pulls.add((address, request) -> found(0, 3, 3));
        Collector collector = new Collector();
        start(builder().concurrentListener(collector));

        await().atMost(Duration.ofSeconds(10)).until(() -> collector.received.size() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 3);
        assertEquals(List.of("m0", "m1", "m2"), collector.received.stream().map(ReceivedMessage::bodyAsString)
                .sorted().toList());
        assertEquals(List.of(0L, 3L), pulledOffsets());
        FakeRemotingClient.Sent firstPull = remoting.sent(RequestCode.PULL_MESSAGE).get(0);
        assertEquals("15000", firstPull.field("suspendTimeoutMillis"));
        assertEquals("G", firstPull.field("consumerGroup"));

        String heartbeat = new String(remoting.sent(RequestCode.HEART_BEAT).get(0).body(), StandardCharsets.UTF_8);
        assertTrue(heartbeat.contains("\"consumeType\":\"CONSUME_PASSIVELY\""), heartbeat);
        assertTrue(heartbeat.contains("\"topic\":\"%RETRY%G\""), heartbeat);

        consumer.close();
        List<FakeRemotingClient.Sent> commits = remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET);
        assertTrue(commits.stream().anyMatch(c -> c.field("topic").equals("T") && c.field("queueId").equals("0")
                && c.field("commitOffset").equals("3")), commits.toString());
        List<FakeRemotingClient.Sent> unregisters = remoting.sent(RequestCode.UNREGISTER_CLIENT);
        assertEquals(1, unregisters.size());
        assertEquals("G", unregisters.get(0).field("consumerGroup"));
        assertEquals("me", unregisters.get(0).field("clientID"));
    }

    @Test
    void committedOffsetIsWhereConsumptionStarts() {
        storedOffset = 42L;
        start(builder().concurrentListener(new Collector()));
        assertEquals(List.of(42L), pulledOffsets());
    }

    @Test
    void illegalOffsetResetsToNextBeginOffset() {
        storedOffset = 100L;
        pulls.add((address, request) -> FakeRemotingClient.answer(ResponseCode.PULL_OFFSET_MOVED, null,
                offsets(5), null));
        start(builder().concurrentListener(new Collector()));
        assertEquals(List.of(100L, 5L), pulledOffsets());
        assertEquals(5, consumer.consumeOffset(Q0));
    }

    @Test
    void noNewOrNoMatchedMessageAdvancesAndPullsAgainAtOnce() {
        pulls.add((address, request) -> FakeRemotingClient.answer(ResponseCode.PULL_NOT_FOUND, null, offsets(4),
                null));
        pulls.add((address, request) -> FakeRemotingClient.answer(ResponseCode.PULL_RETRY_IMMEDIATELY, null,
                offsets(7), null));
        start(builder().concurrentListener(new Collector()));
        assertEquals(List.of(0L, 4L, 7L), pulledOffsets());
        assertEquals(7, consumer.consumeOffset(Q0), "skipped offsets count as consumed when nothing is cached");
        assertEquals(List.of(), scheduler.oneShotDelays(), "no back-off");
    }

    @Test
    void pullErrorBacksOffForTheConfiguredTime() {
        pulls.add((address, request) -> FakeRemotingClient.ioFailure(address));
        pulls.add((address, request) -> FakeRemotingClient.answer(ResponseCode.TOPIC_NOT_EXIST, "gone",
                Map.of(), null));
        start(builder().concurrentListener(new Collector()).pullErrorBackoff(Duration.ofMillis(3000)));
        assertEquals(List.of(0L), pulledOffsets());
        assertEquals(List.of(3000L), scheduler.oneShotDelays());
        scheduler.advance(2999);
        assertEquals(List.of(0L), pulledOffsets());
        scheduler.advance(1);
        assertEquals(List.of(0L, 0L), pulledOffsets(), "retried at the same offset");
        scheduler.advance(3000);
        assertEquals(List.of(0L, 0L, 0L), pulledOffsets(), "a refused pull backs off too");
    }

    @Test
    void fullProcessQueuePausesPullingUntilTheListenerDrainsIt() throws Exception {
        pulls.add((address, request) -> found(0, 2, 2));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger consumed = new AtomicInteger();
        start(builder().maxCachedMessagesPerQueue(2).concurrentListener(messages -> {
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    return ConcurrentListener.Result.RECONSUME_LATER;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumed.addAndGet(messages.size());
            return ConcurrentListener.Result.SUCCESS;
        }));
        scheduler.runDue();
        assertEquals(List.of(0L), pulledOffsets(), "two cached messages reach the threshold: no further pull");

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.runDue();
            return pulledOffsets().size() == 2;
        });
        assertEquals(List.of(0L, 2L), pulledOffsets());
        assertEquals(2, consumed.get());
    }

    @Test
    void rejectedMessageIsSentBackToItsBrokerAndThenCommitted() {
        pulls.add((address, request) -> found(0, 2, 2));
        List<ReceivedMessage> seen = new CopyOnWriteArrayList<>();
        start(builder().concurrentListener(messages -> {
            seen.addAll(messages);
            return messages.get(0).queueOffset() == 0 ? ConcurrentListener.Result.RECONSUME_LATER
                    : ConcurrentListener.Result.SUCCESS;
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 2);
        List<FakeRemotingClient.Sent> backs = remoting.sent(RequestCode.CONSUMER_SEND_MSG_BACK);
        assertEquals(1, backs.size());
        FakeRemotingClient.Sent back = backs.get(0);
        ReceivedMessage rejected = seen.stream().filter(m -> m.queueOffset() == 0).findFirst().orElseThrow();
        assertEquals(BROKER, back.address());
        assertEquals(Long.toString(rejected.commitLogOffset()), back.field("offset"));
        assertEquals("G", back.field("group"));
        assertEquals("0", back.field("delayLevel"));
        assertEquals(rejected.messageId(), back.field("originMsgId"));
        assertEquals("T", back.field("originTopic"));
        assertEquals("16", back.field("maxReconsumeTimes"));
        assertEquals(2, seen.size(), "not consumed again locally");
    }

    @Test
    void failedSendBackFallsBackToSendingToTheRetryTopic() {
        pulls.add((address, request) -> found(0, 1, 1));
        remoting.on(RequestCode.CONSUMER_SEND_MSG_BACK, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SYSTEM_ERROR, "no", Map.of(), null));
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> FakeRemotingClient.answer(0, null,
                Map.of("msgId", "X", "queueId", "0", "queueOffset", "0"), null));
        AtomicInteger calls = new AtomicInteger();
        start(builder().concurrentListener(messages -> {
            calls.incrementAndGet();
            return ConcurrentListener.Result.RECONSUME_LATER;
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 1);
        List<FakeRemotingClient.Sent> sends = remoting.sent(RequestCode.SEND_MESSAGE_V2);
        assertEquals(1, sends.size());
        FakeRemotingClient.Sent send = sends.get(0);
        assertEquals("%RETRY%G", send.field("b"));
        assertEquals("CLIENT_INNER_PRODUCER", send.field("a"));
        assertEquals("1", send.field("j"), "reconsume times");
        assertEquals("16", send.field("l"), "max reconsume times");
        Map<String, String> properties = MessageProperties.decode(send.field("i"));
        assertEquals("T", properties.get("RETRY_TOPIC"));
        assertEquals("3", properties.get("DELAY"));
        assertTrue(properties.containsKey("ORIGIN_MESSAGE_ID"));
        assertEquals("TagA", properties.get(MessageProperties.TAGS));
        assertEquals("m0", new String(send.body(), StandardCharsets.UTF_8));
        assertEquals(1, calls.get());
    }

    @Test
    void messageNeitherPathCouldStoreIsConsumedAgainLocally() {
        pulls.add((address, request) -> found(0, 1, 1));
        remoting.on(RequestCode.CONSUMER_SEND_MSG_BACK, (address, request) -> FakeRemotingClient.ioFailure(address));
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> FakeRemotingClient.ioFailure(address));
        AtomicInteger calls = new AtomicInteger();
        start(builder().pullErrorBackoff(Duration.ofMillis(500)).concurrentListener(messages ->
                calls.incrementAndGet() == 1 ? ConcurrentListener.Result.RECONSUME_LATER
                        : ConcurrentListener.Result.SUCCESS));
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.oneShotDelays().contains(500L));
        assertEquals(0, consumer.consumeOffset(Q0), "not committed while unconsumed");
        scheduler.advance(500);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 1);
        assertEquals(2, calls.get());
    }

    @Test
    void orderlyConsumerPullsOnlyUnderLockAndRetriesSuspendedBatchesInOrder() {
        AtomicBoolean grant = new AtomicBoolean(false);
        remoting.on(RequestCode.LOCK_BATCH_MQ, (address, request) -> FakeRemotingClient.answer(0, null, Map.of(),
                (grant.get() ? "{\"lockOKMQSet\":[{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}]}"
                        : "{\"lockOKMQSet\":[]}").getBytes(StandardCharsets.UTF_8)));
        pulls.add((address, request) -> found(0, 4, 4));
        List<Long> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean suspendedOnce = new AtomicBoolean();
        start(builder().orderlyListener((messages, queue) -> {
            long offset = messages.get(0).queueOffset();
            if (offset == 1 && suspendedOnce.compareAndSet(false, true)) {
                return OrderlyListener.Result.SUSPEND_CURRENT_QUEUE_A_MOMENT;
            }
            delivered.add(offset);
            return OrderlyListener.Result.SUCCESS;
        }).suspendLockedQueueFor(Duration.ofMillis(1000)).pullErrorBackoff(Duration.ofMillis(3000)));
        assertEquals(List.of(), pulledOffsets(), "no pull before the lock is granted");
        assertTrue(remoting.sent(RequestCode.LOCK_BATCH_MQ).size() >= 1);

        grant.set(true);
        scheduler.advance(3000);
        assertEquals(List.of(0L, 4L), pulledOffsets());
        await().atMost(Duration.ofSeconds(10)).until(suspendedOnce::get);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.oneShotDelays().contains(1000L));
        assertEquals(List.of(0L), delivered, "nothing after the suspended batch meanwhile");
        scheduler.advance(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 4);
        assertEquals(List.of(0L, 1L, 2L, 3L), new ArrayList<>(delivered));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 4);

        consumer.close();
        assertEquals(1, remoting.sent(RequestCode.UNLOCK_BATCH_MQ).size());
    }

    @Test
    void lockThatGoesStaleStopsOrderlyConsumption() {
        AtomicBoolean grant = new AtomicBoolean(true);
        remoting.on(RequestCode.LOCK_BATCH_MQ, (address, request) -> FakeRemotingClient.answer(0, null, Map.of(),
                (grant.get() ? "{\"lockOKMQSet\":[{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}]}"
                        : "{\"lockOKMQSet\":[]}").getBytes(StandardCharsets.UTF_8)));
        CountDownLatch holdFirst = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        pulls.add((address, request) -> found(0, 2, 2));
        start(builder().orderlyListener((messages, queue) -> {
            entered.countDown();
            try {
                holdFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(messages.get(0).queueOffset());
            return OrderlyListener.Result.SUCCESS;
        }).lockRenewInterval(Duration.ofSeconds(20)).suspendLockedQueueFor(Duration.ofMillis(1000)));
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.getCount() == 0);
        // Renewals are refused from now on; after 30 s the grant is stale.
        grant.set(false);
        scheduler.advance(30_000);
        holdFirst.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.oneShotDelays().contains(1000L));
        scheduler.advance(1000);
        assertEquals(List.of(0L), delivered, "the second message waits for the lock");
    }

    @Test
    void consumerIdsChangedNotificationRebalancesAtOnceAndReleasesTheQueue() {
        pulls.add((address, request) -> found(0, 2, 2));
        Collector collector = new Collector();
        start(builder().concurrentListener(collector));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.consumeOffset(Q0) == 2);
        assertEquals(Set.of(Q0), consumer.assignment().get("T"));

        // A consumer id sorting before ours joins: with one queue, it gets the queue.
        consumerList = "{\"consumerIdList\":[\"me\",\"a-other\"]}";
        RemotingCommand notify = RemotingCommand.onewayRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED)
                .putField("consumerGroup", "G");
        assertEquals(null, new BrokerRequests((DefaultPushConsumer) consumer).idsChanged(notify));
        scheduler.runDue();

        assertEquals(Set.of(), consumer.assignment().get("T"));
        assertEquals(-1, consumer.consumeOffset(Q0), "no longer read");
        assertTrue(remoting.sent(RequestCode.UPDATE_CONSUMER_OFFSET).stream().anyMatch(c ->
                c.field("topic").equals("T") && c.field("commitOffset").equals("2")), "progress persisted on release");
    }

    @Test
    void runningInfoAndResetOffsetRequestsFromTheBroker() {
        pulls.add((address, request) -> FakeRemotingClient.answer(ResponseCode.PULL_NOT_FOUND, null, offsets(9),
                null));
        start(builder().concurrentListener(new Collector()));
        DefaultPushConsumer impl = (DefaultPushConsumer) consumer;
        BrokerRequests requests = new BrokerRequests(impl);

        RemotingCommand info = requests.runningInfo(RemotingCommand.request(RequestCode.GET_CONSUMER_RUNNING_INFO)
                .putField("consumerGroup", "G").putField("clientId", "me"));
        assertEquals(0, info.code());
        org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo official =
                org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo.decode(info.bodyBytes(),
                        org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo.class);
        assertEquals("CONSUME_PASSIVELY", official.getProperties().getProperty("PROP_CONSUME_TYPE"));
        assertEquals("false", official.getProperties().getProperty("PROP_CONSUMEORDERLY"));
        assertEquals(2, official.getSubscriptionSet().size(), "T and %RETRY%G");
        org.apache.rocketmq.common.message.MessageQueue officialQ0 =
                new org.apache.rocketmq.common.message.MessageQueue("T", "broker-a", 0);
        assertEquals(9, official.getMqTable().get(officialQ0).getCommitOffset());

        org.apache.rocketmq.remoting.protocol.body.ResetOffsetBody reset =
                new org.apache.rocketmq.remoting.protocol.body.ResetOffsetBody();
        reset.setOffsetTable(new HashMap<>(Map.of(officialQ0, 2L)));
        RemotingCommand answer = requests.resetOffset(RemotingCommand.request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET)
                .putField("topic", "T").putField("group", "G").putField("timestamp", "0").putField("isForce", "true")
                .setBody(reset.encode()));
        assertEquals(0, answer.code());
        scheduler.runDue();
        assertEquals(List.of(0L, 9L, 2L), pulledOffsets());
        assertEquals(2, consumer.consumeOffset(Q0));

        RemotingCommand wrongGroup = requests.runningInfo(RemotingCommand.request(
                RequestCode.GET_CONSUMER_RUNNING_INFO).putField("consumerGroup", "other"));
        assertEquals(ResponseCode.SYSTEM_ERROR, wrongGroup.code());
    }
}
