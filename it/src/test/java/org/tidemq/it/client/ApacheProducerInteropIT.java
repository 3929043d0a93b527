package org.tidemq.it.client;

import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.body.ProducerConnection;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.message.UniqueMessageId;
import org.tidemq.it.support.ApacheRocketMqCluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TideMQ's producer against Apache RocketMQ 5.2.0's own name server and broker; the official
 * {@link DefaultLitePullConsumer} reads back what arrived.
 */
class ApacheProducerInteropIT {
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;
    private static ApacheRocketMqCluster cluster;
    private static Producer producer;

    @BeforeAll
    static void startApacheAndProducer() throws Exception {
        cluster = ApacheRocketMqCluster.start(workDir);
        producer = Producer.builder()
                .namesrvAddr(cluster.namesrvAddr())
                .group("tide_interop_producer")
                .sendTimeout(Duration.ofSeconds(5))
                .build();
        producer.start();
    }

    @AfterAll
    static void stopAll() {
        if (producer != null) {
            producer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Message message(String topic, String tag, String key, String body, int index) {
        return Message.builder(topic).tags(tag).keys(key, "idx-" + index).body(body)
                .property("color", "blue-" + index).property("seq", Integer.toString(index)).build();
    }

    @Test
    void everySendModeArrivesIntactAtTheOfficialConsumer() throws Exception {
        String topic = "TideInteropSend";
        Map<String, Message> sentById = new HashMap<>();

        for (int i = 0; i < 5; i++) {
            Message message = message(topic, "TagSync", "sync-" + i, "sync body " + i, i);
            SendResult result = producer.send(message);
            assertEquals(SendStatus.SEND_OK, result.status());
            assertEquals(topic, result.queue().topic());
            assertEquals(ApacheRocketMqCluster.BROKER_NAME, result.queue().brokerName());
            OffsetMessageId offsetId = OffsetMessageId.decode(result.offsetMsgId());
            assertEquals(cluster.brokerPort(), offsetId.storeHost().getPort());
            assertEquals(ProcessHandle.current().pid() & 0xFFFF, UniqueMessageId.parse(result.msgId()).pid());
            sentById.put(result.msgId(), message);
        }

        List<Message> asyncMessages = new ArrayList<>();
        List<CompletableFuture<SendResult>> asyncResults = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message message = message(topic, "TagAsync", "async-" + i, "async body " + i, i);
            asyncMessages.add(message);
            asyncResults.add(producer.sendAsync(message));
        }
        for (int i = 0; i < 5; i++) {
            SendResult result = asyncResults.get(i).get();
            assertEquals(SendStatus.SEND_OK, result.status());
            sentById.put(result.msgId(), asyncMessages.get(i));
        }

        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(message(topic, "TagBatch", "batch-" + i, "batch body " + i, i));
        }
        SendResult batchResult = producer.send(batch);
        assertEquals(SendStatus.SEND_OK, batchResult.status());
        String[] batchIds = batchResult.msgId().split(",");
        assertEquals(4, batchIds.length);
        assertEquals(4, batchResult.offsetMsgId().split(",").length, "one offset id per batch message");
        for (int i = 0; i < 4; i++) {
            sentById.put(batchIds[i], batch.get(i));
        }

        byte[] largeBody = "TideMQ compresses bodies over 4 KiB with zlib. ".repeat(500)
                .getBytes(StandardCharsets.UTF_8);
        Message large = Message.builder(topic).tags("TagLarge").keys("large-1").body(largeBody)
                .property("size", Integer.toString(largeBody.length)).build();
        SendResult largeResult = producer.send(large);
        sentById.put(largeResult.msgId(), large);

        List<Message> oneway = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message message = message(topic, "TagOneway", "oneway-" + i, "oneway body " + i, i);
            oneway.add(message);
            producer.sendOneway(message);
        }

        int expected = sentById.size() + oneway.size();
        List<MessageExt> received = consumeAll(topic, expected);

        Map<String, MessageExt> receivedById = received.stream()
                .collect(Collectors.toMap(MessageExt::getMsgId, m -> m, (a, b) -> a));
        assertEquals(expected, receivedById.size(), "every message exactly once by UNIQ_KEY");
        for (Map.Entry<String, Message> sent : sentById.entrySet()) {
            MessageExt got = receivedById.get(sent.getKey());
            assertNotNull(got, "message " + sent.getKey() + " did not arrive");
            assertSameContent(sent.getValue(), got);
        }
        for (Message sent : oneway) {
            MessageExt got = received.stream().filter(m -> m.getKeys().equals(String.join(" ", sent.keys())))
                    .findFirst().orElseThrow(() -> new AssertionError("oneway message " + sent.keys() + " missing"));
            assertSameContent(sent, got);
        }

        assertProducerRegisteredByHeartbeat(topic);

        MessageExt largeReceived = receivedById.get(largeResult.msgId());
        assertTrue((largeReceived.getSysFlag() & 0x1) != 0, "the large body travelled compressed");
        assertTrue(largeReceived.getStoreSize() < largeBody.length,
                "stored record (" + largeReceived.getStoreSize() + " bytes) is smaller than the raw body");
    }

    @Test
    void orderedSendsOfOneKeyLandInOneQueueInSendOrder() throws Exception {
        String topic = "TideInteropOrdered";
        List<String> keys = List.of("order-A", "order-B", "order-C", "order-D");
        int perKey = 8;
        Map<String, List<SendResult>> resultsByKey = new HashMap<>();
        for (int i = 0; i < perKey; i++) {
            for (String key : keys) {
                Message message = Message.builder(topic).tags("TagOrder").keys(key)
                        .body(key + ":" + i).property("seq", Integer.toString(i)).build();
                resultsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(producer.send(message, key));
            }
        }
        for (List<SendResult> results : resultsByKey.values()) {
            assertEquals(1, results.stream().map(SendResult::queue).distinct().count(), "one queue per key");
        }

        List<MessageExt> received = consumeAll(topic, keys.size() * perKey);

        Map<String, List<MessageExt>> byKey = received.stream()
                .collect(Collectors.groupingBy(MessageExt::getKeys));
        for (String key : keys) {
            List<MessageExt> messages = new ArrayList<>(byKey.get(key));
            assertEquals(perKey, messages.size(), "messages of " + key);
            assertEquals(1, messages.stream().map(MessageExt::getQueueId).distinct().count(),
                    key + " spread over several queues");
            assertEquals(resultsByKey.get(key).get(0).queue().queueId(), messages.get(0).getQueueId());
            messages.sort((a, b) -> Long.compare(a.getQueueOffset(), b.getQueueOffset()));
            for (int i = 0; i < perKey; i++) {
                assertEquals(key + ":" + i, new String(messages.get(i).getBody(), StandardCharsets.UTF_8),
                        key + " out of order at position " + i);
            }
        }
    }

    /** The broker knows the producer group only from HEART_BEAT's producerDataSet. */
    private static void assertProducerRegisteredByHeartbeat(String topic) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(cluster.namesrvAddr());
        admin.setInstanceName("tide-interop-admin");
        admin.start();
        try {
            ProducerConnection connection = await("producer group at the Apache broker").atMost(CONSUME_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> admin.examineProducerConnectionInfo("tide_interop_producer", topic),
                            found -> !found.getConnectionSet().isEmpty());
            assertEquals(1, connection.getConnectionSet().size());
            assertTrue(connection.getConnectionSet().iterator().next().getClientId().contains("@"));
        } finally {
            admin.shutdown();
        }
    }

    private static void assertSameContent(Message sent, MessageExt got) {
        assertArrayEquals(sent.body(), got.getBody(), "body of " + got.getMsgId());
        assertEquals(sent.tags(), got.getTags());
        assertEquals(String.join(" ", sent.keys()), got.getKeys());
        sent.userProperties().forEach((name, value) ->
                assertEquals(value, got.getUserProperty(name), "property " + name + " of " + got.getMsgId()));
    }

    /** Reads every queue of {@code topic} from the beginning with the official lite pull consumer. */
    private static List<MessageExt> consumeAll(String topic, int expected) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("tide_interop_reader_" + topic);
        consumer.setNamesrvAddr(cluster.namesrvAddr());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setAutoCommit(false);
        consumer.setPollTimeoutMillis(500);
        consumer.start();
        try {
            Collection<MessageQueue> queues = await("route of " + topic + " at the name server")
                    .atMost(CONSUME_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> consumer.fetchMessageQueues(topic), found -> !found.isEmpty());
            // CONSUME_FROM_FIRST_OFFSET, no seek: a seek meeting a pull in flight can make the official client
            // cache a batch twice.
            consumer.assign(queues);
            List<MessageExt> received = new ArrayList<>();
            await(expected + " messages of " + topic).atMost(CONSUME_TIMEOUT).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        received.addAll(consumer.poll(500));
                        return received.size() >= expected;
                    });
            assertEquals(expected, received.size(), "no extra messages: " + Arrays.toString(
                    received.stream().map(MessageExt::getKeys).toArray()));
            return received;
        } finally {
            consumer.shutdown();
        }
    }
}
