package org.tidemq.it.officialclient;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tidemq.it.officialclient.TestMessages.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.TideCluster;

/**
 * Redelivery with the official 5.2.0 push consumer against TideMQ started through bin/: a concurrent listener that
 * answers RECONSUME_LATER the first time it sees every third message gets exactly those messages once more, intact
 * (original topic, tag, key, body, properties, message id) and with reconsumeTimes 1, while the others are delivered
 * once with reconsumeTimes 0. Retries wait their delay level (3 here), configured to 1 s to keep the test short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconsumeIT {
    private static final String TOPIC = "OC_Reconsume";
    private static final String GROUP = "CG_OC_RECONSUME";

    private TideCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        cluster = TideCluster.start(dir, Map.of("messageDelayLevel", "1s 1s 1s 1s"));
        cluster.createTopic(TOPIC, 4);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void messagesRefusedOnceComeBackOnceWithReconsumeTimesOne() throws Exception {
        DefaultMQProducer producer = cluster.producer("PG_OC_RECONSUME");
        int count = 30;
        Map<String, String> sentIds = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            var result = producer.send(message(TOPIC, "TagRe", "re", i));
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
            sentIds.put(TestMessages.body("re", i), result.getMsgId());
        }
        Deliveries deliveries = new Deliveries();
        DefaultMQPushConsumer consumer = cluster.pushConsumer(GROUP);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            deliveries.record(messages);
            MessageExt message = messages.get(0);
            boolean refuse = Integer.parseInt(message.getUserProperty("idx")) % 3 == 0
                    && message.getReconsumeTimes() == 0;
            return refuse ? ConsumeConcurrentlyStatus.RECONSUME_LATER : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();

        int refused = count / 3;
        await("first deliveries and redeliveries").atMost(Duration.ofSeconds(45))
                .until(() -> deliveries.inOrder().size() >= count + refused);

        List<MessageExt> all = deliveries.inOrder();
        assertEquals(count + refused, all.size(), "nothing delivered a third time");
        Map<String, List<Integer>> reconsumeTimesByBody = all.stream().collect(Collectors.groupingBy(
                TestMessages::body, TreeMap::new, Collectors.mapping(MessageExt::getReconsumeTimes, Collectors.toList())));
        assertEquals(new TreeSet<>(sentIds.keySet()), reconsumeTimesByBody.keySet());
        for (int i = 0; i < count; i++) {
            List<Integer> expected = i % 3 == 0 ? List.of(0, 1) : List.of(0);
            assertEquals(expected, reconsumeTimesByBody.get(TestMessages.body("re", i)), "deliveries of message " + i);
        }
        for (MessageExt message : all) {
            TestMessages.assertIntact(message, TOPIC, "TagRe");
            assertEquals(sentIds.get(TestMessages.body(message)), message.getMsgId(), "message id kept on retry");
        }
        assertEquals(IntStream.range(0, count).filter(i -> i % 3 == 0).boxed().toList(),
                all.stream().filter(m -> m.getReconsumeTimes() == 1)
                        .map(m -> Integer.parseInt(m.getUserProperty("idx"))).sorted().toList());
    }
}
