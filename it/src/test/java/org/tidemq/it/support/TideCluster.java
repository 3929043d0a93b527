package org.tidemq.it.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.ConsumeStats;
import org.apache.rocketmq.remoting.protocol.admin.OffsetWrapper;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One TideMQ name server and one broker started through bin/ (loopback only, temp dirs), plus the official RocketMQ
 * 5.2.0 clients a test class makes against them. Every client gets its own instance name, so two consumers in this JVM
 * are two distinct RocketMQ clients. {@link #close()} shuts every client down (newest first) and kills both servers.
 *
 * <p>Not thread-safe: made and used by one test class's lifecycle thread.
 */
public final class TideCluster implements AutoCloseable {
    /** The cluster name BrokerProcess writes into broker.properties. */
    public static final String CLUSTER_NAME = "TideCluster";
    public static final String BROKER_NAME = "broker-oc";
    private static final AtomicInteger INSTANCE_SEQUENCE = new AtomicInteger();
    /**
     * The 5.2.0 client raises its subscription version on every rebalance and announces it with a heartbeat that it
     * silently skips when another heartbeat of the same client holds the lock; until the next periodic heartbeat
     * (default 30 s) every broker, Apache's included, answers its pulls with SUBSCRIPTION_NOT_LATEST. Short
     * periodic heartbeats keep that window small on a busy machine.
     */
    private static final int CONSUMER_HEARTBEAT_MS = 2_000;

    private final Path dir;
    private final NamesrvProcess namesrv;
    private BrokerProcess broker;
    private final DefaultMQAdminExt admin;
    private final Deque<AutoCloseable> clients = new ArrayDeque<>();

    private TideCluster(Path dir, NamesrvProcess namesrv, BrokerProcess broker, DefaultMQAdminExt admin) {
        this.dir = dir;
        this.namesrv = namesrv;
        this.broker = broker;
        this.admin = admin;
    }

    /** Starts both servers under {@code dir} (extra broker.properties entries allowed) and an admin client. */
    public static TideCluster start(Path dir, Map<String, String> extraBrokerProperties) throws Exception {
        return start(dir, BROKER_NAME, extraBrokerProperties);
    }

    /** As {@link #start(Path, Map)} with a broker named {@code brokerName}. */
    public static TideCluster start(Path dir, String brokerName, Map<String, String> extraBrokerProperties)
            throws Exception {
        // Broadcasting consumers keep their offsets under the user's home unless told otherwise.
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        BrokerProcess broker;
        try {
            Map<String, String> brokerProperties = new HashMap<>();
            // Send-queue flow control answers SYSTEM_BUSY to sends that waited over 200 ms for a send thread; on a
            // small shared test machine that is scheduling noise, not overload, and sends to a chosen queue are
            // not retried by the client.
            brokerProperties.put("waitTimeMillsInSendQueue", "5000");
            brokerProperties.putAll(extraBrokerProperties);
            broker = BrokerProcess.start(dir.resolve("broker"), brokerName, namesrv.address(), brokerProperties);
        } catch (Exception e) {
            namesrv.close();
            throw e;
        }
        DefaultMQAdminExt admin = new DefaultMQAdminExt(10_000);
        admin.setNamesrvAddr(namesrv.address());
        admin.setInstanceName("oc-admin-" + INSTANCE_SEQUENCE.incrementAndGet() + "-" + System.nanoTime());
        TideCluster cluster = new TideCluster(dir, namesrv, broker, admin);
        try {
            admin.start();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        cluster.clients.push(admin::shutdown);
        return cluster;
    }

    public String namesrvAddr() {
        return namesrv.address();
    }

    public BrokerProcess broker() {
        return broker;
    }

    public Path dir() {
        return dir;
    }

    public DefaultMQAdminExt admin() {
        return admin;
    }

    /** Creates {@code topic} with {@code queues} read/write queues on the broker and waits for its route. */
    public void createTopic(String topic, int queues) throws Exception {
        TopicConfig config = new TopicConfig(topic, queues, queues, 6);
        admin.createAndUpdateTopicConfig(broker.address(), config);
        await("route of " + topic).atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            TopicRouteData route = admin.examineTopicRouteInfo(topic);
            assertEquals(queues, route.getQueueDatas().get(0).getWriteQueueNums());
        });
    }

    /** A started producer of {@code group}; shut down at {@link #close()} unless the test shuts it down first. */
    public DefaultMQProducer producer(String group) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName(instanceName(group));
        producer.setSendMsgTimeout(10_000);
        producer.start();
        clients.push(producer::shutdown);
        return producer;
    }

    /**
     * A push consumer of {@code group}, NOT started (the test subscribes and registers its listener), reading new
     * groups from the first offset and committing offsets to the broker every second.
     */
    public DefaultMQPushConsumer pushConsumer(String group) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName(instanceName(group));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPersistConsumerOffsetInterval(1_000);
        consumer.setPullTimeDelayMillsWhenException(500);
        consumer.setConsumeThreadMin(4);
        consumer.setConsumeThreadMax(4);
        consumer.setHeartbeatBrokerInterval(CONSUMER_HEARTBEAT_MS);
        clients.push(consumer::shutdown);
        return consumer;
    }

    /** A lite pull consumer of {@code group}, NOT started. */
    public DefaultLitePullConsumer litePullConsumer(String group) {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName(instanceName(group));
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollTimeoutMillis(200);
        consumer.setHeartbeatBrokerInterval(CONSUMER_HEARTBEAT_MS);
        clients.push(consumer::shutdown);
        return consumer;
    }

    /** The broker's committed offset of every queue of {@code topic} for {@code group}, as the admin API reports. */
    public Map<MessageQueue, OffsetWrapper> consumeProgress(String group, String topic) throws Exception {
        ConsumeStats stats = admin.examineConsumeStats(group, topic);
        Map<MessageQueue, OffsetWrapper> result = new HashMap<>();
        stats.getOffsetTable().forEach((queue, offsets) -> {
            if (queue.getTopic().equals(topic)) {
                result.put(queue, offsets);
            }
        });
        return result;
    }

    /** Waits until {@code group} has committed every message of {@code topic} (consumer offset = max offset). */
    public void awaitFullyCommitted(String group, String topic, int queues) {
        Map<MessageQueue, OffsetWrapper> last = new HashMap<>();
        try {
            await(group + " commits all of " + topic).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        Map<MessageQueue, OffsetWrapper> progress = consumeProgress(group, topic);
                        last.clear();
                        last.putAll(progress);
                        return progress.size() == queues && progress.values().stream()
                                .allMatch(o -> o.getConsumerOffset() == o.getBrokerOffset());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(group + " did not commit all of " + topic + "; broker reports "
                    + new TreeMap<>(last), e);
        }
    }

    /** Stops the broker with SIGTERM (clean shutdown) and returns its exit code; the cluster keeps its name server. */
    public int stopBroker() {
        return broker.stop(Duration.ofSeconds(30));
    }

    /** Starts the stopped broker again on the same ports and store dir. */
    public void startBrokerAgain() throws Exception {
        broker = broker.startAgain();
    }

    /**
     * For failure messages: per consumer, the queues it pulls with their cached message count, dropped flag and
     * in-memory offset, and the broker's committed offsets.
     */
    public String describe(String group, String topic, List<DefaultMQPushConsumer> consumers) {
        StringBuilder text = new StringBuilder();
        for (DefaultMQPushConsumer consumer : consumers) {
            var impl = consumer.getDefaultMQPushConsumerImpl();
            text.append("\n consumer ").append(impl.getmQClientFactory() == null ? "?" : impl.getmQClientFactory()
                    .getClientId()).append(':');
            impl.getRebalanceImpl().getProcessQueueTable().forEach((queue, processQueue) -> text.append("\n   ")
                    .append(queue.getTopic()).append('/').append(queue.getQueueId()).append(" cached=")
                    .append(processQueue.getMsgCount().get()).append(" dropped=").append(processQueue.isDropped())
                    .append(" locked=").append(processQueue.isLocked()).append(" memoryOffset=")
                    .append(impl.getOffsetStore().readOffset(queue, ReadOffsetType.READ_FROM_MEMORY)));
        }
        try {
            text.append("\n broker: ").append(new TreeMap<>(consumeProgress(group, topic)));
        } catch (Exception e) {
            text.append("\n broker: ").append(e);
        }
        return text.toString();
    }

    /** Shuts {@code client} down at {@link #close()} (newest first). */
    public void closeLater(AutoCloseable client) {
        clients.push(client);
    }

    /** A unique instance name, so every client in this JVM is a distinct RocketMQ client. */
    public static String instanceName(String group) {
        return group + "-" + INSTANCE_SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid();
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
