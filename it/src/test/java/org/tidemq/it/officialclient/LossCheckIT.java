package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * No acknowledged message is lost or corrupted: 100,000 messages (256-byte bodies, each with the CRC32 of its body
 * in a user property) sent synchronously by 16 threads through the official 5.2.0 producer to TideMQ started through
 * bin/, consumed by two push consumers of one group. Every message the broker acknowledged arrives (by unique key)
 * and every body matches its CRC. Negative control: the same checker over the real deliveries with one entry dropped
 * and one body altered reports exactly those two.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LossCheckIT {
    private static final String TOPIC = "OC_LossCheck";
    private static final String GROUP = "CG_OC_LOSS_CHECK";
    private static final int QUEUES = 8;
    private static final int MESSAGES = 100_000;
    private static final int SENDER_THREADS = 16;
    private static final int BODY_BYTES = 256;

    private TideCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
        cluster.createTopic(TOPIC, QUEUES);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Message message(int index) {
        byte[] body = new byte[BODY_BYTES];
        new SplittableRandom(index).nextBytes(body);
        Message message = new Message(TOPIC, "TagLoss", "loss-" + index, body);
        message.putUserProperty(DeliveryCheck.CRC_PROPERTY, Long.toString(DeliveryCheck.crc32(body)));
        return message;
    }

    @Test
    void everyAcknowledgedMessageArrivesIntact() throws Exception {
        Queue<DeliveryCheck.Received> received = new ConcurrentLinkedQueue<>();
        Set<String> distinct = ConcurrentHashMap.newKeySet();
        for (int c = 0; c < 2; c++) {
            DefaultMQPushConsumer consumer = cluster.pushConsumer(GROUP);
            consumer.subscribe(TOPIC, "*");
            consumer.setConsumeMessageBatchMaxSize(32);
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                for (MessageExt message : messages) {
                    received.add(new DeliveryCheck.Received(message.getMsgId(), message.getBody(),
                            message.getUserProperty(DeliveryCheck.CRC_PROPERTY)));
                    distinct.add(message.getMsgId());
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
        }

        DefaultMQProducer producer = cluster.producer("PG_OC_LOSS_CHECK");
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SENDER_THREADS; t++) {
                int thread = t;
                done.add(senders.submit(() -> {
                    for (int i = thread; i < MESSAGES; i += SENDER_THREADS) {
                        Message message = message(i);
                        try {
                            SendResult result = producer.send(message);
                            if (result.getSendStatus() == SendStatus.SEND_OK) {
                                acknowledged.put(result.getMsgId(), DeliveryCheck.crc32(message.getBody()));
                            } else {
                                failures.add(i + ": " + result.getSendStatus());
                            }
                        } catch (Exception e) {
                            failures.add(i + ": " + e);
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(10, failures.size())), "failed sends");
        assertEquals(MESSAGES, acknowledged.size(), "one acknowledgement (unique key) per message");

        await("every acknowledged message delivered").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> distinct.containsAll(acknowledged.keySet()));
        List<DeliveryCheck.Received> deliveries = List.copyOf(received);
        DeliveryCheck.Report report = DeliveryCheck.check(acknowledged, deliveries);
        assertTrue(report.clean(), report.toString());
        assertEquals(MESSAGES, distinct.size(), "nothing delivered that was not sent");

        // Negative control: the checker over the real deliveries, with one dropped and one body altered.
        List<DeliveryCheck.Received> tampered = new ArrayList<>(deliveries);
        DeliveryCheck.Received dropped = tampered.remove(0);
        tampered.removeIf(r -> r.uniqueKey().equals(dropped.uniqueKey()));
        int victim = tampered.size() / 2;
        DeliveryCheck.Received original = tampered.get(victim);
        byte[] altered = original.body().clone();
        altered[altered.length - 1] ^= 0x01;
        tampered.set(victim, new DeliveryCheck.Received(original.uniqueKey(), altered, original.declaredCrc()));
        DeliveryCheck.Report negative = DeliveryCheck.check(acknowledged, tampered);
        assertFalse(negative.clean(), "the checker must notice a drop and a corruption");
        assertEquals(List.of(dropped.uniqueKey()), negative.missing());
        assertEquals(List.of(original.uniqueKey()), negative.corrupt());
    }
}
