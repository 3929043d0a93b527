package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
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
 * Ordered messages with the official 5.2.0 client against TideMQ started through bin/: a producer routes every key's
 * messages to one queue with a {@link MessageQueueSelector}, and two {@link MessageListenerOrderly} consumers of one
 * group, each holding the broker locks (LOCK_BATCH_MQ) of two queues, receive each key's messages exactly once and in send order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderlyConsumerIT {
    private static final String TOPIC = "OC_Orderly";
    private static final String GROUP = "CG_OC_ORDERLY";
    private static final int QUEUES = 4;
    private static final int KEYS = 6;
    private static final int PER_KEY = 25;

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

    @Test
    void perKeyOrderIsPreservedAcrossTwoOrderlyConsumers() throws Exception {
        Deliveries deliveries = new Deliveries();
        List<DefaultMQPushConsumer> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            DefaultMQPushConsumer consumer = cluster.pushConsumer(GROUP);
            consumers.add(consumer);
            consumer.subscribe(TOPIC, "*");
            consumer.setConsumeMessageBatchMaxSize(3);
            consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
                deliveries.record(messages);
                return ConsumeOrderlyStatus.SUCCESS;
            });
            consumer.start();
        }
        // Each consumer holds the broker lock of its two queues before anything is sent.
        await("two locked queues per consumer").atMost(Duration.ofSeconds(30)).until(() -> consumers.stream()
                .allMatch(consumer -> lockedQueues(consumer) == 2));

        DefaultMQProducer producer = cluster.producer("PG_OC_ORDERLY");
        MessageQueueSelector byKey = (queues, message, key) -> queues.get(Math.floorMod(key.hashCode(), queues.size()));
        // Keys interleaved, so each queue mixes keys and only the per-key order is meaningful.
        for (int seq = 0; seq < PER_KEY; seq++) {
            for (int k = 0; k < KEYS; k++) {
                String orderKey = "order-" + k;
                Message message = message(TOPIC, "TagOrder", orderKey, seq);
                message.putUserProperty("orderKey", orderKey);
                SendResult result = producer.send(message, byKey, orderKey);
                assertEquals(SendStatus.SEND_OK, result.getSendStatus());
                assertEquals(Math.floorMod(orderKey.hashCode(), QUEUES), result.getMessageQueue().getQueueId());
            }
        }

        int total = KEYS * PER_KEY;
        await("all ordered messages").atMost(Duration.ofSeconds(45)).until(() -> deliveries.distinct() >= total);

        assertEquals(List.of(), deliveries.duplicateBodies());
        Map<String, List<Integer>> sequencesByKey = new TreeMap<>();
        for (MessageExt message : deliveries.inOrder()) {
            TestMessages.assertIntact(message, TOPIC, "TagOrder");
            String orderKey = message.getUserProperty("orderKey");
            assertEquals(Math.floorMod(orderKey.hashCode(), QUEUES), message.getQueueId(), "key stays on its queue");
            sequencesByKey.computeIfAbsent(orderKey, k -> new ArrayList<>())
                    .add(Integer.parseInt(message.getUserProperty("idx")));
        }
        List<Integer> inSendOrder = IntStream.range(0, PER_KEY).boxed().toList();
        assertEquals(KEYS, sequencesByKey.size());
        sequencesByKey.forEach((key, sequence) -> assertEquals(inSendOrder, sequence, "delivery order of " + key));
    }

    private static long lockedQueues(DefaultMQPushConsumer consumer) {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().entrySet().stream()
                .filter(entry -> entry.getKey().getTopic().equals(TOPIC) && entry.getValue().isLocked()).count();
    }
}
