package org.tidemq.it.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;

/**
 * bin/mqnamesrv and bin/mqbroker as real processes, driven by the official RocketMQ 5.2.0 Java client: producers
 * (sync, async, oneway, batch) auto-create a topic through TBW102, a lite pull consumer reads it back by assignment,
 * and a push consumer (heartbeat, consumer list, rebalance, long polling, offset commits) receives live messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientSendPullIT {
    private NamesrvProcess namesrv;
    private BrokerProcess broker;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    void startServers(@TempDir Path dir) throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), "broker-it", namesrv.address(), Map.of());
    }

    @AfterAll
    void stopServers() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private DefaultMQProducer producer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName(group + "-" + System.nanoTime());
        producer.setSendMsgTimeout(5_000);
        producer.start();
        clients.add(producer::shutdown);
        return producer;
    }

    private static Message message(String topic, int index, String kind) {
        Message message = new Message(topic, index % 2 == 0 ? "TagA" : "TagB", "key-" + kind + "-" + index,
                (kind + "-body-" + index).getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("idx", Integer.toString(index));
        message.putUserProperty("kind", kind);
        return message;
    }

    private static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void producerSendsAndLitePullConsumerReadsEverythingInQueueOrder() throws Exception {
        String topic = "IT_SendPull";
        DefaultMQProducer producer = producer("PG_IT_SEND");
        // The first send learns TBW102's route and makes the broker create the topic.
        SendResult first = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> producer.send(message(topic, 0, "sync")), result -> result != null);
        List<SendResult> syncResults = new ArrayList<>(List.of(first));
        for (int i = 1; i < 12; i++) {
            syncResults.add(producer.send(message(topic, i, "sync")));
        }
        for (SendResult result : syncResults) {
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            assertEquals("broker-it", result.getMessageQueue().getBrokerName());
            assertTrue(result.getOffsetMsgId().startsWith("7F000001"), result.getOffsetMsgId());
        }
        List<SendResult> asyncResults = new CopyOnWriteArrayList<>();
        List<Throwable> asyncErrors = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            producer.send(message(topic, i, "async"), new SendCallback() {
                @Override
                public void onSuccess(SendResult sendResult) {
                    asyncResults.add(sendResult);
                }

                @Override
                public void onException(Throwable e) {
                    asyncErrors.add(e);
                }
            });
        }
        for (int i = 0; i < 4; i++) {
            producer.sendOneway(message(topic, i, "oneway"));
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(message(topic, i, "batch"));
        }
        SendResult batchResult = producer.send(batch);
        assertEquals(SendStatus.SEND_OK, batchResult.getSendStatus());
        assertEquals(5, batchResult.getMsgId().split(",").length);
        await().atMost(Duration.ofSeconds(10)).until(() -> asyncResults.size() + asyncErrors.size() == 6);
        assertEquals(List.of(), asyncErrors);

        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("CG_IT_LITE");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("lite-" + System.nanoTime());
        consumer.setAutoCommit(false);
        // No seek after assign: the official client can cache a batch twice when a seek meets a pull in flight.
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.start();
        clients.add(consumer::shutdown);
        Collection<MessageQueue> queues = consumer.fetchMessageQueues(topic);
        assertEquals(4, queues.size(), queues.toString());
        consumer.assign(queues);
        List<MessageExt> received = new ArrayList<>();
        int expected = 12 + 6 + 4 + 5;
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            received.addAll(consumer.poll(200));
            return received.size() >= expected;
        });
        assertEquals(expected, received.size());

        Map<String, MessageExt> byBody = received.stream().collect(Collectors.toMap(
                OfficialClientSendPullIT::body, m -> m));
        for (String kind : List.of("sync", "async", "oneway", "batch")) {
            int count = switch (kind) {
                case "sync" -> 12;
                case "async" -> 6;
                case "oneway" -> 4;
                default -> 5;
            };
            for (int i = 0; i < count; i++) {
                MessageExt message = byBody.get(kind + "-body-" + i);
                assertNotNull(message, kind + " " + i);
                assertEquals(topic, message.getTopic());
                assertEquals(i % 2 == 0 ? "TagA" : "TagB", message.getTags());
                assertEquals("key-" + kind + "-" + i, message.getKeys());
                assertEquals(Integer.toString(i), message.getUserProperty("idx"));
                assertEquals(kind, message.getUserProperty("kind"));
                assertEquals("127.0.0.1:" + broker.port(), message.getStoreHost().toString().replace("/", ""));
            }
        }
        for (SendResult sent : syncResults) {
            MessageExt message = received.stream().filter(m -> m.getMsgId().equals(sent.getMsgId())).findFirst()
                    .orElseThrow(() -> new AssertionError("no message with msgId " + sent.getMsgId()));
            assertEquals(sent.getMessageQueue().getQueueId(), message.getQueueId());
            assertEquals(sent.getQueueOffset(), message.getQueueOffset());
        }
        Map<Integer, List<MessageExt>> byQueue = received.stream()
                .collect(Collectors.groupingBy(MessageExt::getQueueId));
        for (List<MessageExt> inQueue : byQueue.values()) {
            for (int i = 0; i < inQueue.size(); i++) {
                assertEquals(i, inQueue.get(i).getQueueOffset(), "per-queue order and no gaps");
            }
        }
        assertEquals(expected, byQueue.values().stream().mapToInt(List::size).sum());
        assertTrue(byQueue.values().stream().allMatch(list -> list.stream()
                .map(MessageExt::getQueueOffset).sorted(Comparator.naturalOrder()).toList()
                .equals(list.stream().map(MessageExt::getQueueOffset).toList())));
    }

    @Test
    void pushConsumerReceivesLiveMessagesThroughHeartbeatRebalanceAndLongPolling() throws Exception {
        String topic = "IT_Push";
        DefaultMQProducer producer = producer("PG_IT_PUSH");
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> producer.send(message(topic, 0, "warmup")), result -> result != null);

        Map<String, MessageExt> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_IT_PUSH");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("push-" + System.nanoTime());
        consumer.subscribe(topic, "TagA");
        consumer.setConsumeFromWhere(org.apache.rocketmq.common.consumer.ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.put(body(m), m));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        clients.add(consumer::shutdown);

        // Parked long polls are answered when these arrive.
        for (int i = 1; i <= 8; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, i, "push")).getSendStatus());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.keySet().containsAll(
                List.of("warmup-body-0", "push-body-2", "push-body-4", "push-body-6", "push-body-8")));
        for (int i = 2; i <= 8; i += 2) {
            MessageExt message = received.get("push-body-" + i);
            assertEquals("TagA", message.getTags());
            assertEquals(Integer.toString(i), message.getUserProperty("idx"));
        }
        assertTrue(received.keySet().stream().noneMatch(b -> b.startsWith("push-body-") && isOdd(b)),
                "TagB messages were filtered: " + received.keySet());
    }

    private static boolean isOdd(String body) {
        return Integer.parseInt(body.substring(body.lastIndexOf('-') + 1)) % 2 == 1;
    }
}
