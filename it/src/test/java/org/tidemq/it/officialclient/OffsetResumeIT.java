package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * Committed consumer offsets survive with the official 5.2.0 push consumer against TideMQ started through bin/.
 * After a consumer restart the new instance of the group (told to start from the FIRST offset if it had none)
 * resumes at the committed offsets: nothing is lost and re-deliveries stay within the tail the first instance
 * consumed but had not committed. After a clean broker restart (SIGTERM, same store dir and ports) the offsets come
 * back from consumerOffset.json and a new consumer receives only the messages sent after the first one's, while a
 * consumer of another group that stayed up across the restart reconnects and receives them too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffsetResumeIT {
    private static final int QUEUES = 4;

    private TideCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private DefaultMQPushConsumer startConsumer(String group, String topic, Deliveries deliveries) throws Exception {
        DefaultMQPushConsumer consumer = cluster.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.record(messages);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private static void send(DefaultMQProducer producer, String topic, String kind, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagR", kind, i)).getSendStatus());
        }
    }

    @Test
    void restartedConsumerResumesFromCommittedOffsets() throws Exception {
        String topic = "OC_ConsumerRestart";
        String group = "CG_OC_CONSUMER_RESTART";
        cluster.createTopic(topic, QUEUES);
        DefaultMQProducer producer = cluster.producer("PG_OC_CONSUMER_RESTART");
        send(producer, topic, "resume", 0, 40);

        Deliveries firstRun = new Deliveries();
        DefaultMQPushConsumer first = startConsumer(group, topic, firstRun);
        await("first 40").atMost(Duration.ofSeconds(30)).until(() -> firstRun.distinct() >= 40);
        first.shutdown();
        // A clean shutdown commits what was consumed. What the broker then holds are the second instance's resume
        // points; anything consumed at or beyond them is the uncommitted tail that may come again.
        cluster.awaitFullyCommitted(group, topic, QUEUES);
        Map<MessageQueue, OffsetWrapper> committed = cluster.consumeProgress(group, topic);
        assertEquals(QUEUES, committed.size(), committed.toString());

        send(producer, topic, "resume", 40, 80);
        Deliveries secondRun = new Deliveries();
        startConsumer(group, topic, secondRun);
        Set<String> sentLater = IntStream.range(40, 80).mapToObj(i -> TestMessages.body("resume", i))
                .collect(Collectors.toSet());
        await("messages 40..79 after the restart").atMost(Duration.ofSeconds(30))
                .until(() -> secondRun.byBody().keySet().containsAll(sentLater));

        Set<String> all = new TreeSet<>(firstRun.byBody().keySet());
        all.addAll(secondRun.byBody().keySet());
        assertEquals(PushConsumerIT.expectedBodies("resume", 80), all, "nothing lost across the restart");
        // Re-delivered = consumed by the first instance at or beyond its committed offset (the uncommitted tail).
        Set<String> uncommittedTail = new HashSet<>();
        for (MessageExt message : firstRun.inOrder()) {
            OffsetWrapper offsets = committed.get(new MessageQueue(topic, message.getBrokerName(), message.getQueueId()));
            if (message.getQueueOffset() >= offsets.getConsumerOffset()) {
                uncommittedTail.add(TestMessages.body(message));
            }
        }
        Set<String> redelivered = new TreeSet<>(secondRun.byBody().keySet());
        redelivered.retainAll(firstRun.byBody().keySet());
        assertTrue(uncommittedTail.containsAll(redelivered),
                "re-delivered " + redelivered + " but the uncommitted tail was only " + uncommittedTail);
        assertEquals(List.of(), secondRun.duplicateBodies());
        secondRun.inOrder().forEach(message -> TestMessages.assertIntact(message, topic, "TagR"));
    }

    @Test
    void offsetsSurviveACleanBrokerRestart() throws Exception {
        String topic = "OC_BrokerRestart";
        String group = "CG_OC_BROKER_RESTART";
        cluster.createTopic(topic, QUEUES);
        DefaultMQProducer producer = cluster.producer("PG_OC_BROKER_RESTART");
        send(producer, topic, "before", 0, 40);
        Deliveries firstRun = new Deliveries();
        DefaultMQPushConsumer first = startConsumer(group, topic, firstRun);
        // Another group's consumer stays up while the broker restarts.
        Deliveries live = new Deliveries();
        startConsumer(group + "_LIVE", topic, live);
        await("40 before the restart").atMost(Duration.ofSeconds(30))
                .until(() -> firstRun.distinct() >= 40 && live.distinct() >= 40);
        // Shutting down commits the consumed offsets (UPDATE_CONSUMER_OFFSET).
        first.shutdown();
        cluster.awaitFullyCommitted(group, topic, QUEUES);
        Map<MessageQueue, Long> committedBefore = new HashMap<>();
        cluster.consumeProgress(group, topic).forEach((queue, o) -> committedBefore.put(queue, o.getConsumerOffset()));
        assertEquals(40L, committedBefore.values().stream().mapToLong(Long::longValue).sum());

        int exitCode = cluster.stopBroker();
        assertTrue(exitCode >= 0, "broker exited by itself after SIGTERM, exit code " + exitCode);
        Path offsetsFile = cluster.broker().workDir().resolve("store/config/consumerOffset.json");
        String persisted = Files.readString(offsetsFile, StandardCharsets.UTF_8);
        assertTrue(persisted.contains(topic + "@" + group), persisted);

        cluster.startBrokerAgain();
        await("offsets served again after the restart").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> {
                    Map<MessageQueue, Long> committedAfter = new HashMap<>();
                    cluster.consumeProgress(group, topic)
                            .forEach((queue, o) -> committedAfter.put(queue, o.getConsumerOffset()));
                    assertEquals(committedBefore, committedAfter);
                });
        // The producer's old connection died with the broker; its next send connects again.
        send(producer, topic, "after", 0, 30);

        Deliveries secondRun = new Deliveries();
        startConsumer(group, topic, secondRun);
        await("30 sent after the restart").atMost(Duration.ofSeconds(30)).until(() -> secondRun.distinct() >= 30);
        assertEquals(PushConsumerIT.expectedBodies("after", 30), new TreeSet<>(secondRun.byBody().keySet()),
                "only messages after the restart: the group resumed from the persisted offsets, not from FIRST");
        assertEquals(List.of(), secondRun.duplicateBodies());
        secondRun.inOrder().forEach(message -> TestMessages.assertIntact(message, topic, "TagR"));

        await("the live consumer reconnected and got the 30 as well").atMost(Duration.ofSeconds(30))
                .until(() -> live.byBody().keySet().containsAll(PushConsumerIT.expectedBodies("after", 30)));
        assertEquals(70, live.distinct(), "40 before and 30 after the restart");
        live.inOrder().forEach(message -> TestMessages.assertIntact(message, topic, "TagR"));
    }
}
