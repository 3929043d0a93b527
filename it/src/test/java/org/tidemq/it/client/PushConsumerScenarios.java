package org.tidemq.it.client;

import org.apache.rocketmq.remoting.protocol.body.ConsumerRunningInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.OrderlyListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.consumer.push.PushConsumerBuilder;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Push-consumer behaviour against a real name server and broker: produced with TideMQ's {@link Producer}, consumed
 * with {@link PushConsumer}. Subclasses start the servers (TideMQ's or Apache RocketMQ's).
 */
abstract class PushConsumerScenarios {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int QUEUES = 4;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path tempDir;

    abstract String namesrvAddr();

    abstract String brokerAddr();

    abstract Producer producer();

    @AfterEach
    void closeClients() throws Exception {
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        closeables.clear();
    }

    /** Creates {@code topic} with {@link #QUEUES} queues at the broker and waits for its route. */
    void createTopic(String topic) {
        try (NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults())) {
            client.start();
            RemotingCommand create = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                    .putField("topic", topic).putField("defaultTopic", "TBW102")
                    .putField("readQueueNums", QUEUES).putField("writeQueueNums", QUEUES).putField("perm", 6)
                    .putField("topicFilterType", "SINGLE_TAG").putField("topicSysFlag", 0).putField("order", false);
            assertEquals(ResponseCode.SUCCESS, client.invokeSync(brokerAddr(), create, 5000).code());
            await("route of " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                    client.invokeSync(namesrvAddr(), RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                            .putField("topic", topic), 3000).code() == ResponseCode.SUCCESS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError("creating topic " + topic + " failed", e);
        }
    }

    PushConsumerBuilder consumer(String group) {
        return PushConsumer.builder()
                .namesrvAddr(namesrvAddr())
                .group(group)
                .consumeFrom(ConsumeFromWhere.FIRST_OFFSET)
                .consumeThreads(4)
                .rebalanceInterval(Duration.ofSeconds(2))
                .persistOffsetInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(5))
                .pullErrorBackoff(Duration.ofMillis(300))
                .suspendLockedQueueFor(Duration.ofMillis(200))
                .lockRenewInterval(Duration.ofSeconds(5))
                .longPollTimeout(Duration.ofSeconds(3))
                .offsetStoreDir(tempDir.resolve("offsets"));
    }

    PushConsumer started(PushConsumerBuilder builder) {
        PushConsumer consumer = builder.build();
        closeables.add(consumer);
        consumer.start();
        return consumer;
    }

    /** Collects every delivery (duplicates included) and answers SUCCESS. */
    static final class Collector implements ConcurrentListener {
        final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

        @Override
        public Result consume(List<ReceivedMessage> messages) {
            received.addAll(messages);
            return Result.SUCCESS;
        }

        Set<String> bodies() {
            Set<String> bodies = new HashSet<>();
            received.forEach(m -> bodies.add(m.bodyAsString()));
            return bodies;
        }
    }

    private List<String> send(String topic, String prefix, int count, String tags) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = prefix + "-" + i;
            producer().send(Message.builder(topic).tags(tags).body(body).build());
            bodies.add(body);
        }
        return bodies;
    }

    private static Set<MessageQueue> queuesOf(PushConsumer consumer, String topic) {
        return consumer.assignment().getOrDefault(topic, Set.of());
    }

    /** Both consumers see a disjoint split of all queues of {@code topic}, each holding some. */
    private static void awaitSplit(PushConsumer a, PushConsumer b, String topic) {
        await("queues of " + topic + " split between two consumers").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    Set<MessageQueue> first = queuesOf(a, topic);
                    Set<MessageQueue> second = queuesOf(b, topic);
                    Set<MessageQueue> union = new HashSet<>(first);
                    union.addAll(second);
                    return !first.isEmpty() && !second.isEmpty() && union.size() == QUEUES
                            && first.size() + second.size() == QUEUES;
                });
    }

    @Test
    void clusteringConsumersSplitTheQueuesAndReceiveEveryMessageOnce() {
        String topic = "PushCluster" + System.nanoTime();
        createTopic(topic);
        Collector left = new Collector();
        Collector right = new Collector();
        PushConsumer a = started(consumer("push_cluster").subscribe(topic, "*").concurrentListener(left));
        PushConsumer b = started(consumer("push_cluster").subscribe(topic, "*").concurrentListener(right));
        awaitSplit(a, b, topic);

        List<String> sent = send(topic, "cluster", 40, "TagA");

        await("40 messages consumed").atMost(WAIT).until(() -> left.received.size() + right.received.size() >= 40);
        Set<String> all = new HashSet<>(left.bodies());
        all.addAll(right.bodies());
        assertEquals(new HashSet<>(sent), all, "every message received");
        assertEquals(40, left.received.size() + right.received.size(), "no message received twice");
        assertFalse(left.received.isEmpty(), "first consumer got a share");
        assertFalse(right.received.isEmpty(), "second consumer got a share");
        Set<MessageQueue> aQueues = queuesOf(a, topic);
        left.received.forEach(m -> assertTrue(aQueues.contains(m.messageQueue()), m + " not from " + aQueues));
        Set<MessageQueue> bQueues = queuesOf(b, topic);
        right.received.forEach(m -> assertTrue(bQueues.contains(m.messageQueue()), m + " not from " + bQueues));
    }

    @Test
    void broadcastingConsumersEachReceiveEveryMessage() {
        String topic = "PushBroadcast" + System.nanoTime();
        createTopic(topic);
        Collector left = new Collector();
        Collector right = new Collector();
        PushConsumer a = started(consumer("push_broadcast").subscribe(topic, "*")
                .messageModel(MessageModel.BROADCASTING).concurrentListener(left));
        PushConsumer b = started(consumer("push_broadcast").subscribe(topic, "*")
                .messageModel(MessageModel.BROADCASTING).concurrentListener(right));
        await().atMost(WAIT).until(() -> queuesOf(a, topic).size() == QUEUES && queuesOf(b, topic).size() == QUEUES);

        List<String> sent = send(topic, "broadcast", 20, "TagA");

        await("both consumers got 20").atMost(WAIT)
                .until(() -> left.received.size() >= 20 && right.received.size() >= 20);
        assertEquals(new HashSet<>(sent), left.bodies());
        assertEquals(new HashSet<>(sent), right.bodies());
        assertEquals(20, left.received.size());
        assertEquals(20, right.received.size());
    }

    @Test
    void tagFilterDeliversExactlyTheSubscribedTags() {
        String topic = "PushTags" + System.nanoTime();
        createTopic(topic);
        Collector collector = new Collector();
        PushConsumer consumer = started(consumer("push_tags").subscribe(topic, "TagA || TagC")
                .concurrentListener(collector));
        await().atMost(WAIT).until(() -> queuesOf(consumer, topic).size() == QUEUES);

        List<String> expected = new ArrayList<>(send(topic, "a", 10, "TagA"));
        send(topic, "b", 10, "TagB");
        expected.addAll(send(topic, "c", 10, "TagC"));
        String last = send(topic, "a-last", 1, "TagA").get(0);
        expected.add(last);

        await("tag A and C messages").atMost(WAIT).until(() -> collector.bodies().containsAll(expected));
        assertEquals(new HashSet<>(expected), collector.bodies(), "no TagB message");
        assertEquals(expected.size(), collector.received.size());
        collector.received.forEach(m -> assertTrue(Set.of("TagA", "TagC").contains(m.tags()), m.toString()));
    }

    @Test
    void orderlyConsumersKeepPerKeyOrder() {
        String topic = "PushOrderly" + System.nanoTime();
        createTopic(topic);
        Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();
        AtomicBoolean overlap = new AtomicBoolean();
        Set<MessageQueue> inProgress = ConcurrentHashMap.newKeySet();
        OrderlyListener listener = (messages, queue) -> {
            if (!inProgress.add(queue)) {
                overlap.set(true);
            }
            try {
                for (ReceivedMessage message : messages) {
                    String[] parts = message.bodyAsString().split(":");
                    sequences.computeIfAbsent(parts[0], key -> Collections.synchronizedList(new ArrayList<>()))
                            .add(Integer.parseInt(parts[1]));
                }
                return OrderlyListener.Result.SUCCESS;
            } finally {
                inProgress.remove(queue);
            }
        };
        PushConsumer a = started(consumer("push_orderly").subscribe(topic, "*").orderlyListener(listener));
        PushConsumer b = started(consumer("push_orderly").subscribe(topic, "*").orderlyListener(listener));
        awaitSplit(a, b, topic);

        List<String> keys = List.of("order-1", "order-2", "order-3", "order-4", "order-5");
        for (int seq = 0; seq < 10; seq++) {
            for (String key : keys) {
                SendResult result = producer().send(Message.builder(topic).tags("TagO").body(key + ":" + seq)
                        .build(), key);
                assertTrue(result.queue().queueId() < QUEUES);
            }
        }

        List<Integer> inOrder = IntStream.range(0, 10).boxed().toList();
        await("every key complete").atMost(WAIT).until(() -> keys.stream()
                .allMatch(key -> sequences.getOrDefault(key, List.of()).size() >= 10));
        for (String key : keys) {
            assertEquals(inOrder, new ArrayList<>(sequences.get(key)), "order of " + key);
        }
        assertFalse(overlap.get(), "a queue was consumed by two threads at once");
    }

    @Test
    void restartedConsumerResumesAfterTheCommittedOffset() {
        String topic = "PushResume" + System.nanoTime();
        createTopic(topic);
        Collector first = new Collector();
        PushConsumer consumer = started(consumer("push_resume").subscribe(topic, "*").concurrentListener(first));
        await().atMost(WAIT).until(() -> queuesOf(consumer, topic).size() == QUEUES);
        List<String> before = send(topic, "before", 12, "TagA");
        await("first run consumed all").atMost(WAIT).until(() -> first.received.size() >= 12);
        consumer.close();
        assertEquals(new HashSet<>(before), first.bodies());

        List<String> after = send(topic, "after", 12, "TagA");
        Collector second = new Collector();
        started(consumer("push_resume").subscribe(topic, "*").concurrentListener(second));
        await("second run consumed the new messages").atMost(WAIT)
                .until(() -> second.bodies().containsAll(after));
        assertEquals(new HashSet<>(after), second.bodies(), "nothing from before the clean close came back");
        assertEquals(12, second.received.size());
    }

    @Test
    void officialAdminReadsRunningInfoAndResetsOffsets() throws Exception {
        String topic = "PushAdmin" + System.nanoTime();
        createTopic(topic);
        Collector collector = new Collector();
        PushConsumer consumer = started(consumer("push_admin").subscribe(topic, "*").concurrentListener(collector));
        await().atMost(WAIT).until(() -> queuesOf(consumer, topic).size() == QUEUES);
        List<String> sent = send(topic, "admin", 8, "TagA");
        await("first delivery").atMost(WAIT).until(() -> collector.received.size() >= 8);

        System.setProperty("rocketmq.client.logRoot", tempDir.resolve("client-logs").toString());
        DefaultMQAdminExt admin = new DefaultMQAdminExt(5_000);
        admin.setNamesrvAddr(namesrvAddr());
        admin.setInstanceName("push-admin-" + System.nanoTime());
        admin.start();
        closeables.add(admin::shutdown);

        ConsumerRunningInfo info = admin.getConsumerRunningInfo("push_admin", consumer.clientId(), false);
        assertEquals("CONSUME_PASSIVELY", info.getProperties().getProperty(ConsumerRunningInfo.PROP_CONSUME_TYPE));
        assertTrue(info.getSubscriptionSet().stream().anyMatch(sub -> sub.getTopic().equals(topic)),
                info.getSubscriptionSet().toString());
        long topicQueuesInfo = info.getMqTable().keySet().stream().filter(mq -> mq.getTopic().equals(topic)).count();
        assertEquals(QUEUES, topicQueuesInfo);
        await("running info shows all 8 consumed").atMost(WAIT).until(() -> admin.getConsumerRunningInfo(
                "push_admin", consumer.clientId(), false).getMqTable().entrySet().stream()
                .filter(entry -> entry.getKey().getTopic().equals(topic))
                .mapToLong(entry -> entry.getValue().getCommitOffset()).sum() == 8);

        // Back to the start: the broker pushes RESET_CONSUMER_CLIENT_OFFSET and every message comes again.
        admin.resetOffsetByTimestamp(topic, "push_admin", 0, true);
        await("redelivery after the reset").atMost(WAIT).until(() -> collector.received.size() >= 16);
        assertEquals(16, collector.received.size());
        assertEquals(new HashSet<>(sent), collector.bodies());
    }

    @Test
    void rejectedMessageComesBackThroughTheRetryTopic() {
        String topic = "PushRetry" + System.nanoTime();
        createTopic(topic);
        List<ReceivedMessage> deliveries = new CopyOnWriteArrayList<>();
        Map<String, Integer> attempts = new HashMap<>();
        ConcurrentListener listener = messages -> {
            deliveries.addAll(messages);
            synchronized (attempts) {
                for (ReceivedMessage message : messages) {
                    if (attempts.merge(message.bodyAsString(), 1, Integer::sum) == 1
                            && message.bodyAsString().equals("retry-0")) {
                        return ConcurrentListener.Result.RECONSUME_LATER;
                    }
                }
            }
            return ConcurrentListener.Result.SUCCESS;
        };
        PushConsumer consumer = started(consumer("push_retry").subscribe(topic, "*").concurrentListener(listener));
        await().atMost(WAIT).until(() -> queuesOf(consumer, topic).size() == QUEUES);
        send(topic, "retry", 3, "TagR");

        // Delay level 3 (10 s) applies to the first retry.
        await("redelivery of retry-0").atMost(Duration.ofSeconds(40)).until(() -> {
            synchronized (attempts) {
                return attempts.getOrDefault("retry-0", 0) >= 2;
            }
        });
        ReceivedMessage redelivered = deliveries.stream().filter(m -> m.bodyAsString().equals("retry-0"))
                .reduce((x, y) -> y).orElseThrow();
        assertEquals(1, redelivered.reconsumeTimes());
        assertEquals(topic, redelivered.property("RETRY_TOPIC"));
        assertEquals(topic, redelivered.topic(), "shown under its original topic");
        synchronized (attempts) {
            assertEquals(1, attempts.get("retry-1"));
            assertEquals(1, attempts.get("retry-2"));
        }
    }
}
