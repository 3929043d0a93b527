package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * The official 5.2.0 {@link DefaultMQProducer}'s four send modes against TideMQ started through bin/: sync, async,
 * oneway and batch sends are all stored, each exactly once, and a push consumer receives them intact (topic, tag, key,
 * body, user properties, message id) at the queue and offset the send result reported; a batch lands as consecutive
 * offsets of one queue in batch order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendModesIT {
    private static final String TOPIC = "OC_SendModes";
    private static final int QUEUES = 4;
    private static final int PER_MODE = 10;

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
    void everySendModeIsStoredOnceAndConsumedIntact() throws Exception {
        DefaultMQProducer producer = cluster.producer("PG_OC_SEND_MODES");
        List<SendResult> sync = new ArrayList<>();
        for (int i = 0; i < PER_MODE; i++) {
            sync.add(producer.send(message(TOPIC, "TagSync", "sync", i)));
        }
        List<SendResult> async = new CopyOnWriteArrayList<>();
        List<Throwable> asyncErrors = new CopyOnWriteArrayList<>();
        for (int i = 0; i < PER_MODE; i++) {
            producer.send(message(TOPIC, "TagAsync", "async", i), new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    async.add(result);
                }

                @Override
                public void onException(Throwable e) {
                    asyncErrors.add(e);
                }
            });
        }
        for (int i = 0; i < PER_MODE; i++) {
            producer.sendOneway(message(TOPIC, "TagOneway", "oneway", i));
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < PER_MODE; i++) {
            batch.add(message(TOPIC, "TagBatch", "batch", i));
        }
        MessageQueue batchQueue = new MessageQueue(TOPIC, TideCluster.BROKER_NAME, 2);
        SendResult batchResult = producer.send(batch, batchQueue);
        await("async callbacks").atMost(Duration.ofSeconds(20)).until(() -> async.size() + asyncErrors.size() == PER_MODE);
        assertEquals(List.of(), asyncErrors);
        for (SendResult result : sync) {
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
        }
        for (SendResult result : async) {
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
        }
        assertEquals(SendStatus.SEND_OK, batchResult.getSendStatus());
        assertEquals(batchQueue, batchResult.getMessageQueue());
        assertEquals(PER_MODE, batchResult.getMsgId().split(",").length, batchResult.getMsgId());

        Deliveries deliveries = new Deliveries();
        DefaultMQPushConsumer consumer = cluster.pushConsumer("CG_OC_SEND_MODES");
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.record(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        int total = 4 * PER_MODE;
        await("all " + total + " messages").atMost(Duration.ofSeconds(30)).until(() -> deliveries.distinct() == total);

        assertEquals(List.of(), deliveries.duplicateBodies());
        assertEquals(total, deliveries.inOrder().size());
        Map<String, String> tags = Map.of("sync", "TagSync", "async", "TagAsync", "oneway", "TagOneway",
                "batch", "TagBatch");
        for (MessageExt received : deliveries.inOrder()) {
            TestMessages.assertIntact(received, TOPIC, tags.get(received.getUserProperty("kind")));
            assertEquals(0, received.getReconsumeTimes());
        }
        for (SendResult sent : sync) {
            assertDeliveredWhereSent(deliveries, sent);
        }
        for (SendResult sent : async) {
            assertDeliveredWhereSent(deliveries, sent);
        }
        String[] batchIds = batchResult.getMsgId().split(",");
        for (int i = 0; i < PER_MODE; i++) {
            MessageExt received = deliveries.get(TestMessages.body("batch", i));
            assertNotNull(received, "batch " + i);
            assertEquals(batchIds[i], received.getMsgId(), "batch message ids in batch order");
            assertEquals(2, received.getQueueId());
            assertEquals(batchResult.getQueueOffset() + i, received.getQueueOffset(), "batch offsets consecutive");
        }
        for (int i = 0; i < PER_MODE; i++) {
            assertNotNull(deliveries.get(TestMessages.body("oneway", i)), "oneway " + i);
        }
    }

    private static void assertDeliveredWhereSent(Deliveries deliveries, SendResult sent) {
        MessageExt received = deliveries.inOrder().stream().filter(m -> m.getMsgId().equals(sent.getMsgId()))
                .findFirst().orElseThrow(() -> new AssertionError("nothing delivered with msgId " + sent.getMsgId()));
        assertEquals(sent.getMessageQueue().getQueueId(), received.getQueueId(), sent.getMsgId());
        assertEquals(sent.getQueueOffset(), received.getQueueOffset(), sent.getMsgId());
        assertEquals(sent.getOffsetMsgId(), ((MessageClientExt) received).getOffsetMsgId(), sent.getMsgId());
    }
}
