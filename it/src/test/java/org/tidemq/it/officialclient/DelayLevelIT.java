package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * Delay levels with the official 5.2.0 producer ({@code setDelayTimeLevel}) and push consumer against TideMQ started
 * through bin/ with the default {@code messageDelayLevel} (level 1 = 1 s, level 2 = 5 s). Each message's due time is
 * its original store time (read back with viewMessage through the offset message id the send answered, which names
 * the parked record) plus its level's delay; the delivered copy's store time is when it was re-put. None may be early,
 * the lateness is printed, and the copies sit in the one-queue topic in order of due time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelayLevelIT {
    private static final String TOPIC = "OC_DelayLevel";
    private static final String GROUP = "CG_OC_DELAY";
    private static final Map<Integer, Long> DELAY_MS = Map.of(1, 1_000L, 2, 5_000L);
    /** Generous bound for a shared 2-core machine; the ≤ 100 ms p99 target is a benchmark matter. */
    private static final long MAX_LATENESS_MS = 1_000;

    private TideCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
        cluster.createTopic(TOPIC, 1);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The parked record by its offset message id, once the broker has dispatched it (readable by offset). */
    private MessageExt viewParked(String offsetMsgId) {
        AtomicReference<MessageExt> parked = new AtomicReference<>();
        await("parked record " + offsetMsgId).atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            parked.set(cluster.admin().viewMessage(TOPIC, offsetMsgId));
            return parked.get() != null;
        });
        return parked.get();
    }

    private record Sent(String body, int level, long storedAt, long dueAt) {
    }

    @Test
    void delayedMessagesArriveInDueOrderAndNeverEarly() throws Exception {
        DefaultMQProducer producer = cluster.producer("PG_OC_DELAY");
        int[] levels = {2, 1, 2, 1, 1, 2};
        Map<String, Sent> sent = new HashMap<>();
        for (int i = 0; i < levels.length; i++) {
            Message message = message(TOPIC, "TagDelay", "delay", i);
            message.setDelayTimeLevel(levels[i]);
            SendResult result = producer.send(message);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            MessageExt parked = viewParked(result.getOffsetMsgId());
            assertEquals("SCHEDULE_TOPIC_XXXX", parked.getTopic(), "parked in the schedule topic");
            long storedAt = parked.getStoreTimestamp();
            sent.put(TestMessages.body("delay", i), new Sent(TestMessages.body("delay", i), levels[i], storedAt,
                    storedAt + DELAY_MS.get(levels[i])));
        }

        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = cluster.pushConsumer(GROUP);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt m : messages) {
                receivedAt.putIfAbsent(TestMessages.body(m), System.currentTimeMillis());
                received.putIfAbsent(TestMessages.body(m), m);
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();

        await("all delayed messages").atMost(Duration.ofSeconds(15)).until(() -> received.size() == levels.length);

        List<Sent> byDue = new ArrayList<>(sent.values());
        byDue.sort(Comparator.comparingLong(Sent::dueAt));
        long previousOffset = -1;
        long previousDue = Long.MIN_VALUE;
        StringBuilder report = new StringBuilder("delay-level lateness (delivered store time - due time):");
        for (Sent s : byDue) {
            MessageExt delivered = received.get(s.body());
            TestMessages.assertIntact(delivered, TOPIC, "TagDelay");
            assertNull(delivered.getProperty("DELAY"), "delay level removed on delivery");
            long lateness = delivered.getStoreTimestamp() - s.dueAt();
            report.append(String.format("%n  %s level %d: %d ms (consumer saw it %d ms after due)", s.body(),
                    s.level(), lateness, receivedAt.get(s.body()) - s.dueAt()));
            assertTrue(lateness >= 0, s.body() + " delivered " + (-lateness) + " ms early");
            assertTrue(lateness <= MAX_LATENESS_MS, s.body() + " delivered " + lateness + " ms late");
            if (s.dueAt() > previousDue) {
                assertTrue(delivered.getQueueOffset() > previousOffset, s.body() + " (due " + s.dueAt()
                        + ") is at offset " + delivered.getQueueOffset() + ", before an earlier-due message");
            }
            previousDue = s.dueAt();
            previousOffset = Math.max(previousOffset, delivered.getQueueOffset());
        }
        System.out.println(report);
    }
}
