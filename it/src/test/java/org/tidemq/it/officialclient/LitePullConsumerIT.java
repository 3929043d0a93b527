package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * The official 5.2.0 {@link DefaultLitePullConsumer} against TideMQ started through bin/: in assign mode, seek to an
 * offset in the middle of a queue returns exactly that queue's messages from there on, in order; seekToBegin re-reads
 * a queue from offset 0 and seekToEnd reads only what arrives later; in subscribe mode (rebalance, auto-commit) it
 * reads a whole topic and commits the end offsets to the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LitePullConsumerIT {
    private static final int QUEUES = 4;

    private TideCluster cluster;
    private DefaultMQProducer producer;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of());
        producer = cluster.producer("PG_OC_LITE");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<MessageExt> pollUntil(DefaultLitePullConsumer consumer, int count) {
        List<MessageExt> received = new ArrayList<>();
        await("poll " + count + " messages").atMost(Duration.ofSeconds(20)).until(() -> {
            received.addAll(consumer.poll(200));
            return received.size() >= count;
        });
        return received;
    }

    @Test
    void assignAndSeekReadFromTheChosenOffsetInQueueOrder() throws Exception {
        String topic = "OC_LiteAssign";
        cluster.createTopic(topic, QUEUES);
        MessageQueue queue1 = new MessageQueue(topic, TideCluster.BROKER_NAME, 1);
        MessageQueue queue3 = new MessageQueue(topic, TideCluster.BROKER_NAME, 3);
        for (int i = 0; i < 20; i++) {
            SendResult result = producer.send(message(topic, "TagQ1", "q1", i), queue1);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            assertEquals(i, result.getQueueOffset());
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagQ3", "q3", i), queue3).getSendStatus());
        }

        DefaultLitePullConsumer consumer = cluster.litePullConsumer("CG_OC_LITE_ASSIGN");
        consumer.setAutoCommit(false);
        consumer.start();
        Collection<MessageQueue> queues = consumer.fetchMessageQueues(topic);
        assertEquals(QUEUES, queues.size(), queues.toString());
        // Each seek below is made once the queue's pull task has read everything and is parked in a long poll. The
        // official 5.2.0 client can lose a seek made while one of its pulls is returning messages (the old task's batch
        // is cached after the new task has consumed the seek offset), so seeking a caught-up queue is the only
        // race-free way to test it.
        consumer.assign(List.of(queue1));
        assertEquals(IntStream.range(0, 20).boxed().toList(), offsets(pollUntil(consumer, 20)),
                "a group without a committed offset starts a queue whose head is in memory at offset 0");
        consumer.seek(queue1, 12);
        List<MessageExt> fromTwelve = pollUntil(consumer, 8);
        assertEquals(IntStream.range(12, 20).boxed().toList(), offsets(fromTwelve), "queue 1 from offset 12, in order");
        for (MessageExt message : fromTwelve) {
            assertEquals(1, message.getQueueId());
            TestMessages.assertIntact(message, topic, "TagQ1");
            assertEquals(Long.toString(message.getQueueOffset()), message.getUserProperty("idx"));
        }

        consumer.seekToBegin(queue1);
        List<MessageExt> fromStart = pollUntil(consumer, 20);
        assertEquals(IntStream.range(0, 20).boxed().toList(), offsets(fromStart), "seekToBegin re-reads queue 1");

        consumer.assign(List.of(queue3));
        assertEquals(IntStream.range(0, 20).boxed().toList(), offsets(pollUntil(consumer, 20)), "queue 3 from 0");
        consumer.seekToEnd(queue3);
        for (int i = 20; i < 25; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagQ3", "q3", i), queue3).getSendStatus());
        }
        List<MessageExt> afterEnd = pollUntil(consumer, 5);
        assertEquals(IntStream.range(20, 25).boxed().toList(), offsets(afterEnd), "only what came after seekToEnd");
        afterEnd.forEach(message -> TestMessages.assertIntact(message, topic, "TagQ3"));
    }

    @Test
    void subscribeModeReadsTheWholeTopicAndCommitsToTheBroker() throws Exception {
        String topic = "OC_LiteSubscribe";
        String group = "CG_OC_LITE_SUBSCRIBE";
        cluster.createTopic(topic, QUEUES);
        int count = 40;
        for (int i = 0; i < count; i++) {
            assertEquals(SendStatus.SEND_OK, producer.send(message(topic, "TagS", "sub", i)).getSendStatus());
        }

        DefaultLitePullConsumer consumer = cluster.litePullConsumer(group);
        consumer.setAutoCommit(true);
        consumer.setAutoCommitIntervalMillis(1_000);
        consumer.subscribe(topic, "*");
        consumer.start();
        List<MessageExt> received = pollUntil(consumer, count);

        assertEquals(count, received.size());
        assertEquals(PushConsumerIT.expectedBodies("sub", count),
                new TreeSet<>(received.stream().map(TestMessages::body).toList()));
        received.forEach(message -> TestMessages.assertIntact(message, topic, "TagS"));
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            int id = queueId;
            List<Long> inQueue = received.stream().filter(m -> m.getQueueId() == id).map(MessageExt::getQueueOffset)
                    .toList();
            assertEquals(IntStream.range(0, inQueue.size()).mapToObj(i -> (long) i).toList(), inQueue,
                    "queue " + queueId + " in offset order without gaps");
        }
        // Auto-commit runs inside poll(): keep polling (nothing more arrives) until the broker has every offset.
        List<MessageExt> extra = new ArrayList<>();
        await("auto-committed offsets").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            extra.addAll(consumer.poll(100));
            var progress = cluster.consumeProgress(group, topic);
            return progress.size() == QUEUES
                    && progress.values().stream().allMatch(o -> o.getConsumerOffset() == o.getBrokerOffset());
        });
        assertEquals(List.of(), extra.stream().map(TestMessages::body).toList(), "nothing delivered twice");
    }

    private static List<Integer> offsets(List<MessageExt> messages) {
        return messages.stream().map(m -> (int) m.getQueueOffset()).toList();
    }
}
