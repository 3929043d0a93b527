package org.tidemq.it.filter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.MessageSelector;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.PullConsumer;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.producer.Producer;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * SQL92 filtering against real processes: a name server, a broker with {@code enablePropertyFilter=true} and one
 * with it off. Both the official RocketMQ 5.2.0 client and TideMQ's client must receive exactly the messages whose
 * properties match, be refused a malformed expression when they start/subscribe, and get RocketMQ's documented error
 * from the broker without the property filter.
 */
class Sql92FilterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int QUEUES = 2;
    private static final int MESSAGES = 60;
    private static final String[] COLORS = {"red", "blue", "green"};
    /** Exercises BETWEEN, IN, IS NULL, OR, AND, <>, numeric typing and string equality at once. */
    private static final String EXPRESSION =
            "a BETWEEN 10 AND 39 AND color IN ('red', 'blue') AND (region IS NULL OR region <> 'eu')"
                    + " OR vip = TRUE";

    @TempDir
    static Path dir;
    private static NamesrvProcess namesrv;
    private static BrokerProcess filtering;
    private static BrokerProcess plain;
    private static DefaultMQAdminExt admin;
    private static DefaultMQProducer officialProducer;
    private static Producer tideProducer;
    private static final Deque<AutoCloseable> clients = new ArrayDeque<>();

    @BeforeAll
    static void startServers() throws Exception {
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        filtering = BrokerProcess.start(dir.resolve("filtering"), "broker-sql", namesrv.address(),
                Map.of("enablePropertyFilter", "true"));
        plain = BrokerProcess.start(dir.resolve("plain"), "broker-plain", namesrv.address(),
                Map.of("enablePropertyFilter", "false"));
        admin = OfficialAdmin.start(namesrv.address(), "sql-admin-" + System.nanoTime());
        officialProducer = new DefaultMQProducer("sql_official_producer");
        officialProducer.setNamesrvAddr(namesrv.address());
        officialProducer.setInstanceName("sql-producer-" + System.nanoTime());
        officialProducer.setSendMsgTimeout(10_000);
        officialProducer.start();
        tideProducer = Producer.builder().namesrvAddr(namesrv.address()).group("sql_tide_producer").build();
        tideProducer.start();
    }

    @AfterAll
    static void stopServers() {
        while (!clients.isEmpty()) {
            closeQuietly(clients.pop());
        }
        closeQuietly(tideProducer);
        if (officialProducer != null) {
            officialProducer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        closeQuietly(plain);
        closeQuietly(filtering);
        closeQuietly(namesrv);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort: the remaining servers must still be stopped
        }
    }

    /** The properties of message {@code i}: a varied mix, some without region or vip. */
    private static Map<String, String> propertiesOf(int i) {
        Map<String, String> properties = new java.util.HashMap<>();
        properties.put("a", Integer.toString(i));
        properties.put("color", COLORS[i % COLORS.length]);
        if (i % 4 == 1) {
            properties.put("region", "eu");
        } else if (i % 4 == 2) {
            properties.put("region", "us");
        }
        if (i % 13 == 0) {
            properties.put("vip", "true");
        } else if (i % 13 == 5) {
            properties.put("vip", "false");
        }
        return properties;
    }

    /** The expression above, written in Java over the same properties. */
    private static final Predicate<Map<String, String>> EXPECTED = p -> {
        int a = Integer.parseInt(p.get("a"));
        String region = p.get("region");
        boolean main = a >= 10 && a <= 39 && (p.get("color").equals("red") || p.get("color").equals("blue"))
                && (region == null || !region.equals("eu"));
        return main || "true".equals(p.get("vip"));
    };

    private static Set<String> expectedBodies() {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (EXPECTED.test(propertiesOf(i))) {
                expected.add("m" + i);
            }
        }
        return expected;
    }

    private static void createTopic(BrokerProcess broker, String topic) throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, QUEUES, QUEUES, 6));
        await("route of " + topic).atMost(WAIT).ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty());
    }

    private static void sendOfficial(String topic) throws Exception {
        for (int i = 0; i < MESSAGES; i++) {
            Message message = new Message(topic, "TagS", ("m" + i).getBytes(StandardCharsets.UTF_8));
            propertiesOf(i).forEach(message::putUserProperty);
            assertEquals(SendStatus.SEND_OK, officialProducer.send(message).getSendStatus());
        }
    }

    private static void sendTide(String topic) {
        for (int i = 0; i < MESSAGES; i++) {
            var builder = org.tidemq.client.producer.Message.builder(topic).tags("TagS").body("m" + i);
            propertiesOf(i).forEach(builder::property);
            tideProducer.send(builder.build());
        }
    }

    private static DefaultMQPushConsumer officialConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName(group + "-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPersistConsumerOffsetInterval(1_000);
        consumer.setHeartbeatBrokerInterval(2_000);
        consumer.setPullTimeDelayMillsWhenException(500);
        clients.push(consumer::shutdown);
        return consumer;
    }

    private static PushConsumer tidePushConsumer(String group, String topic, String sql) {
        PushConsumer consumer = PushConsumer.builder().namesrvAddr(namesrv.address()).group(group)
                .subscribe(topic, org.tidemq.client.consumer.MessageSelector.bySql(sql))
                .consumeFrom(org.tidemq.client.consumer.ConsumeFromWhere.FIRST_OFFSET)
                .rebalanceInterval(Duration.ofSeconds(2)).persistOffsetInterval(Duration.ofSeconds(1))
                .longPollTimeout(Duration.ofSeconds(3)).pullErrorBackoff(Duration.ofMillis(300))
                .offsetStoreDir(dir.resolve("offsets-" + group))
                .concurrentListener(messages -> ConcurrentListener.Result.SUCCESS)
                .build();
        clients.push(consumer);
        return consumer;
    }

    private static void awaitCommittedToEnd(String group, String topic) {
        await(group + " commits every queue of " + topic + " to its end").atMost(WAIT).ignoreExceptions()
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    ConsumeStats stats = admin.examineConsumeStats(group, topic);
                    return stats.getOffsetTable().entrySet().stream()
                            .filter(e -> e.getKey().getTopic().equals(topic)).count() == QUEUES
                            && stats.getOffsetTable().entrySet().stream()
                            .filter(e -> e.getKey().getTopic().equals(topic))
                            .allMatch(e -> e.getValue().getConsumerOffset() == e.getValue().getBrokerOffset());
                });
    }

    @Test
    void officialPushConsumerReceivesExactlyTheMatchingMessages() throws Exception {
        String topic = "SqlOfficial";
        createTopic(filtering, topic);
        sendOfficial(topic);
        Set<String> expected = expectedBodies();
        assertTrue(expected.size() > 10 && expected.size() < MESSAGES / 2, "the filter must drop a real share");
        // The official client commits the offset past trailing filtered-out messages only after a 15 s long poll;
        // a matching last message per queue lets the group's offsets reach the end at once.
        for (int queue = 0; queue < QUEUES; queue++) {
            Message last = new Message(topic, "TagS", ("last" + queue).getBytes(StandardCharsets.UTF_8));
            last.putUserProperty("vip", "true");
            assertEquals(SendStatus.SEND_OK, officialProducer.send(last,
                    new org.apache.rocketmq.common.message.MessageQueue(topic, "broker-sql", queue)).getSendStatus());
            expected.add("last" + queue);
        }

        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = officialConsumer("sql_official_push");
        consumer.subscribe(topic, MessageSelector.bySql(EXPRESSION));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> {
                received.add(new String(m.getBody(), StandardCharsets.UTF_8));
            });
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();

        awaitCommittedToEnd("sql_official_push", topic);
        await("every matching message").atMost(WAIT).until(() -> new TreeSet<>(received).equals(expected));
        assertEquals(expected, new TreeSet<>(received), "exactly the matching messages");
        assertEquals(expected.size(), received.size(), "each once: " + received);
    }

    @Test
    void officialLitePullConsumerSendsTheExpressionWithEachPullAndReceivesTheMatchingMessages() throws Exception {
        String topic = "SqlOfficialLite";
        createTopic(filtering, topic);
        sendOfficial(topic);
        Set<String> expected = expectedBodies();
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("sql_official_lite");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("sql_official_lite-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollTimeoutMillis(200);
        clients.push(consumer::shutdown);
        consumer.subscribe(topic, MessageSelector.bySql(EXPRESSION));
        consumer.start();
        List<String> received = new ArrayList<>();
        await("every matching message").atMost(WAIT).until(() -> {
            consumer.poll().forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return new TreeSet<>(received).equals(expected);
        });
        assertEquals(expected.size(), received.size(), "each once: " + received);
    }

    @Test
    void officialClientIsRefusedAMalformedExpressionAtStart() throws Exception {
        String topic = "SqlOfficialBad";
        createTopic(filtering, topic);
        DefaultMQPushConsumer consumer = officialConsumer("sql_official_bad");
        consumer.subscribe(topic, MessageSelector.bySql("a >> 1"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        MQClientException refused = assertThrows(MQClientException.class, consumer::start);
        assertEquals(23, refused.getResponseCode(), refused.getMessage());
        assertTrue(refused.getErrorMessage().contains("Invalid SQL92 expression 'a >> 1'"), refused.getMessage());
    }

    @Test
    void officialClientGetsTheDocumentedErrorWhenThePropertyFilterIsOff() throws Exception {
        String topic = "SqlOfficialOff";
        createTopic(plain, topic);
        DefaultMQPushConsumer consumer = officialConsumer("sql_official_off");
        consumer.subscribe(topic, MessageSelector.bySql("a > 1"));
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) ->
                ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        MQClientException refused = assertThrows(MQClientException.class, consumer::start);
        assertEquals(1, refused.getResponseCode(), refused.getMessage());
        assertEquals("The broker does not support consumer to filter message by SQL92", refused.getErrorMessage());
    }

    @Test
    void tidePushConsumerReceivesExactlyTheMatchingMessages() throws Exception {
        String topic = "SqlTidePush";
        createTopic(filtering, topic);
        sendTide(topic);
        Set<String> expected = expectedBodies();
        List<String> received = new CopyOnWriteArrayList<>();
        PushConsumer consumer = PushConsumer.builder().namesrvAddr(namesrv.address()).group("sql_tide_push")
                .subscribe(topic, org.tidemq.client.consumer.MessageSelector.bySql(EXPRESSION))
                .consumeFrom(org.tidemq.client.consumer.ConsumeFromWhere.FIRST_OFFSET)
                .rebalanceInterval(Duration.ofSeconds(2)).persistOffsetInterval(Duration.ofSeconds(1))
                .longPollTimeout(Duration.ofSeconds(3)).pullErrorBackoff(Duration.ofMillis(300))
                .offsetStoreDir(dir.resolve("offsets-tide-push"))
                .concurrentListener(messages -> {
                    messages.forEach(m -> received.add(m.bodyAsString()));
                    return ConcurrentListener.Result.SUCCESS;
                })
                .build();
        clients.push(consumer);
        consumer.start();

        awaitCommittedToEnd("sql_tide_push", topic);
        await("every matching message").atMost(WAIT).until(() -> new TreeSet<>(received).equals(expected));
        assertEquals(expected.size(), received.size(), "each once: " + received);
    }

    @Test
    void tidePullConsumerSendsTheExpressionWithEachPullAndReceivesTheMatchingMessages() throws Exception {
        String topic = "SqlTidePull";
        createTopic(filtering, topic);
        sendTide(topic);
        Set<String> expected = expectedBodies();
        PullConsumer consumer = PullConsumer.builder().namesrvAddr(namesrv.address()).group("sql_tide_pull")
                .consumeFromWhere(org.tidemq.client.consumer.ConsumeFromWhere.FIRST_OFFSET)
                .longPollTimeout(Duration.ofSeconds(2)).rebalanceInterval(Duration.ofSeconds(2)).build();
        clients.push(consumer);
        consumer.start();
        consumer.subscribe(topic, org.tidemq.client.consumer.MessageSelector.bySql(EXPRESSION));
        List<String> received = new ArrayList<>();
        await("every matching message").atMost(WAIT).until(() -> {
            for (ReceivedMessage message : consumer.poll(Duration.ofMillis(200))) {
                received.add(message.bodyAsString());
            }
            return new TreeSet<>(received).equals(expected);
        });
        assertEquals(expected.size(), received.size(), "each once: " + received);
    }

    @Test
    void tideClientsAreRefusedAMalformedExpressionAndAnUnfilteredBroker() throws Exception {
        String topic = "SqlTideBad";
        createTopic(filtering, topic);
        ConsumerException malformed = assertThrows(ConsumerException.class,
                () -> tidePushConsumer("sql_tide_bad", topic, "color IN ()").start());
        assertEquals(23, malformed.responseCode(), malformed.getMessage());
        assertTrue(malformed.getMessage().contains(
                "expected a string literal after IN ( but found ')' at position 10"), malformed.getMessage());

        PullConsumer pull = PullConsumer.builder().namesrvAddr(namesrv.address()).group("sql_tide_bad_pull").build();
        clients.push(pull);
        pull.start();
        ConsumerException badPull = assertThrows(ConsumerException.class,
                () -> pull.subscribe(topic, org.tidemq.client.consumer.MessageSelector.bySql("a = NULL")));
        assertEquals(23, badPull.responseCode(), badPull.getMessage());

        String offTopic = "SqlTideOff";
        createTopic(plain, offTopic);
        ConsumerException off = assertThrows(ConsumerException.class,
                () -> tidePushConsumer("sql_tide_off", offTopic, "a > 1").start());
        assertEquals(1, off.responseCode(), off.getMessage());
        assertTrue(off.getMessage().endsWith("The broker does not support consumer to filter message by SQL92"),
                off.getMessage());
    }
}
