package org.tidemq.it.transaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.NamesrvProcess;

/**
 * A TideMQ name server and broker (bin/, loopback, temp dirs) configured for fast transaction checks
 * ({@value #CHECK_INTERVAL_MS} ms interval, {@value #TIMEOUT_MS} ms timeout, {@value #CHECK_MAX} checks), an
 * official admin client, and official push consumers counting what they receive. {@link #close()} shuts every client
 * down and kills both servers. Not thread-safe: one test class's lifecycle thread uses it.
 */
final class TxCluster implements AutoCloseable {
    static final String BROKER_NAME = "broker-tx";
    static final int CHECK_INTERVAL_MS = 1_000;
    static final int TIMEOUT_MS = 1_000;
    static final int CHECK_MAX = 5;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final NamesrvProcess namesrv;
    private BrokerProcess broker;
    private final DefaultMQAdminExt admin;
    private final Deque<AutoCloseable> clients = new ArrayDeque<>();

    private TxCluster(NamesrvProcess namesrv, BrokerProcess broker, DefaultMQAdminExt admin) {
        this.namesrv = namesrv;
        this.broker = broker;
        this.admin = admin;
    }

    static TxCluster start(Path dir) throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        BrokerProcess broker;
        try {
            Map<String, String> properties = new HashMap<>();
            properties.put("waitTimeMillsInSendQueue", "5000");
            properties.put("transactionCheckInterval", Integer.toString(CHECK_INTERVAL_MS));
            properties.put("transactionTimeOut", Integer.toString(TIMEOUT_MS));
            properties.put("transactionCheckMax", Integer.toString(CHECK_MAX));
            broker = BrokerProcess.start(dir.resolve("broker"), BROKER_NAME, namesrv.address(), properties);
        } catch (Exception e) {
            namesrv.close();
            throw e;
        }
        DefaultMQAdminExt admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(namesrv.address());
        admin.setInstanceName("tx-admin-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime());
        TxCluster cluster = new TxCluster(namesrv, broker, admin);
        try {
            admin.start();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        cluster.clients.push(admin::shutdown);
        return cluster;
    }

    String namesrvAddr() {
        return namesrv.address();
    }

    BrokerProcess broker() {
        return broker;
    }

    DefaultMQAdminExt admin() {
        return admin;
    }

    /** A unique instance name, so every client in this JVM is a distinct RocketMQ client. */
    static String instanceName(String group) {
        return group + "-" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    /** Shuts {@code client} down at {@link #close()} (newest first). */
    void closeLater(AutoCloseable client) {
        clients.push(client);
    }

    /** Creates {@code topic} with one queue and waits for its route. */
    void createTopic(String topic) throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(topic, 1, 1, 6));
        await("route of " + topic).atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            TopicRouteData route = admin.examineTopicRouteInfo(topic);
            assertEquals(1, route.getQueueDatas().get(0).getWriteQueueNums());
        });
    }

    /** Messages stored in the (one-queue) topic: its max offset as the broker reports it. */
    long storedCount(String topic) throws Exception {
        return admin.maxOffset(new MessageQueue(topic, BROKER_NAME, 0));
    }

    /** A started push consumer of {@code topic} counting deliveries per body. */
    Map<String, AtomicInteger> consume(String topic, String group) throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName(instanceName(group));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setHeartbeatBrokerInterval(2_000);
        consumer.setPullTimeDelayMillsWhenException(500);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt m : messages) {
                received.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8), body -> new AtomicInteger())
                        .incrementAndGet();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        clients.push(consumer::shutdown);
        return received;
    }

    /** Stops the broker with SIGTERM (a clean shutdown persists the check progress) and starts it again. */
    void restartBroker() throws Exception {
        broker.stop(Duration.ofSeconds(30));
        broker = broker.startAgain();
    }

    @Override
    public void close() {
        while (!clients.isEmpty()) {
            try {
                clients.pop().close();
            } catch (Exception | AssertionError e) {
                // One client failing to shut down must not keep the servers alive.
            }
        }
        if (broker != null) {
            broker.close();
        }
        namesrv.close();
    }
}
