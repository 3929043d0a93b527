package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * The official 5.2.0 {@link DefaultMQPushConsumer} against TideMQ started through bin/: two CLUSTERING consumers of one
 * group split the queues (each gets a share, together every message exactly once, each only from its own queues), two
 * BROADCASTING consumers each get every message, and a {@code TagA || TagB} subscription receives exactly the TagA and
 * TagB messages while the group's committed offsets still move past the filtered ones; a new group left at the
 * default CONSUME_FROM_LAST_OFFSET reads a young topic from its first message, as with Apache's broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushConsumerIT {
    private static final int QUEUES = 4;

    private TideCluster cluster;
    private DefaultMQProducer producer;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
        producer = cluster.producer("PG_OC_PUSH");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private DefaultMQPushConsumer startConsumer(String group, String topic, String expression, MessageModel model,
                                                Deliveries deliveries) throws Exception {
        DefaultMQPushConsumer consumer = cluster.pushConsumer(group);
        consumer.setMessageModel(model);
        consumer.subscribe(topic, expression);
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.record(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private void send(String topic, String tag, String kind, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, tag, kind, i)).getSendStatus());
        }
    }

    /** The queues of {@code topic} this consumer currently pulls (its rebalance result). */
    private static Set<MessageQueue> assigned(DefaultMQPushConsumer consumer, String topic) {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .filter(queue -> queue.getTopic().equals(topic)).collect(Collectors.toSet());
    }

    @Test
    void clusteringConsumersOfOneGroupShareTheQueuesAndTogetherGetEveryMessageOnce() throws Exception {
        String topic = "OC_Clustering";
        String group = "CG_OC_CLUSTERING";
        cluster.createTopic(topic, QUEUES);
        Deliveries first = new Deliveries();
        Deliveries second = new Deliveries();
        DefaultMQPushConsumer consumerA = startConsumer(group, topic, "*", MessageModel.CLUSTERING, first);
        DefaultMQPushConsumer consumerB = startConsumer(group, topic, "*", MessageModel.CLUSTERING, second);
        // Average allocation over two consumers: two queues each, disjoint, all four covered.
        await("rebalance to 2 + 2 queues").atMost(Duration.ofSeconds(30)).until(() -> {
            Set<MessageQueue> a = assigned(consumerA, topic);
            Set<MessageQueue> b = assigned(consumerB, topic);
            Set<MessageQueue> union = new HashSet<>(a);
            union.addAll(b);
            return a.size() == 2 && b.size() == 2 && union.size() == QUEUES;
        });
        Set<MessageQueue> queuesOfA = assigned(consumerA, topic);
        Set<MessageQueue> queuesOfB = assigned(consumerB, topic);

        int count = 40;
        send(topic, "TagC", "clustering", count);
        await("every message by one of the two").atMost(Duration.ofSeconds(30))
                .until(() -> first.distinct() + second.distinct() >= count);

        assertEquals(List.of(), first.duplicateBodies());
        assertEquals(List.of(), second.duplicateBodies());
        Set<String> both = new HashSet<>(first.byBody().keySet());
        both.retainAll(second.byBody().keySet());
        assertEquals(Set.of(), both, "no message went to both consumers");
        Set<String> all = new TreeSet<>(first.byBody().keySet());
        all.addAll(second.byBody().keySet());
        assertEquals(expectedBodies("clustering", count), all);
        assertFalse(first.byBody().isEmpty(), "consumer A got a share");
        assertFalse(second.byBody().isEmpty(), "consumer B got a share");
        for (MessageExt message : first.inOrder()) {
            assertTrue(queuesOfA.contains(queueOf(message)), "A got a message of B's queue " + message.getQueueId());
            TestMessages.assertIntact(message, topic, "TagC");
        }
        for (MessageExt message : second.inOrder()) {
            assertTrue(queuesOfB.contains(queueOf(message)), "B got a message of A's queue " + message.getQueueId());
            TestMessages.assertIntact(message, topic, "TagC");
        }
    }

    @Test
    void broadcastingConsumersEachGetEveryMessage() throws Exception {
        String topic = "OC_Broadcasting";
        String group = "CG_OC_BROADCASTING";
        cluster.createTopic(topic, QUEUES);
        Deliveries first = new Deliveries();
        Deliveries second = new Deliveries();
        DefaultMQPushConsumer consumerA = startConsumer(group, topic, "*", MessageModel.BROADCASTING, first);
        DefaultMQPushConsumer consumerB = startConsumer(group, topic, "*", MessageModel.BROADCASTING, second);
        await("both consumers pull all queues").atMost(Duration.ofSeconds(30))
                .until(() -> assigned(consumerA, topic).size() == QUEUES && assigned(consumerB, topic).size() == QUEUES);

        int count = 30;
        send(topic, "TagB", "broadcast", count);
        await("every message at both consumers").atMost(Duration.ofSeconds(30))
                .until(() -> first.distinct() == count && second.distinct() == count);

        for (Deliveries deliveries : List.of(first, second)) {
            assertEquals(expectedBodies("broadcast", count), new TreeSet<>(deliveries.byBody().keySet()));
            assertEquals(List.of(), deliveries.duplicateBodies());
            deliveries.inOrder().forEach(message -> TestMessages.assertIntact(message, topic, "TagB"));
        }
    }

    @Test
    void tagSubscriptionReceivesExactlyTheSubscribedTags() throws Exception {
        String topic = "OC_TagFilter";
        String group = "CG_OC_TAG_FILTER";
        cluster.createTopic(topic, QUEUES);
        int perTag = 15;
        // Interleaved so every queue holds all three tags.
        for (int i = 0; i < perTag; i++) {
            for (String tag : List.of("TagA", "TagB", "TagC")) {
                assertEquals(SendStatus.SEND_OK, producer.send(message(topic, tag, tag, i)).getSendStatus());
            }
        }
        // Each queue ends with a subscribed tag: the client commits past a filtered tail only after its parked pull
        // times out (15 s), with any broker.
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            MessageQueue queue = new MessageQueue(topic, TideCluster.BROKER_NAME, queueId);
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagB", "TagB", perTag + queueId), queue)
                    .getSendStatus());
        }
        Deliveries deliveries = new Deliveries();
        startConsumer(group, topic, "TagA || TagB", MessageModel.CLUSTERING, deliveries);
        await("TagA and TagB messages").atMost(Duration.ofSeconds(30))
                .until(() -> deliveries.distinct() >= 2 * perTag + QUEUES);
        // Committed offsets reach the end of every queue: the TagC messages were passed over, not pending.
        cluster.awaitFullyCommitted(group, topic, QUEUES);

        Set<String> expected = new TreeSet<>(expectedBodies("TagA", perTag));
        expected.addAll(expectedBodies("TagB", perTag + QUEUES));
        assertEquals(expected, new TreeSet<>(deliveries.byBody().keySet()));
        assertEquals(List.of(), deliveries.duplicateBodies());
        for (MessageExt message : deliveries.inOrder()) {
            TestMessages.assertIntact(message, topic, message.getUserProperty("kind"));
        }
    }

    @Test
    void newGroupWithTheDefaultLastOffsetReadsAYoungTopicFromItsStart() throws Exception {
        String topic = "OC_DefaultFromWhere";
        String group = "CG_OC_DEFAULT_FROM_WHERE";
        cluster.createTopic(topic, QUEUES);
        send(topic, "TagD", "young", 12);
        Deliveries deliveries = new Deliveries();
        DefaultMQPushConsumer consumer = cluster.pushConsumer(group);
        // RocketMQ answers a new group's offset query with 0 while a queue's first message is still in memory, so
        // CONSUME_FROM_LAST_OFFSET (the default) still reads messages sent before the group first started.
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.record(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        await("the 12 sent before the group existed").atMost(Duration.ofSeconds(30))
                .until(() -> deliveries.distinct() >= 12);
        assertEquals(expectedBodies("young", 12), new TreeSet<>(deliveries.byBody().keySet()));
        assertEquals(List.of(), deliveries.duplicateBodies());
    }

    private static MessageQueue queueOf(MessageExt message) {
        return new MessageQueue(message.getTopic(), message.getBrokerName(), message.getQueueId());
    }

    static Set<String> expectedBodies(String kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> TestMessages.body(kind, i))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
