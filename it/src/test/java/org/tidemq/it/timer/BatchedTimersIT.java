package org.tidemq.it.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendException;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * Batches of timers end to end with TideMQ's client against a TideMQ name server and broker started through bin/:
 * every message of a batch carries its own timer (deliver-at, delay ms, delay s, or none), each fires exactly once
 * and none before its deliver time; a batch with one timer beyond timerMaxDelaySec is refused as a whole, naming the
 * message and the limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedTimersIT {
    private static final String TOPIC = "BatchedTimerIT";
    private static final int QUEUES = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private NamesrvProcess namesrv;
    private BrokerProcess broker;
    private DefaultMQAdminExt admin;
    private Producer producer;
    private PushConsumer consumer;
    private final ConcurrentMap<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> firstReceivedAt = new ConcurrentHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-batched-timer", namesrv.address(), Map.of());
        admin = OfficialAdmin.start(namesrv.address(), "batched-timer-admin-" + System.nanoTime());
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, QUEUES, QUEUES, 6));
        await("route of " + TOPIC).atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                admin.examineTopicRouteInfo(TOPIC).getQueueDatas().get(0).getWriteQueueNums() == QUEUES);
        consumer = PushConsumer.builder().namesrvAddr(namesrv.address()).group("CG_BATCHED_TIMERS")
                .subscribe(TOPIC, "*").consumeFrom(ConsumeFromWhere.FIRST_OFFSET)
                .rebalanceInterval(Duration.ofSeconds(2)).offsetStoreDir(dir.resolve("offsets"))
                .concurrentListener(messages -> {
                    long now = System.currentTimeMillis();
                    messages.forEach(m -> {
                        deliveries.computeIfAbsent(m.bodyAsString(), k -> new AtomicInteger()).incrementAndGet();
                        firstReceivedAt.putIfAbsent(m.bodyAsString(), now);
                    });
                    return ConcurrentListener.Result.SUCCESS;
                }).build();
        consumer.start();
        producer = Producer.builder().namesrvAddr(namesrv.address()).group("PG_BATCHED_TIMERS")
                .sendTimeout(Duration.ofSeconds(15)).build();
        producer.start();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closer : new AutoCloseable[] {producer, consumer, admin == null ? null : admin::shutdown,
                broker, namesrv}) {
            try {
                if (closer != null) {
                    closer.close();
                }
            } catch (Exception e) {
                // one part failing to stop must not keep the servers alive
            }
        }
    }

    @Test
    void eachTimerOfABatchFiresOnceAndNeverEarly() {
        Map<String, Long> dueAt = new TreeMap<>();
        for (int round = 0; round < 2; round++) {
            long sentAt = System.currentTimeMillis();
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = "r" + round + "-m" + i;
                Message.Builder message = Message.builder(TOPIC).keys("k-" + body).body(body);
                long due;
                switch (i % 4) {
                    case 0 -> {
                        due = sentAt + 1_500 + 250L * i;
                        message.deliverTimeMs(due);
                    }
                    case 1 -> {
                        message.delayTimeMs(3_000 - 100L * i);
                        due = sentAt + 3_000 - 100L * i;
                    }
                    case 2 -> {
                        message.delayTimeSec(2);
                        due = sentAt + 2_000;
                    }
                    default -> due = sentAt; // no timer: parked due at once with the rest of the batch
                }
                batch.add(message.build());
                dueAt.put(body, due);
            }
            SendResult result = producer.send(batch);
            assertEquals(SendStatus.SEND_OK, result.status());
            assertEquals(12, result.msgId().split(",").length, "an id per message");
        }

        await("every timer of both batches delivered").atMost(WAIT)
                .until(() -> firstReceivedAt.keySet().containsAll(dueAt.keySet()));
        for (Map.Entry<String, Long> due : dueAt.entrySet()) {
            long receivedAt = firstReceivedAt.get(due.getKey());
            assertTrue(receivedAt >= due.getValue(), due.getKey() + " delivered " + (due.getValue() - receivedAt)
                    + " ms early");
        }

        // A timer sent after all of them fires in a later pass: nothing of the batches fired twice meanwhile.
        producer.send(Message.builder(TOPIC).body("marker").delayTimeMs(1_000).build());
        await("marker delivered").atMost(WAIT).until(() -> firstReceivedAt.containsKey("marker"));
        for (String body : dueAt.keySet()) {
            assertEquals(1, deliveries.get(body).get(), body + " delivered more than once");
        }
        assertEquals(dueAt.size() + 1, deliveries.size(), "nothing else delivered");
    }

    @Test
    void aBatchWithOneTimerBeyondTheMaximumIsRefusedAsAWhole() {
        List<Message> batch = List.of(
                Message.builder(TOPIC).body("refused-ok").delayTimeSec(5).build(),
                Message.builder(TOPIC).body("refused-far")
                        .deliverTimeMs(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(8)).build());
        SendException refused = assertThrows(SendException.class, () -> producer.send(batch));
        assertEquals(13, refused.responseCode(), "MESSAGE_ILLEGAL: " + refused.getMessage());
        assertTrue(refused.remark().contains("batch message 2 of 2") && refused.remark().contains(
                "max delay 604800000ms"), refused.remark());
    }
}
