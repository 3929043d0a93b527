package org.tidemq.client.producer.internal;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.FakeRemotingClient.Sent;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendException;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.common.message.BatchBodyCodec;
import org.tidemq.common.message.BatchItem;
import org.tidemq.common.message.BodyCompression;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.UniqueMessageId;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultProducerTest {
    private static final String NAMESRV = "127.0.0.1:9876";
    private static final String BROKER_A = "10.0.0.1:10911";
    private static final String BROKER_B = "10.0.0.2:10911";
    private static final String ROUTE = """
            {"brokerDatas":[
              {"brokerAddrs":{"0":"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"},
              {"brokerAddrs":{"0":"10.0.0.2:10911"},"brokerName":"broker-b","cluster":"c"}],
             "queueDatas":[
              {"brokerName":"broker-a","perm":6,"readQueueNums":2,"writeQueueNums":2,"topicSysFlag":0},
              {"brokerName":"broker-b","perm":6,"readQueueNums":2,"writeQueueNums":2,"topicSysFlag":0}]}""";
    private static final String TEMPLATE_ROUTE = """
            {"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"c"}],
             "queueDatas":[{"brokerName":"broker-a","perm":7,"readQueueNums":8,"writeQueueNums":8,"topicSysFlag":0}]}""";

    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nextOffset = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Producer producer;

    @BeforeEach
    void routes() {
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, request) -> switch (request.field("topic")) {
            case "T" -> FakeRemotingClient.answer(0, null, Map.of(), ROUTE.getBytes(StandardCharsets.UTF_8));
            case "TBW102" -> FakeRemotingClient.answer(0, null, Map.of(),
                    TEMPLATE_ROUTE.getBytes(StandardCharsets.UTF_8));
            default -> FakeRemotingClient.answer(ResponseCode.TOPIC_NOT_EXIST, "No topic route info", Map.of(), null);
        });
        stored(RequestCode.SEND_MESSAGE_V2);
        stored(RequestCode.SEND_BATCH_MESSAGE);
    }

    @AfterEach
    void close() {
        if (producer != null) {
            producer.close();
        }
        scheduler.shutdownNow();
    }

    private void stored(int code) {
        remoting.on(code, (address, request) -> ok(request));
    }

    private CompletableFuture<org.tidemq.common.remoting.RemotingCommand> ok(Sent request) {
        return FakeRemotingClient.answer(0, null, Map.of("msgId", "0A00000100002A9F00000000000000" + "AB",
                "queueId", request.field("e"), "queueOffset", Long.toString(nextOffset.getAndIncrement())), null);
    }

    private Producer start(int retries) {
        producer = Producer.builder().namesrvAddr(NAMESRV).group("PG_TEST").retries(retries)
                .sendTimeout(Duration.ofSeconds(3)).remotingClient(remoting).scheduler(scheduler).clock(clock::get)
                .build();
        producer.start();
        return producer;
    }

    private static Message message(String topic) {
        return Message.builder(topic).tags("TagA").keys("k1", "k2").body("hello").property("color", "blue").build();
    }

    @Test
    void sendsV2HeaderAndPropertiesAsTheJavaClient() {
        SendResult result = start(2).send(message("T"));

        Sent request = remoting.sent(RequestCode.SEND_MESSAGE_V2).get(0);
        assertEquals("PG_TEST", request.field("a"));
        assertEquals("T", request.field("b"));
        assertEquals("TBW102", request.field("c"));
        assertEquals("4", request.field("d"));
        assertEquals("0", request.field("f"));
        assertEquals(Long.toString(clock.get()), request.field("g"));
        assertEquals("0", request.field("h"));
        assertEquals("0", request.field("j"));
        assertEquals("false", request.field("k"));
        assertEquals("false", request.field("m"));
        assertEquals(result.queue().brokerName(), request.field("n"));
        assertEquals(request.address(), result.queue().brokerName().equals("broker-a") ? BROKER_A : BROKER_B);
        Map<String, String> properties = MessageProperties.decode(request.field("i"));
        assertEquals("TagA", properties.get("TAGS"));
        assertEquals("k1 k2", properties.get("KEYS"));
        assertEquals("blue", properties.get("color"));
        assertEquals("true", properties.get("WAIT"));
        assertEquals(result.msgId(), properties.get("UNIQ_KEY"));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), request.body());

        assertEquals(SendStatus.SEND_OK, result.status());
        assertEquals("0A00000100002A9F00000000000000AB", result.offsetMsgId());
        assertEquals(Integer.parseInt(request.field("e")), result.queue().queueId());
        assertEquals(0, result.queueOffset());
        UniqueMessageId.parse(result.msgId());
    }

    @Test
    void retryableCodeMovesToAnotherBroker() {
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> address.equals(BROKER_A)
                ? FakeRemotingClient.answer(ResponseCode.SERVICE_NOT_AVAILABLE, "disk full", Map.of(), null)
                : ok(request));
        start(2);

        for (int i = 0; i < 4; i++) {
            assertEquals("broker-b", producer.send(message("T")).queue().brokerName());
        }
        long toBrokerA = remoting.sent(RequestCode.SEND_MESSAGE_V2).stream()
                .filter(s -> s.address().equals(BROKER_A)).count();
        assertEquals(1, toBrokerA, "after one refusal broker-a is quarantined");
    }

    @Test
    void everyRetryableCodeAndIoErrorIsRetried() {
        for (int code : List.of(17, 14, 1, 16, 204, 205, -1)) {
            FakeRemotingClient fake = new FakeRemotingClient();
            AtomicInteger calls = new AtomicInteger();
            fake.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (a, r) -> FakeRemotingClient.answer(0, null, Map.of(),
                    ROUTE.getBytes(StandardCharsets.UTF_8)));
            fake.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> {
                if (calls.getAndIncrement() == 0) {
                    return code < 0 ? FakeRemotingClient.ioFailure(address)
                            : FakeRemotingClient.answer(code, "try elsewhere", Map.of(), null);
                }
                return ok(request);
            });
            try (Producer p = Producer.builder().namesrvAddr(NAMESRV).group("PG").remotingClient(fake)
                    .scheduler(scheduler).clock(clock::get).build()) {
                p.start();
                assertEquals(SendStatus.SEND_OK, p.send(message("T")).status(), "code " + code);
                List<Sent> sends = fake.sent(RequestCode.SEND_MESSAGE_V2);
                assertEquals(2, sends.size(), "code " + code);
                assertNotEquals(sends.get(0).address(), sends.get(1).address(), "retry goes to the other broker");
            }
        }
    }

    @Test
    void otherCodesFailAtOnceNamingCodeAndRemark() {
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.MESSAGE_ILLEGAL, "the message is illegal, maybe msg body too long",
                        Map.of(), null));
        start(2);

        SendException e = assertThrows(SendException.class, () -> producer.send(message("T")));
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, e.responseCode());
        assertTrue(e.getMessage().contains("code 13") && e.getMessage().contains("msg body too long"), e.getMessage());
        assertEquals(1, remoting.sent(RequestCode.SEND_MESSAGE_V2).size());
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> FakeRemotingClient.ioFailure(address));
        start(2);
        SendException e = assertThrows(SendException.class, () -> producer.send(message("T")));
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
        assertEquals(3, remoting.sent(RequestCode.SEND_MESSAGE_V2).size());

        SendException async = assertThrows(SendException.class, () -> {
            try {
                producer.sendAsync(message("T")).join();
            } catch (java.util.concurrent.CompletionException c) {
                throw c.getCause();
            }
        });
        assertTrue(async.getMessage().contains("after 3 attempt(s)"), async.getMessage());
    }

    @Test
    void noRetriesMeansOneAttempt() {
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.SYSTEM_ERROR, "busy", Map.of(), null));
        start(0);
        assertEquals(ResponseCode.SYSTEM_ERROR, assertThrows(SendException.class,
                () -> producer.send(message("T"))).responseCode());
        assertEquals(1, remoting.sent(RequestCode.SEND_MESSAGE_V2).size());
    }

    @Test
    void quarantinedBrokerReturnsAfterItsPeriod() {
        AtomicInteger brokerAFailures = new AtomicInteger(1);
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) ->
                address.equals(BROKER_A) && brokerAFailures.getAndDecrement() > 0
                        ? FakeRemotingClient.ioFailure(address) : ok(request));
        start(2);
        for (int i = 0; i < 4; i++) {
            producer.send(message("T"));
        }
        assertEquals(1, remoting.sent(RequestCode.SEND_MESSAGE_V2).stream()
                .filter(s -> s.address().equals(BROKER_A)).count(), "only the failed attempt went to broker-a");

        clock.addAndGet(10_000);
        Set<String> brokers = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            brokers.add(producer.send(message("T")).queue().brokerName());
        }
        assertEquals(Set.of("broker-a", "broker-b"), brokers);
    }

    @Test
    void unknownTopicFallsBackToTheTemplateRoute() {
        SendResult result = start(2).send(message("Fresh"));

        Sent request = remoting.sent(RequestCode.SEND_MESSAGE_V2).get(0);
        assertEquals(BROKER_A, request.address());
        assertEquals("TBW102", request.field("c"));
        assertTrue(result.queue().queueId() < 4, "min(4, template queues)");
        assertEquals(List.of(0, 1, 2, 3), producer.writableQueues("Fresh").stream().map(MessageQueue::queueId).toList());
    }

    @Test
    void noRouteAndNoTemplateFailsClearly() {
        remoting.on(RequestCode.GET_ROUTEINFO_BY_TOPIC, (address, request) ->
                FakeRemotingClient.answer(ResponseCode.TOPIC_NOT_EXIST, "No topic route info", Map.of(), null));
        SendException e = assertThrows(SendException.class, () -> start(2).send(message("Nowhere")));
        assertTrue(e.getMessage().contains("no route to publish topic Nowhere")
                && e.getMessage().contains("TBW102"), e.getMessage());
    }

    @Test
    void largeBodiesAreCompressedWithTheZlibFlags() {
        byte[] body = "tide ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        start(2).send(Message.builder("T").body(body).build());

        Sent request = remoting.sent(RequestCode.SEND_MESSAGE_V2).get(0);
        int sysFlag = Integer.parseInt(request.field("f"));
        assertEquals(0x301, sysFlag);
        assertTrue(request.body().length < body.length);
        assertArrayEquals(body, BodyCompression.restore(request.body(), sysFlag));
    }

    @Test
    void batchGoesAsOneBatchRequestWithAnIdPerMessage() {
        List<Message> batch = List.of(message("T"), Message.builder("T").body("second").build());
        SendResult result = start(2).send(batch);

        Sent request = remoting.sent(RequestCode.SEND_BATCH_MESSAGE).get(0);
        assertEquals("true", request.field("m"));
        assertEquals("0", request.field("f"));
        assertEquals(Map.of("WAIT", "true"), MessageProperties.decode(request.field("i")));
        List<BatchItem> items = BatchBodyCodec.decode(Unpooled.wrappedBuffer(request.body()));
        assertEquals(2, items.size());
        assertEquals("blue", items.get(0).properties().get("color"));
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), items.get(1).body());
        String[] ids = result.msgId().split(",");
        assertEquals(2, ids.length);
        assertEquals(ids[0], items.get(0).properties().get("UNIQ_KEY"));
        assertEquals(ids[1], items.get(1).properties().get("UNIQ_KEY"));
        assertNotEquals(ids[0], ids[1]);
    }

    @Test
    void aBatchOfTimersCarriesEachMessagesOwnTimerProperty() {
        List<Message> batch = List.of(
                Message.builder("T").body("at").deliverTimeMs(1_900_000_000_000L).build(),
                Message.builder("T").body("ms").delayTimeMs(1_500).build(),
                Message.builder("T").body("sec").delayTimeSec(7).build(),
                Message.builder("T").body("plain").build());
        start(2).send(batch);

        List<BatchItem> items = BatchBodyCodec.decode(Unpooled.wrappedBuffer(
                remoting.sent(RequestCode.SEND_BATCH_MESSAGE).get(0).body()));
        assertEquals(4, items.size());
        assertEquals("1900000000000", items.get(0).properties().get("TIMER_DELIVER_MS"));
        assertEquals("1500", items.get(1).properties().get("TIMER_DELAY_MS"));
        assertEquals("7", items.get(2).properties().get("TIMER_DELAY_SEC"));
        for (String timer : List.of("TIMER_DELIVER_MS", "TIMER_DELAY_MS", "TIMER_DELAY_SEC")) {
            assertEquals(null, items.get(3).properties().get(timer), "the plain message carries no " + timer);
        }
        assertEquals(null, items.get(0).properties().get("TIMER_DELAY_MS"), "one timer property per message");
    }

    @Test
    void batchRetriesResendTheSameBytes() {
        AtomicInteger calls = new AtomicInteger();
        remoting.on(RequestCode.SEND_BATCH_MESSAGE, (address, request) -> calls.getAndIncrement() == 0
                ? FakeRemotingClient.ioFailure(address) : ok(request));
        start(2).send(List.of(message("T"), message("T")));
        List<Sent> sends = remoting.sent(RequestCode.SEND_BATCH_MESSAGE);
        assertEquals(2, sends.size());
        assertArrayEquals(sends.get(0).body(), sends.get(1).body());
    }

    @Test
    void batchRulesAreEnforcedBeforeSending() {
        start(2);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> producer.send(List.of(message("T"), message("U")))).getMessage().contains("same topic"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> producer.send(List.of(message("T"),
                Message.builder("T").body("x").waitStoreMsgOk(false).build()))).getMessage().contains("waitStoreMsgOk"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> producer.send(List.of(
                Message.builder("T").body("x").delayLevel(3).build()))).getMessage().contains("delayed"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> producer.send(List.of(
                Message.builder("%RETRY%G").body("x").build()))).getMessage().contains("retry topic"));
        assertThrows(IllegalArgumentException.class, () -> producer.send(List.<Message>of()));
        assertEquals(0, remoting.sent(RequestCode.SEND_BATCH_MESSAGE).size());
    }

    @Test
    void shardingKeyPinsAQueueAndDoesNotRetry() {
        start(2);
        MessageQueue first = producer.send(message("T"), "order-42").queue();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, producer.send(message("T"), "order-42").queue());
        }
        assertEquals(producer.writableQueues("T").get(Math.floorMod("order-42".hashCode(), 4)), first);

        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> FakeRemotingClient.ioFailure(address));
        assertThrows(SendException.class, () -> producer.send(message("T"), "order-42"));
        assertEquals(7, remoting.sent(RequestCode.SEND_MESSAGE_V2).size(), "6 sends + 1 failed attempt, no retry");
        assertThrows(SendException.class, () -> producer.send(message("T"),
                (queues, m) -> new MessageQueue("T", "broker-x", 0)));
    }

    @Test
    void onewayWritesOneOnewayRequest() {
        start(2).sendOneway(message("T"));
        List<Sent> sends = remoting.sent(RequestCode.SEND_MESSAGE_V2);
        assertEquals(1, sends.size());
        assertTrue(sends.get(0).oneway());
    }

    @Test
    void closeUnregistersFromKnownMasters() {
        start(2).send(message("T"));
        producer.close();
        List<Sent> unregister = remoting.sent(RequestCode.UNREGISTER_CLIENT);
        assertEquals(Set.of(BROKER_A, BROKER_B), Set.copyOf(unregister.stream().map(Sent::address).toList()));
        assertEquals("PG_TEST", unregister.get(0).field("producerGroup"));
        assertTrue(unregister.get(0).field("clientID").contains("@"));
        assertThrows(IllegalStateException.class, () -> producer.send(message("T")));
    }

    @Test
    void backgroundTasksRefreshRoutesAndHeartbeatMasters() {
        producer = Producer.builder().namesrvAddr(NAMESRV).group("PG_TEST").remotingClient(remoting)
                .scheduler(scheduler).clock(clock::get).routeRefreshInterval(Duration.ofMillis(20))
                .heartbeatInterval(Duration.ofMillis(20)).build();
        producer.start();
        producer.send(message("T"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                remoting.sent(RequestCode.GET_ROUTEINFO_BY_TOPIC).size() >= 3
                        && remoting.sent(RequestCode.HEART_BEAT).stream().map(Sent::address).distinct().count() == 2);
        Sent beat = remoting.sent(RequestCode.HEART_BEAT).get(0);
        assertTrue(new String(beat.body(), StandardCharsets.UTF_8).contains("\"groupName\":\"PG_TEST\""));
    }

    @Test
    void storedButDegradedOutcomesAreResultsNotErrors() {
        Map<Integer, SendStatus> expected = Map.of(ResponseCode.FLUSH_DISK_TIMEOUT, SendStatus.FLUSH_DISK_TIMEOUT,
                ResponseCode.FLUSH_SLAVE_TIMEOUT, SendStatus.FLUSH_SLAVE_TIMEOUT,
                ResponseCode.SLAVE_NOT_AVAILABLE, SendStatus.SLAVE_NOT_AVAILABLE);
        AtomicInteger code = new AtomicInteger();
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) -> FakeRemotingClient.answer(code.get(), "slow",
                Map.of("msgId", "0A00000100002A9F0000000000000001", "queueId", request.field("e"),
                        "queueOffset", "7"), null));
        start(2);
        expected.forEach((responseCode, status) -> {
            code.set(responseCode);
            assertEquals(status, producer.sendAsync(message("T")).join().status());
        });
        assertEquals(3, remoting.sent(RequestCode.SEND_MESSAGE_V2).size(), "stored outcomes are never retried");
    }

    @Test
    void acknowledgementWithoutOffsetsIsAnError() {
        remoting.on(RequestCode.SEND_MESSAGE_V2, (address, request) ->
                FakeRemotingClient.answer(0, null, Map.of("msgId", "0A00000100002A9F0000000000000001"), null));
        SendException e = assertThrows(SendException.class, () -> start(2).send(message("T")));
        assertTrue(e.getMessage().contains("lacks msgId, queueId or queueOffset"), e.getMessage());
    }

    @Test
    void sendingBeforeStartFails() {
        Producer notStarted = Producer.builder().namesrvAddr(NAMESRV).group("PG").remotingClient(remoting)
                .scheduler(scheduler).build();
        assertTrue(assertThrows(IllegalStateException.class, () -> notStarted.send(message("T")))
                .getMessage().contains("not started"));
        notStarted.close();
    }
}
