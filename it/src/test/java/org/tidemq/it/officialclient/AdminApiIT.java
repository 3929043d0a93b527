package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.LanguageCode;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.remoting.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * The official 5.2.0 {@link DefaultMQAdminExt} against TideMQ started through bin/, checked against what the test
 * itself sent and consumed: {@code createTopic} (via the cluster's route, as {@code mqadmin updateTopic -c} does)
 * yields the requested queues in the route, {@code examineTopicStats} reports each queue's max offset as sent,
 * {@code examineConsumeStats} reports broker and consumer offsets (and the lag before consuming), and
 * {@code examineConsumerConnectionInfo} lists the group's two live consumers with their subscription and model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT {
    private TideCluster cluster;
    private DefaultMQAdminExt admin;
    private DefaultMQProducer producer;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
        admin = cluster.admin();
        producer = cluster.producer("PG_OC_ADMIN");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void createdTopicHasTheRequestedQueuesAndStatsFollowTheSends() throws Exception {
        String topic = "OC_AdminCreated";
        admin.createTopic(TideCluster.CLUSTER_NAME, topic, 3, Map.of());
        TopicRouteData route = await("route of the created topic").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo(topic), r -> r != null && !r.getQueueDatas().isEmpty());
        assertEquals(1, route.getQueueDatas().size());
        QueueData queueData = route.getQueueDatas().get(0);
        assertEquals(TideCluster.BROKER_NAME, queueData.getBrokerName());
        assertEquals(3, queueData.getReadQueueNums());
        assertEquals(3, queueData.getWriteQueueNums());
        assertEquals(6, queueData.getPerm() & 6, "readable and writable");
        assertEquals(cluster.broker().address(), route.getBrokerDatas().get(0).getBrokerAddrs().get(0L));

        // 5, 7 and 2 messages into queues 0, 1, 2.
        int[] perQueue = {5, 7, 2};
        for (int queueId = 0; queueId < perQueue.length; queueId++) {
            MessageQueue queue = new MessageQueue(topic, TideCluster.BROKER_NAME, queueId);
            for (int i = 0; i < perQueue[queueId]; i++) {
                assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "T", "q" + queueId, i), queue)
                        .getSendStatus());
            }
        }
        // Consume queues are built right after the commit log append, so the figures may trail the send results.
        Map<Integer, Long> maxOffsets = new TreeMap<>();
        Map<Integer, Long> minOffsets = new TreeMap<>();
        await("topic stats of all sends").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            TopicStatsTable stats = admin.examineTopicStats(topic);
            maxOffsets.clear();
            minOffsets.clear();
            for (Map.Entry<MessageQueue, TopicOffset> entry : stats.getOffsetTable().entrySet()) {
                assertEquals(topic, entry.getKey().getTopic());
                assertEquals(TideCluster.BROKER_NAME, entry.getKey().getBrokerName());
                maxOffsets.put(entry.getKey().getQueueId(), entry.getValue().getMaxOffset());
                minOffsets.put(entry.getKey().getQueueId(), entry.getValue().getMinOffset());
                if (entry.getValue().getMaxOffset() > 0) {
                    assertTrue(entry.getValue().getLastUpdateTimestamp() > 0, "last update time of " + entry.getKey());
                }
            }
            assertEquals(Map.of(0, 5L, 1, 7L, 2, 2L), maxOffsets);
        });
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), minOffsets);
    }

    @Test
    void consumeStatsAndConsumerConnectionsDescribeTheLiveGroup() throws Exception {
        String topic = "OC_AdminConsume";
        String group = "CG_OC_ADMIN";
        cluster.createTopic(topic, 4);
        for (int i = 0; i < 20; i++) {
            MessageQueue queue = new MessageQueue(topic, TideCluster.BROKER_NAME, i % 4);
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagA", "stats", i), queue).getSendStatus());
        }
        Deliveries deliveries = new Deliveries();
        List<DefaultMQPushConsumer> consumers = List.of(cluster.pushConsumer(group), cluster.pushConsumer(group));
        for (DefaultMQPushConsumer consumer : consumers) {
            consumer.subscribe(topic, "TagA || TagB");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                deliveries.record(messages);
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
        }
        awaitConsumed(20, deliveries, consumers, group, topic);
        ConsumerConnection connections = await("both consumers registered").atMost(Duration.ofSeconds(20))
                .ignoreExceptions().until(() -> admin.examineConsumerConnectionInfo(group),
                        c -> c.getConnectionSet().size() == 2);
        Set<String> clientIds = consumers.stream().map(c -> c.getDefaultMQPushConsumerImpl().getmQClientFactory()
                .getClientId()).collect(Collectors.toCollection(TreeSet::new));
        // Shutting down commits the consumed offsets; the group then stays offline.
        consumers.forEach(DefaultMQPushConsumer::shutdown);
        cluster.awaitFullyCommitted(group, topic, 4);

        ConsumeStats stats = admin.examineConsumeStats(group, topic);
        Map<Integer, OffsetWrapper> byQueue = new TreeMap<>();
        stats.getOffsetTable().forEach((queue, offsets) -> {
            if (queue.getTopic().equals(topic)) {
                byQueue.put(queue.getQueueId(), offsets);
            }
        });
        assertEquals(Set.of(0, 1, 2, 3), byQueue.keySet());
        for (OffsetWrapper offsets : byQueue.values()) {
            assertEquals(5, offsets.getBrokerOffset());
            assertEquals(5, offsets.getConsumerOffset());
            assertTrue(offsets.getLastTimestamp() > 0, "store time of the last consumed message");
        }
        assertEquals(0, stats.computeTotalDiff());

        // Five more into queue 0 while the group is offline: the lag shows up as brokerOffset - consumerOffset.
        for (int i = 20; i < 25; i++) {
            MessageQueue queue = new MessageQueue(topic, TideCluster.BROKER_NAME, 0);
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagA", "stats", i), queue).getSendStatus());
        }
        await("lag of the unconsumed five").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ConsumeStats lagging = admin.examineConsumeStats(group, topic);
            Map<Integer, Long> lagByQueue = new HashMap<>();
            lagging.getOffsetTable().forEach((queue, offsets) -> {
                if (queue.getTopic().equals(topic)) {
                    lagByQueue.put(queue.getQueueId(), offsets.getBrokerOffset() - offsets.getConsumerOffset());
                }
            });
            assertEquals(Map.of(0, 5L, 1, 0L, 2, 0L, 3, 0L), lagByQueue);
            assertEquals(5, lagging.computeTotalDiff());
        });

        assertEquals(2, clientIds.size());
        assertEquals(clientIds, connections.getConnectionSet().stream().map(Connection::getClientId)
                .collect(Collectors.toCollection(TreeSet::new)));
        for (Connection connection : connections.getConnectionSet()) {
            assertEquals(LanguageCode.JAVA, connection.getLanguage());
            assertTrue(connection.getVersion() > 0, "client version " + connection.getVersion());
            assertTrue(connection.getClientAddr().startsWith("127.0.0.1:"), connection.getClientAddr());
        }
        assertEquals(ConsumeType.CONSUME_PASSIVELY, connections.getConsumeType());
        assertEquals(MessageModel.CLUSTERING, connections.getMessageModel());
        SubscriptionData subscription = connections.getSubscriptionTable().get(topic);
        assertNotNull(subscription, connections.getSubscriptionTable().toString());
        assertEquals("TagA || TagB", subscription.getSubString());
        assertEquals(Set.of("TagA", "TagB"), subscription.getTagsSet());
        assertEquals(Set.of("TagA".hashCode(), "TagB".hashCode()), subscription.getCodeSet());
        assertTrue(connections.getSubscriptionTable().containsKey("%RETRY%" + group),
                "clustering consumers also subscribe their retry topic: " + connections.getSubscriptionTable().keySet());
    }

    /**
     * {@code consumeMessageDirectly} (what {@code mqadmin queryMsgById -g -d} calls): the broker fills in the stored
     * record the offset message id points at and relays it to the named consumer, whose listener consumes it again.
     */
    @Test
    void consumeMessageDirectlyHandsTheStoredMessageToTheNamedConsumer() throws Exception {
        String topic = "OC_AdminDirect";
        String group = "CG_OC_DIRECT";
        cluster.createTopic(topic, 1);
        Deliveries deliveries = new Deliveries();
        DefaultMQPushConsumer consumer = cluster.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.record(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            org.apache.rocketmq.client.producer.SendResult sent = producer.send(
                    message(topic, "TagA", "direct", 1));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
            awaitConsumed(1, deliveries, List.of(consumer), group, topic);
            String clientId = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().getClientId();

            org.apache.rocketmq.remoting.protocol.body.ConsumeMessageDirectlyResult result = await("consumed directly")
                    .atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> admin.consumeMessageDirectly(group, clientId, topic, sent.getOffsetMsgId()),
                            r -> r != null);

            assertEquals(org.apache.rocketmq.remoting.protocol.body.CMResult.CR_SUCCESS, result.getConsumeResult());
            await("the listener saw the message a second time").atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries.inOrder().size() == 2);
            MessageExt again = deliveries.inOrder().get(1);
            assertEquals(sent.getMsgId(), again.getMsgId());
            assertEquals(TestMessages.body(deliveries.inOrder().get(0)), TestMessages.body(again));
            assertEquals(topic, again.getTopic());
        } finally {
            consumer.shutdown();
        }
    }

    private void awaitConsumed(int count, Deliveries deliveries, List<DefaultMQPushConsumer> consumers, String group,
                               String topic) {
        try {
            await(count + " consumed").atMost(Duration.ofSeconds(30)).until(() -> deliveries.distinct() == count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("consumed " + new TreeSet<>(deliveries.byBody().keySet())
                    + cluster.describe(group, topic, consumers), e);
        }
    }
}
