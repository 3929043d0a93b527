package org.tidemq.it.client;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.Connection;
import org.tidemq.client.admin.ConsumeStats;
import org.tidemq.client.admin.ConsumerConnection;
import org.tidemq.client.admin.TopicSpec;
import org.tidemq.client.admin.TopicStats;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.PullConsumer;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.remoting.ResponseCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TideMQ's client end to end against one cluster (TideMQ's or Apache RocketMQ's): the admin client creates a topic
 * and reads stats and connections, the producer writes, the pull consumer reads by assignment and seek, and by
 * subscription with commits that a restarted consumer resumes from.
 */
final class PullAndAdminScenarios {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int QUEUES = 2;

    private final String namesrvAddr;
    private final String prefix;

    PullAndAdminScenarios(String namesrvAddr, String prefix) {
        this.namesrvAddr = namesrvAddr;
        this.prefix = prefix;
    }

    private AdminClient admin() {
        return AdminClient.builder().namesrvAddr(namesrvAddr).build();
    }

    private Producer producer() {
        Producer producer = Producer.builder().namesrvAddr(namesrvAddr).group(prefix + "_pg")
                .sendTimeout(Duration.ofSeconds(5)).build();
        producer.start();
        return producer;
    }

    private PullConsumer consumer(String group, String instance, boolean autoCommit) {
        PullConsumer consumer = PullConsumer.builder().namesrvAddr(namesrvAddr).group(group).instanceName(instance)
                .consumeFromWhere(ConsumeFromWhere.FIRST_OFFSET).autoCommit(autoCommit)
                .longPollTimeout(Duration.ofSeconds(2)).rebalanceInterval(Duration.ofSeconds(2)).build();
        consumer.start();
        return consumer;
    }

    /** Creates the topic on every master of the (single) cluster and waits for its route. */
    String createTopic(String name) {
        try (AdminClient admin = admin()) {
            // A broker prints its boot line before its first registration reaches the name server.
            ClusterInfo info = await("broker registration").atMost(WAIT).ignoreExceptions()
                    .until(admin::clusterInfo, found -> !found.clusterAddrTable().isEmpty());
            String cluster = info.clusterAddrTable().keySet().iterator().next();
            admin.createOrUpdateTopic(cluster, TopicSpec.of(name, QUEUES));
            TopicRouteData route = await("route of " + name).atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.topicRoute(name), found -> !found.queueDatas().isEmpty());
            assertEquals(QUEUES, route.queueDatas().get(0).readQueueNums());
            assertEquals(6, route.queueDatas().get(0).perm());
            assertTrue(admin.topicList().contains(name));
            return name;
        }
    }

    private static Message message(String topic, int index) {
        return Message.builder(topic).tags(index % 2 == 0 ? "TagA" : "TagB").keys("key-" + index, "k2-" + index)
                .body("body-" + index).property("idx", Integer.toString(index)).build();
    }

    private static Map<String, SendResult> send(Producer producer, String topic, int from, int count,
                                                Map<String, Message> sent) {
        Map<String, SendResult> results = new HashMap<>();
        for (int i = from; i < from + count; i++) {
            Message message = message(topic, i);
            SendResult result = producer.send(message);
            results.put(result.msgId(), result);
            sent.put(result.msgId(), message);
        }
        return results;
    }

    private static List<ReceivedMessage> pollUntil(PullConsumer consumer, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        await(count + " messages").atMost(WAIT).until(() -> {
            received.addAll(consumer.poll(Duration.ofMillis(200)));
            return received.size() >= count;
        });
        return received;
    }

    /**
     * Finds sent messages by key (index hits filtered to real key matches), by unique id and by offset id, with
     * content intact; a key nobody used finds nothing.
     */
    void queryByKeyUniqueIdAndOffsetId() {
        String topic = createTopic(prefix + "_query");
        Map<String, Message> sent = new HashMap<>();
        Map<String, SendResult> results;
        try (Producer producer = producer()) {
            results = send(producer, topic, 0, 6, sent);
        }
        try (AdminClient admin = admin()) {
            // Brokers index asynchronously after the append: wait for the index to catch up.
            List<ReceivedMessage> byKey = await("key index").atMost(WAIT).until(
                    () -> admin.queryByKey(topic, "key-3", 32, 0, Long.MAX_VALUE), found -> !found.isEmpty());
            assertEquals(1, byKey.size(), "exactly the one message with key-3");
            assertSameContent(message(topic, 3), byKey.get(0));
            assertTrue(byKey.get(0).keys().contains("k2-3"));

            for (SendResult result : results.values()) {
                ReceivedMessage byUniqueId = await("unique-key index").atMost(WAIT).until(
                        () -> admin.queryByUniqueKey(topic, result.msgId()), found -> found.isPresent()).get();
                assertSameContent(sent.get(result.msgId()), byUniqueId);
                assertEquals(result.msgId(), byUniqueId.messageId());
                assertEquals(result.queueOffset(), byUniqueId.queueOffset());

                ReceivedMessage byOffsetId = admin.viewMessage(result.offsetMsgId());
                assertSameContent(sent.get(result.msgId()), byOffsetId);
                assertEquals(result.queue().queueId(), byOffsetId.queueId());
                assertEquals(result.offsetMsgId(), byOffsetId.offsetMessageId());
            }
            assertTrue(admin.queryByKey(topic, "never-used-key", 32, 0, Long.MAX_VALUE).isEmpty());
            assertTrue(admin.queryByUniqueKey(topic, "7F0000010000000000000000DEADBEEF").isEmpty());
        }
    }

    private static void assertSameContent(Message sent, ReceivedMessage got) {
        assertArrayEquals(sent.body(), got.body());
        assertEquals(sent.tags(), got.tags());
        assertEquals(sent.keys(), got.keys());
        sent.userProperties().forEach((name, value) -> assertEquals(value, got.property(name), name));
    }

    /** Per queue: exactly the sent offsets, ascending. */
    private static void assertQueueOrder(Map<String, SendResult> results, List<ReceivedMessage> received) {
        Map<MessageQueue, List<Long>> sentOffsets = results.values().stream().collect(Collectors.groupingBy(
                SendResult::queue, Collectors.mapping(SendResult::queueOffset, Collectors.toList())));
        sentOffsets.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        Map<MessageQueue, List<Long>> receivedOffsets = received.stream().collect(Collectors.groupingBy(
                ReceivedMessage::messageQueue, Collectors.mapping(ReceivedMessage::queueOffset, Collectors.toList())));
        assertEquals(sentOffsets, receivedOffsets);
    }

    /** assign + seekToBeginning reads everything intact and in queue order; seek re-reads. */
    void assignAndSeek() {
        String topic = createTopic(prefix + "_Assign");
        Map<String, Message> sent = new HashMap<>();
        Map<String, SendResult> results;
        try (Producer producer = producer()) {
            results = send(producer, topic, 0, 20, sent);
        }
        try (PullConsumer consumer = consumer(prefix + "_cg_assign", "assign-1", false)) {
            List<MessageQueue> queues = consumer.fetchQueues(topic);
            assertEquals(QUEUES, queues.size());
            consumer.assign(queues);
            consumer.seekToBeginning(queues);

            List<ReceivedMessage> received = pollUntil(consumer, 20);

            assertEquals(20, received.size());
            for (ReceivedMessage got : received) {
                Message original = sent.get(got.messageId());
                assertNotNull(original, "unexpected message " + got);
                assertSameContent(original, got);
                assertEquals(results.get(got.messageId()).offsetMsgId(), got.offsetMessageId());
            }
            assertQueueOrder(results, received);

            MessageQueue first = queues.get(0);
            long end = consumer.position(first);
            consumer.seek(first, end - 2);
            List<ReceivedMessage> again = pollUntil(consumer, 2);
            assertEquals(List.of(end - 2, end - 1), again.stream().map(ReceivedMessage::queueOffset).toList());
            assertTrue(again.stream().allMatch(m -> m.messageQueue().equals(first)));
        }
    }

    /**
     * subscribe with a tag filter, commit, check stats and connections, then a restarted consumer of the group
     * resumes after the committed offsets.
     */
    void subscribeCommitAndResume() {
        String topic = createTopic(prefix + "_Subscribe");
        String group = prefix + "_cg_sub";
        Map<String, Message> sent = new HashMap<>();
        try (Producer producer = producer(); AdminClient admin = admin()) {
            send(producer, topic, 0, 20, sent);
            try (PullConsumer consumer = consumer(group, "sub-1", false)) {
                consumer.subscribe(topic, "TagA");
                await("the only consumer of the group gets every queue").atMost(WAIT)
                        .until(() -> consumer.assignment().size() == QUEUES);

                List<ReceivedMessage> received = pollUntil(consumer, 10);
                assertEquals(10, received.size());
                assertTrue(received.stream().allMatch(m -> m.tags().equals("TagA")));
                received.forEach(got -> assertSameContent(sent.get(got.messageId()), got));

                TopicStats stats = admin.topicStats(topic);
                assertEquals(20, stats.totalMaxOffset());
                assertEquals(QUEUES, stats.queues().size());
                await("positions at the queue ends").atMost(WAIT).until(() -> consumer.assignment().stream()
                        .allMatch(queue -> consumer.position(queue) == stats.queues().get(queue).maxOffset()));
                consumer.commit();
                for (MessageQueue queue : consumer.assignment()) {
                    assertEquals(stats.queues().get(queue).maxOffset(), consumer.committed(queue));
                }

                ConsumeStats progress = admin.consumeStats(group, topic);
                assertEquals(0, progress.diffTotal());
                assertEquals(Set.copyOf(consumer.assignment()), progress.queues().keySet());

                ConsumerConnection connection = await("consumer connection").atMost(WAIT).ignoreExceptions()
                        .until(() -> admin.consumerConnection(group), found -> !found.connections().isEmpty());
                assertEquals(consumer.clientId(), connection.connections().get(0).clientId());
                assertEquals("CONSUME_ACTIVELY", connection.consumeType());
                assertEquals("CLUSTERING", connection.messageModel());
                assertEquals("TagA", connection.subscriptions().get(topic).expression());
            }

            Map<String, SendResult> later = send(producer, topic, 20, 6, sent);
            try (PullConsumer restarted = consumer(group, "sub-2", true)) {
                restarted.subscribe(topic, "TagA");
                List<ReceivedMessage> received = pollUntil(restarted, 3);
                assertEquals(3, received.size(), "only the new TagA messages");
                for (ReceivedMessage got : received) {
                    assertTrue(later.containsKey(got.messageId()), "old message redelivered: " + got);
                    assertSameContent(sent.get(got.messageId()), got);
                }
                assertFalse(restarted.poll(Duration.ofMillis(300)).stream()
                        .anyMatch(m -> !later.containsKey(m.messageId())));
                TopicStats stats = admin.topicStats(topic);
                assertEquals(26, stats.totalMaxOffset());
                await("positions at the queue ends").atMost(WAIT).until(() -> restarted.assignment().size() == QUEUES
                        && restarted.assignment().stream().allMatch(queue ->
                        restarted.position(queue) == stats.queues().get(queue).maxOffset()));
            }
            await("auto-commit on close").atMost(WAIT).until(() -> admin.consumeStats(group, topic).diffTotal() == 0);
        }
    }

    /** Restarts the cluster's broker: a clean stop, then a start on the same ports and store. */
    @FunctionalInterface
    interface BrokerRestart {
        void restart() throws Exception;
    }

    /**
     * Committed offsets survive a clean broker restart: after it, a consumer of the group gets exactly the messages
     * sent since the commit, and none of the earlier ones.
     */
    void offsetsSurviveABrokerRestart(BrokerRestart brokerRestart) throws Exception {
        String topic = createTopic(prefix + "_Restart");
        String group = prefix + "_cg_restart";
        Map<String, Message> sent = new HashMap<>();
        try (Producer producer = producer()) {
            send(producer, topic, 0, 10, sent);
        }
        try (PullConsumer consumer = consumer(group, "restart-1", false)) {
            consumer.subscribe(topic, "*");
            assertEquals(10, pollUntil(consumer, 10).size());
            consumer.commit();
        }

        brokerRestart.restart();

        try (AdminClient admin = admin()) {
            await("the restarted broker serves the topic again").atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.topicStats(topic).totalMaxOffset() == 10);
        }
        Map<String, SendResult> later;
        try (Producer producer = producer()) {
            later = send(producer, topic, 10, 4, sent);
        }
        try (PullConsumer resumed = consumer(group, "restart-2", false)) {
            resumed.subscribe(topic, "*");
            List<ReceivedMessage> received = pollUntil(resumed, later.size());
            assertEquals(later.keySet(), received.stream().map(ReceivedMessage::messageId).collect(Collectors.toSet()),
                    "exactly the messages sent after the commit");
            received.forEach(got -> assertSameContent(sent.get(got.messageId()), got));
            assertTrue(resumed.poll(Duration.ofMillis(500)).isEmpty(), "nothing older is redelivered");
        }
    }

    /** Cluster info, broker config and runtime info, producer connections, and topic deletion. */
    void adminReadsBrokerStateAndDeletesTopics() {
        String topic = createTopic(prefix + "_Admin");
        try (AdminClient admin = admin(); Producer producer = producer()) {
            ClusterInfo cluster = admin.clusterInfo();
            assertEquals(1, cluster.brokerAddrTable().size());
            BrokerData broker = cluster.brokerAddrTable().values().iterator().next();
            String master = broker.masterAddr();
            assertNotNull(master);

            assertEquals(broker.brokerName(), admin.brokerConfig(master).get("brokerName"));
            assertFalse(admin.brokerRuntimeInfo(master).isEmpty());

            producer.send(message(topic, 0));
            List<Connection> producers = await("producer connection").atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.producerConnection(prefix + "_pg", topic), found -> !found.isEmpty());
            assertTrue(producers.get(0).clientId().contains("@"), producers.toString());
            AdminException unknownGroup = assertThrows(AdminException.class,
                    () -> admin.producerConnection(prefix + "_no_such_pg", topic));
            assertNotEquals(0, unknownGroup.responseCode());

            admin.deleteTopic(broker.cluster(), topic);
            AdminException gone = await("route of the deleted topic gone").atMost(WAIT).until(() -> {
                try {
                    admin.topicRoute(topic);
                    return null;
                } catch (AdminException e) {
                    return e;
                }
            }, error -> error != null);
            assertEquals(ResponseCode.TOPIC_NOT_EXIST, gone.responseCode());
            assertFalse(admin.topicList().contains(topic));
        }
    }

    /** Two consumers of one group split the queues between them and together read every message once. */
    void twoConsumersShareTheGroupsQueues() {
        String topic = createTopic(prefix + "_Shared");
        String group = prefix + "_cg_shared";
        Map<String, Message> sent = new HashMap<>();
        try (Producer producer = producer();
             PullConsumer first = consumer(group, "shared-1", true);
             PullConsumer second = consumer(group, "shared-2", true)) {
            first.subscribe(topic, "*");
            second.subscribe(topic, "*");
            await("queues split between the two consumers").atMost(WAIT).until(() ->
                    first.assignment().size() == 1 && second.assignment().size() == 1
                            && !first.assignment().equals(second.assignment()));

            send(producer, topic, 0, 20, sent);
            List<ReceivedMessage> received = new ArrayList<>();
            await("20 messages over both consumers").atMost(WAIT).until(() -> {
                received.addAll(first.poll(Duration.ofMillis(100)));
                received.addAll(second.poll(Duration.ofMillis(100)));
                return received.size() >= 20;
            });
            assertEquals(20, received.size());
            assertEquals(sent.keySet(), received.stream().map(ReceivedMessage::messageId).collect(Collectors.toSet()));
            MessageQueue firstQueue = first.assignment().iterator().next();
            assertTrue(received.stream().filter(m -> m.messageQueue().equals(firstQueue)).count() > 0);
        }
    }
}
