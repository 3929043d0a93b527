package org.tidemq.it.tools;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.trace.TraceView;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.remoting.protocol.body.BrokerStatsData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.ApacheRocketMqCluster;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.tools.MqadminScript.Result;

/**
 * The official 5.2.0 producer and push consumer with message tracing on write Pub, SubBefore and SubAfter records
 * to RMQ_SYS_TRACE_TOPIC; the broker stores them and indexes them by the traced msgId (their KEYS), so the official
 * admin's {@code queryMessage} and {@code mqadmin queryMsgTraceById} find them. Run against TideMQ with
 * {@code traceTopicEnable=true} (the broker makes the topic at start) and without (the first trace send creates it
 * from TBW102), and against Apache RocketMQ 5.2.0 (default: without). Against TideMQ the official admin's
 * {@code viewBrokerStatsData} also reads the put and get counts of that traffic.
 */
class MessageTraceIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Queues of a topic a send creates from TBW102: the producer's defaultTopicQueueNums. */
    private static final int AUTO_CREATED_QUEUES = 4;

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class AgainstTideMq extends Scenario {
        private NamesrvProcess namesrv;
        private BrokerProcess broker;

        @BeforeAll
        void startCluster(@TempDir Path dir) throws Exception {
            namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
            broker = BrokerProcess.start(dir.resolve("broker"), "broker-trace-it", namesrv.address(),
                    Map.of("traceTopicEnable", "true"));
            run(dir, namesrv.address(), "TideCluster", broker.address(), "TideTrace", 1);
        }

        /**
         * Runs first, while the setup's send is still inside the minute window. As on Apache, an item created after
         * the broker's last hourly sample has no day (or 10-minute) samples yet, so the count is read the way
         * {@code mqadmin statsAll} reads it: day, else hour, else minute.
         */
        @Test
        @Order(1)
        void officialAdminReadsThePutAndGetStatsOfTheTracedTraffic() {
            BrokerStatsData puts = await("TOPIC_PUT_NUMS").atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.viewBrokerStatsData(brokerAddr, "TOPIC_PUT_NUMS", topic),
                            data -> last24Hours(data) == 1);
            assertEquals(1, puts.getStatsMinute().getSum());
            assertTrue(puts.getStatsMinute().getTps() > 0, () -> "minute tps " + puts.getStatsMinute().getTps());
            assertEquals(1.0, puts.getStatsMinute().getAvgpt(), 1e-9);
            BrokerStatsData gets = await("GROUP_GET_NUMS").atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.viewBrokerStatsData(brokerAddr, "GROUP_GET_NUMS", topic + "@" + consumerGroup),
                            data -> last24Hours(data) == 1);
            assertEquals(1, gets.getStatsMinute().getSum());
            BrokerStatsData traced = await("trace topic puts").atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.viewBrokerStatsData(brokerAddr, "TOPIC_PUT_SIZE", TRACE_TOPIC),
                            data -> last24Hours(data) > 0);
            assertTrue(traced.getStatsMinute().getAvgpt() > 0);
            MQClientException unknown = assertThrows(MQClientException.class,
                    () -> admin.viewBrokerStatsData(brokerAddr, "TOPIC_PUT_NUMS", topic + "_Never"));
            assertEquals(1, unknown.getResponseCode(), "SYSTEM_ERROR");
            assertTrue(unknown.getErrorMessage().contains("not exist"), unknown::getMessage);
        }

        private static long last24Hours(BrokerStatsData data) {
            if (data.getStatsDay().getSum() != 0) {
                return data.getStatsDay().getSum();
            }
            return data.getStatsHour().getSum() != 0 ? data.getStatsHour().getSum() : data.getStatsMinute().getSum();
        }

        @AfterAll
        void stopCluster() {
            closeClients();
            if (broker != null) {
                broker.close();
            }
            if (namesrv != null) {
                namesrv.close();
            }
        }
    }

    /** Like Apache's default (traceTopicEnable=false): the first trace send creates the topic from TBW102. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstTideMqWithoutTraceTopicEnable extends Scenario {
        private NamesrvProcess namesrv;
        private BrokerProcess broker;

        @BeforeAll
        void startCluster(@TempDir Path dir) throws Exception {
            namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
            broker = BrokerProcess.start(dir.resolve("broker"), "broker-trace-auto-it", namesrv.address(), Map.of());
            run(dir, namesrv.address(), "TideCluster", broker.address(), "TideAutoTrace", AUTO_CREATED_QUEUES);
        }

        @AfterAll
        void stopCluster() {
            closeClients();
            if (broker != null) {
                broker.close();
            }
            if (namesrv != null) {
                namesrv.close();
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstApacheRocketMq extends Scenario {
        private ApacheRocketMqCluster cluster;

        @BeforeAll
        void startCluster(@TempDir Path dir) throws Exception {
            cluster = ApacheRocketMqCluster.start(dir.resolve("apache"));
            run(dir, cluster.namesrvAddr(), "TideInteropCluster", cluster.brokerAddr(), "ApacheTrace",
                    AUTO_CREATED_QUEUES);
        }

        @AfterAll
        void stopCluster() {
            closeClients();
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** One traced send and consumption, then the checks, once per cluster kind. */
    abstract static class Scenario {
        MqadminScript mqadmin;
        DefaultMQAdminExt admin;
        String namesrvAddr;
        String brokerAddr;
        String topic;
        String producerGroup;
        String consumerGroup;
        String msgId;
        int traceTopicQueues;
        private final List<Runnable> shutdowns = new ArrayList<>();

        /** @param traceQueues write queues the trace topic should have: 1 when the broker made it at start */
        void run(Path dir, String namesrv, String cluster, String broker, String prefix, int traceQueues)
                throws Exception {
            traceTopicQueues = traceQueues;
            namesrvAddr = namesrv;
            brokerAddr = broker;
            mqadmin = new MqadminScript(dir.resolve("mqadmin"));
            topic = prefix + "_Topic";
            producerGroup = prefix + "_PG";
            consumerGroup = prefix + "_CG";
            admin = new DefaultMQAdminExt();
            admin.setNamesrvAddr(namesrv);
            admin.setInstanceName("trace-admin-" + INSTANCES.incrementAndGet());
            admin.start();
            shutdowns.add(admin::shutdown);
            await("broker registration").atMost(WAIT).ignoreExceptions()
                    .until(() -> admin.examineBrokerClusterInfo().getClusterAddrTable().containsKey(cluster));
            Result created = mqadmin.run("updateTopic", "-c", cluster, "-t", topic, "-r", "2", "-w", "2",
                    "-n", namesrv);
            assertEquals(0, created.exitCode(), created::toString);
            await("route of " + topic).atMost(WAIT).ignoreExceptions()
                    .until(() -> !admin.examineTopicRouteInfo(topic).getQueueDatas().isEmpty());

            DefaultMQProducer producer = new DefaultMQProducer(producerGroup, true, null);
            producer.setNamesrvAddr(namesrv);
            producer.setInstanceName("trace-producer-" + INSTANCES.incrementAndGet());
            producer.start();
            shutdowns.add(producer::shutdown);
            SendResult sent = producer.send(new Message(topic, "TagT", "order-1", "traced".getBytes(
                    StandardCharsets.UTF_8)));
            assertEquals(SendStatus.SEND_OK, sent.getSendStatus());
            msgId = sent.getMsgId();

            List<String> consumed = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(consumerGroup, true, null);
            consumer.setNamesrvAddr(namesrv);
            consumer.setInstanceName("trace-consumer-" + INSTANCES.incrementAndGet());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setHeartbeatBrokerInterval(2_000);
            consumer.subscribe(topic, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                messages.forEach(message -> consumed.add(message.getMsgId()));
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            shutdowns.add(consumer::shutdown);
            await("traced consumption").atMost(WAIT).until(() -> consumed.contains(msgId));
        }

        void closeClients() {
            for (int i = shutdowns.size() - 1; i >= 0; i--) {
                shutdowns.get(i).run();
            }
            shutdowns.clear();
        }

        @Test
        void traceTopicWasCreatedAsTheBrokerConfigurationSays() throws Exception {
            TopicRouteData route = admin.examineTopicRouteInfo(TRACE_TOPIC);
            assertEquals(List.of(traceTopicQueues), route.getQueueDatas().stream().map(QueueData::getWriteQueueNums)
                    .toList());
        }

        @Test
        void traceRecordsAreStoredAndFoundByTheTracedMessageId() {
            Set<String> wanted = Set.of("Pub", "SubBefore", "SubAfter");
            List<TraceView> views = await("trace records of " + msgId).atMost(WAIT).ignoreExceptions()
                    .until(() -> traceViews(), found -> found.stream().map(TraceView::getMsgType)
                            .collect(Collectors.toSet()).containsAll(wanted));
            TraceView pub = views.stream().filter(view -> view.getMsgType().equals("Pub")).findFirst().orElseThrow();
            assertEquals(topic, pub.getTopic());
            assertEquals(producerGroup, pub.getGroupName());
            assertEquals("order-1", pub.getKeys());
            assertEquals("success", pub.getStatus());
            TraceView after = views.stream().filter(view -> view.getMsgType().equals("SubAfter")).findFirst()
                    .orElseThrow();
            assertEquals(consumerGroup, after.getGroupName());
            assertEquals("success", after.getStatus());
        }

        @Test
        void queryMsgTraceByIdPrintsTheSendAndTheConsumption() {
            Result trace = await("queryMsgTraceById " + msgId).atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> mqadmin.run("queryMsgTraceById", "-i", msgId, "-n", namesrvAddr),
                            result -> result.exitCode() == 0 && result.lines().stream().anyMatch(
                                    line -> line.startsWith("Sub ")));
            List<String[]> rows = trace.lines().stream().filter(line -> !line.isBlank())
                    .map(line -> line.trim().split("\\s+")).toList();
            assertEquals(List.of("#Type", "#ProducerGroup", "#ClientHost", "#SendTime", "#CostTimes", "#Status"),
                    List.of(rows.get(0)), trace::toString);
            String[] pub = rows.get(1);
            // Type, group, host, date, time, cost, status: the send time prints as "yyyy-MM-dd HH:mm:ss".
            assertEquals(7, pub.length, trace::toString);
            assertEquals(List.of("Pub", producerGroup, "127.0.0.1"), List.of(pub[0], pub[1], pub[2]));
            assertTrue(pub[3].matches("\\d{4}-\\d{2}-\\d{2}") && pub[4].matches("\\d{2}:\\d{2}:\\d{2}"),
                    trace::toString);
            assertTrue(pub[5].matches("\\d+ms"), trace::toString);
            assertEquals("success", pub[6]);
            assertEquals(List.of("#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes", "#Status"),
                    List.of(rows.get(2)), trace::toString);
            String[] sub = rows.get(3);
            assertEquals(List.of("Sub", consumerGroup, "127.0.0.1", "success"),
                    List.of(sub[0], sub[1], sub[2], sub[6]), trace::toString);
            assertEquals(4, rows.size(), trace::toString);

            Result otherTopic = mqadmin.run("queryMsgTraceById", "-i", msgId, "-t", topic, "-n", namesrvAddr);
            assertEquals(0, otherTopic.exitCode(), otherTopic::toString);
            assertEquals("", otherTopic.stdout().trim(), "no trace records on the business topic");
        }

        private List<TraceView> traceViews() throws Exception {
            QueryResult result = admin.queryMessage(TRACE_TOPIC, msgId, 32, 0, Long.MAX_VALUE);
            List<TraceView> views = new ArrayList<>();
            Set<String> topics = new TreeSet<>();
            for (MessageExt message : result.getMessageList()) {
                topics.add(message.getTopic());
                views.addAll(TraceView.decodeFromTraceTransData(msgId, message));
            }
            assertEquals(Set.of(TRACE_TOPIC), topics);
            return views;
        }
    }
}
