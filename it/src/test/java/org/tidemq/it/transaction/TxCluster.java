package org.tidemq.it.transaction;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.TideCluster;

/**
 * A {@link TideCluster} whose broker is configured for fast transaction checks ({@value #CHECK_INTERVAL_MS} ms
 * interval, {@value #TIMEOUT_MS} ms timeout, {@value #CHECK_MAX} checks), with one-queue topics and official push
 * consumers counting what they receive. {@link #close()} shuts every client down and kills both servers. Not
 * thread-safe: one test class's lifecycle thread uses it.
 */
final class TxCluster implements AutoCloseable {
    static final String BROKER_NAME = "broker-tx";
    static final int CHECK_INTERVAL_MS = 1_000;
    static final int TIMEOUT_MS = 1_000;
    static final int CHECK_MAX = 5;

    private final TideCluster cluster;

    private TxCluster(TideCluster cluster) {
        this.cluster = cluster;
    }

    static TxCluster start(Path dir) throws Exception {
        return new TxCluster(TideCluster.start(dir, BROKER_NAME, Map.of(
                "transactionCheckInterval", Integer.toString(CHECK_INTERVAL_MS),
                "transactionTimeOut", Integer.toString(TIMEOUT_MS),
                "transactionCheckMax", Integer.toString(CHECK_MAX))));
    }

    String namesrvAddr() {
        return cluster.namesrvAddr();
    }

    BrokerProcess broker() {
        return cluster.broker();
    }

    DefaultMQAdminExt admin() {
        return cluster.admin();
    }

    static String instanceName(String group) {
        return TideCluster.instanceName(group);
    }

    void closeLater(AutoCloseable client) {
        cluster.closeLater(client);
    }

    /** Creates {@code topic} with one queue and waits for its route. */
    void createTopic(String topic) throws Exception {
        cluster.createTopic(topic, 1);
    }

    /** Messages stored in the (one-queue) topic: its max offset as the broker reports it. */
    long storedCount(String topic) throws Exception {
        return cluster.admin().maxOffset(new MessageQueue(topic, BROKER_NAME, 0));
    }

    /** A started push consumer of {@code topic} counting deliveries per body. */
    Map<String, AtomicInteger> consume(String topic, String group) throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = cluster.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt m : messages) {
                received.computeIfAbsent(new String(m.getBody(), StandardCharsets.UTF_8), body -> new AtomicInteger())
                        .incrementAndGet();
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return received;
    }

    /** Stops the broker with SIGTERM (a clean shutdown persists the check progress) and starts it again. */
    void restartBroker() throws Exception {
        cluster.stopBroker();
        cluster.startBrokerAgain();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
