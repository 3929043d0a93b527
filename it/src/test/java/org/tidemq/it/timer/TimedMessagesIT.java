package org.tidemq.it.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.producer.Producer;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * Timed messages end to end against a TideMQ name server and broker started through bin/: 100,000 timers spread over
 * 60 s, sent with the official 5.2.0 producer ({@code setDeliverTimeMs}) and TideMQ's producer
 * ({@code deliverTimeMs}), the broker restarted (SIGTERM, start again) in the middle. Every timer must reach the
 * official push consumer, none before its deliver time, and the topic must hold exactly 100,000 messages (no timer
 * fired twice). Lateness (consumer receive time − deliver time) is printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimedMessagesIT {
    private static final String TOPIC = "TimerIT";
    private static final String EDGE_TOPIC = "TimerEdgeIT";
    private static final int QUEUES = 4;
    private static final int TIMERS = 100_000;
    private static final int TIDE_CLIENT_TIMERS = 10_000;
    private static final long SPREAD_MS = 60_000;
    /** Time to send all timers before the first is due. */
    private static final long SEND_WINDOW_MS = 35_000;
    /** Generous for a shared 2-core machine running producers, consumer and broker; 100 ms p99 is a bench matter. */
    private static final long MAX_P99_LATENESS_MS = 2_000;

    private NamesrvProcess namesrv;
    private BrokerProcess broker;
    private DefaultMQAdminExt admin;
    private final List<Runnable> closers = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-timer", namesrv.address(),
                Map.of("waitTimeMillsInSendQueue", "5000"));
        admin = OfficialAdmin.start(namesrv.address(), "timer-admin-" + System.nanoTime());
        closers.add(admin::shutdown);
        for (String topic : List.of(TOPIC, EDGE_TOPIC)) {
            admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, QUEUES, QUEUES, 6));
            await("route of " + topic).atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    admin.examineTopicRouteInfo(topic).getQueueDatas().get(0).getWriteQueueNums() == QUEUES);
        }
    }

    @AfterAll
    void stop() {
        Collections.reverse(closers);
        for (Runnable closer : closers) {
            try {
                closer.run();
            } catch (RuntimeException e) {
                // one client failing to stop must not keep the servers alive
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private DefaultMQProducer officialProducer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName(group + "-" + System.nanoTime());
        producer.setSendMsgTimeout(15_000);
        producer.start();
        closers.add(producer::shutdown);
        return producer;
    }

    @Test
    @Order(1)
    void aTooFarTimerIsRefusedNamingTheLimitAndAPastOneIsDeliveredAtOnce() throws Exception {
        DefaultMQProducer producer = officialProducer("PG_TIMER_EDGE");
        Message tooFar = new Message(EDGE_TOPIC, "edge", "far".getBytes(StandardCharsets.UTF_8));
        tooFar.setDeliverTimeMs(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(8));
        MQBrokerException refused = assertThrows(MQBrokerException.class, () -> producer.send(tooFar));
        assertEquals(13, refused.getResponseCode(), "MESSAGE_ILLEGAL");
        assertTrue(refused.getErrorMessage().contains("max delay 604800000ms"), refused.getErrorMessage());

        Message past = new Message(EDGE_TOPIC, "edge", "past".getBytes(StandardCharsets.UTF_8));
        past.setDeliverTimeMs(System.currentTimeMillis() - 60_000);
        SendResult pastResult = producer.send(past);
        assertEquals(SendStatus.SEND_OK, pastResult.getSendStatus());
        assertEquals(EDGE_TOPIC, viewStored(pastResult.getOffsetMsgId()).getTopic(), "stored in its topic at once");

        Message soon = new Message(EDGE_TOPIC, "edge", "soon".getBytes(StandardCharsets.UTF_8));
        soon.setDelayTimeSec(3);
        SendResult soonResult = producer.send(soon);
        assertEquals("rmq_sys_wheel_timer", viewStored(soonResult.getOffsetMsgId()).getTopic(), "parked");
        MessageQueue queue = soonResult.getMessageQueue();
        long before = admin.maxOffset(queue);
        await("3 s timer").atMost(Duration.ofSeconds(15)).until(() -> admin.maxOffset(queue) == before + 1);
    }

    private MessageExt viewStored(String offsetMsgId) {
        MessageExt[] found = new MessageExt[1];
        await("stored " + offsetMsgId).atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            found[0] = admin.viewMessage(EDGE_TOPIC, offsetMsgId);
            return found[0] != null;
        });
        return found[0];
    }

    /** What the consumer saw of one timer. */
    private record Receipt(long receivedAt, long storedAt) {
    }

    @Test
    @Order(2)
    void hundredThousandTimersOverSixtySecondsFireOnceAcrossABrokerRestart() throws Exception {
        Map<String, Receipt> received = new ConcurrentHashMap<>();
        AtomicInteger redeliveries = new AtomicInteger();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_TIMER_IT");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("CG_TIMER_IT-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setConsumeThreadMin(4);
        consumer.setConsumeThreadMax(4);
        consumer.setConsumeMessageBatchMaxSize(32);
        consumer.setPullBatchSize(64);
        consumer.setHeartbeatBrokerInterval(2_000);
        consumer.setPullTimeDelayMillsWhenException(200);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            long now = System.currentTimeMillis();
            for (MessageExt m : messages) {
                if (received.putIfAbsent(m.getKeys(), new Receipt(now, m.getStoreTimestamp())) != null) {
                    redeliveries.incrementAndGet();
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        closers.add(consumer::shutdown);

        long base = System.currentTimeMillis() + SEND_WINDOW_MS;
        long[] deliverAt = new long[TIMERS];
        Integer[] order = new Integer[TIMERS];
        for (int i = 0; i < TIMERS; i++) {
            deliverAt[i] = base + i * SPREAD_MS / TIMERS;
            order[i] = i;
        }
        Collections.shuffle(Arrays.asList(order), new Random(42));
        long[] ackedAt = new long[TIMERS];
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        sendAll(order, deliverAt, ackedAt, failures);
        assertTrue(failures.isEmpty(), failures.size() + " sends failed, first: " + failures.peek());
        long sentAllAt = Arrays.stream(ackedAt).max().orElseThrow();
        System.out.printf("timers: sent %d in %d ms (first due %d ms after the last ack)%n", TIMERS,
                sentAllAt - (base - SEND_WINDOW_MS), base - sentAllAt);

        await("middle of the spread").atMost(Duration.ofMillis(base + SPREAD_MS / 2 - System.currentTimeMillis()
                + 10_000)).pollInterval(Duration.ofMillis(50))
                .until(() -> System.currentTimeMillis() >= base + SPREAD_MS / 2);
        long downFrom = System.currentTimeMillis();
        assertEquals(143, broker.stop(Duration.ofSeconds(30)), "SIGTERM exit after a clean shutdown");
        broker = broker.startAgain();
        long downUntil = System.currentTimeMillis();
        System.out.printf("timers: broker down %d ms, from %d ms into the spread%n", downUntil - downFrom,
                downFrom - base);

        await("every timer delivered").atMost(Duration.ofMillis(base + SPREAD_MS - System.currentTimeMillis()
                + 90_000)).pollInterval(Duration.ofMillis(500)).until(() -> received.size() >= TIMERS);

        long[] lateness = new long[TIMERS];
        int counted = 0;
        long worstDueWhileDown = 0;
        int early = 0;
        List<String> earlyExamples = new ArrayList<>();
        for (int i = 0; i < TIMERS; i++) {
            Receipt receipt = received.get(key(i));
            assertTrue(receipt != null, "timer " + i + " missing");
            if (receipt.receivedAt() < deliverAt[i] || receipt.storedAt() < deliverAt[i]) {
                early++;
                if (earlyExamples.size() < 5) {
                    earlyExamples.add(key(i) + " due " + deliverAt[i] + " stored " + receipt.storedAt()
                            + " received " + receipt.receivedAt());
                }
            }
            boolean dueWhileDown = deliverAt[i] >= downFrom - 1_000 && deliverAt[i] <= downUntil + 2_000;
            if (!dueWhileDown && ackedAt[i] <= deliverAt[i]) {
                lateness[counted++] = receipt.receivedAt() - deliverAt[i];
            } else if (dueWhileDown) {
                worstDueWhileDown = Math.max(worstDueWhileDown, receipt.receivedAt() - deliverAt[i]);
            }
        }
        assertEquals(0, early, "timers delivered before their time, e.g. " + earlyExamples);
        long total = topicMessages();
        assertEquals(TIMERS, total, "messages in " + TOPIC + " (a timer fired twice or not at all)");

        long[] measured = Arrays.copyOf(lateness, counted);
        Arrays.sort(measured);
        long p50 = measured[counted / 2];
        long p99 = measured[(int) (counted * 0.99)];
        System.out.printf("timers: lateness (consumer receive - deliver time) over %d timers not due during the"
                + " restart: p50 %d ms, p99 %d ms, max %d ms; due during the restart: at most %d ms late;"
                + " %d consumer redeliveries%n", counted, p50, p99, measured[counted - 1], worstDueWhileDown,
                redeliveries.get());
        assertTrue(counted > TIMERS * 8 / 10, "only " + counted + " timers measurable");
        assertTrue(p99 <= MAX_P99_LATENESS_MS, "p99 lateness " + p99 + " ms");

        // Negative control: the exactly-once check sees a duplicate when there is one.
        DefaultMQProducer extra = officialProducer("PG_TIMER_DUP");
        Message duplicate = new Message(TOPIC, "dup", key(0), "duplicate".getBytes(StandardCharsets.UTF_8));
        assertEquals(SendStatus.SEND_OK, extra.send(duplicate).getSendStatus());
        await("duplicate visible").atMost(Duration.ofSeconds(10)).until(() -> topicMessages() == TIMERS + 1);
        assertFalse(topicMessages() == TIMERS, "the count check detects an extra message");
    }

    private static String key(int i) {
        return "timer-" + i;
    }

    private long topicMessages() throws Exception {
        long total = 0;
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            total += admin.maxOffset(new MessageQueue(TOPIC, "broker-timer", queueId));
        }
        return total;
    }

    /** Sends every timer asynchronously: the first TIMERS − TIDE_CLIENT_TIMERS of {@code order} with the official
     * producer, the rest with TideMQ's; at most 256 in flight per producer. */
    private void sendAll(Integer[] order, long[] deliverAt, long[] ackedAt, ConcurrentLinkedQueue<String> failures)
            throws Exception {
        DefaultMQProducer official = officialProducer("PG_TIMER_OFFICIAL");
        Producer tide = Producer.builder().namesrvAddr(namesrv.address()).group("PG_TIMER_TIDE")
                .sendTimeout(Duration.ofSeconds(15)).build();
        tide.start();
        closers.add(tide::close);
        Semaphore inFlight = new Semaphore(256);
        Thread tideSender = new Thread(() -> {
            Semaphore tideInFlight = new Semaphore(256);
            for (int n = TIMERS - TIDE_CLIENT_TIMERS; n < TIMERS; n++) {
                int i = order[n];
                tideInFlight.acquireUninterruptibly();
                tide.sendAsync(org.tidemq.client.producer.Message.builder(TOPIC).keys(key(i))
                        .body("tide " + i).deliverTimeMs(deliverAt[i]).build()).whenComplete((result, error) -> {
                            ackedAt[i] = System.currentTimeMillis();
                            if (error != null) {
                                failures.add(key(i) + ": " + error);
                            }
                            tideInFlight.release();
                        });
            }
            tideInFlight.acquireUninterruptibly(256);
        }, "tide-timer-sender");
        tideSender.start();
        for (int n = 0; n < TIMERS - TIDE_CLIENT_TIMERS; n++) {
            int i = order[n];
            Message message = new Message(TOPIC, "official", key(i),
                    ("official " + i).getBytes(StandardCharsets.UTF_8));
            message.setDeliverTimeMs(deliverAt[i]);
            inFlight.acquireUninterruptibly();
            official.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    ackedAt[i] = System.currentTimeMillis();
                    if (result.getSendStatus() != SendStatus.SEND_OK) {
                        failures.add(key(i) + ": " + result.getSendStatus());
                    }
                    inFlight.release();
                }

                @Override
                public void onException(Throwable e) {
                    ackedAt[i] = System.currentTimeMillis();
                    failures.add(key(i) + ": " + e);
                    inFlight.release();
                }
            });
        }
        inFlight.acquireUninterruptibly(256);
        tideSender.join(TimeUnit.MINUTES.toMillis(2));
        assertFalse(tideSender.isAlive(), "TideMQ sends did not finish");
    }
}
