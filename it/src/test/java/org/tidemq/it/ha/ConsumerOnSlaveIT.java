package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * A consumer group keeps consuming from the slave while its master is down (kill -9), commits its offsets there,
 * and after the master returns neither re-receives nor skips anything: a fresh consumer of the same group starts
 * exactly after what was consumed. One queue, so "after" is well defined. Brokers run through bin/mqbroker.
 */
class ConsumerOnSlaveIT {
    private static final String BROKER_NAME = "broker-reads";
    private static final String TOPIC = "TopicReads";
    private static final String GROUP = "CG_READS";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();
    private NamesrvProcess namesrv;

    @Test
    void offsetsCommittedOnTheSlaveWhileTheMasterWasDownSurviveItsReturn() throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "ASYNC_MASTER")));
        BrokerProcess slave = closer.track(BrokerProcess.start(dir.resolve("slave"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "SLAVE", "brokerId", "1")));
        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "reads-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 1, 1, 6));
        await("route with master and slave").atMost(WAIT).ignoreExceptions()
                .until(() -> brokerIds(admin).size() == 2);

        DefaultMQProducer producer = producer();
        send(producer, "before-", 30);
        assertEquals(30, admin.maxOffset(new MessageQueue(TOPIC, BROKER_NAME, 0)));
        await("the slave caught up").atMost(WAIT).ignoreExceptions()
                .until(() -> commitLogMaxOffset(admin, slave).equals(commitLogMaxOffset(admin, master)));
        producer.shutdown();

        master.kill();
        await("route shows only the slave").atMost(WAIT).ignoreExceptions()
                .until(() -> brokerIds(admin).equals(List.of(1L)));

        List<String> received = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = consumer(received);
        await("everything consumed from the slave").atMost(WAIT).until(() -> received.size() >= 30);

        BrokerProcess returned = closer.track(master.startAgain());
        await("route shows the master again").atMost(WAIT).ignoreExceptions()
                .until(() -> brokerIds(admin).equals(List.of(0L, 1L)));
        producer = producer();
        send(producer, "after-", 10);
        await("new messages consumed via the master").atMost(WAIT).until(() -> received.size() >= 40);
        consumer.shutdown();

        List<String> expected = IntStream.range(0, 30).mapToObj(i -> "before-" + i).toList();
        assertEquals(expected, received.subList(0, 30), "the slave served everything, once, in order");
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "after-" + i).toList(), received.subList(30, 40));

        List<String> second = new CopyOnWriteArrayList<>();
        consumer(second);
        send(producer, "marker-", 1);
        await("the fresh consumer gets the marker").atMost(WAIT).until(() -> second.contains("marker-0"));
        assertEquals(List.of("marker-0"), second, "a fresh consumer of the group resumes after what was consumed, "
                + "so no offset committed while the master was down was lost");
        assertEquals(40, received.size(), "nothing consumed twice");
        assertTrue(returned.isAlive() && slave.isAlive(), "both brokers still up");
    }

    private static String commitLogMaxOffset(DefaultMQAdminExt admin, BrokerProcess broker) throws Exception {
        return admin.fetchBrokerRuntimeStats(broker.address()).getTable().get("commitLogMaxOffset");
    }

    private List<Long> brokerIds(DefaultMQAdminExt admin) throws Exception {
        BrokerData group = admin.examineTopicRouteInfo(TOPIC).getBrokerDatas().get(0);
        return group.getBrokerAddrs().keySet().stream().sorted().toList();
    }

    private DefaultMQProducer producer() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("PG_READS");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_READS-" + System.nanoTime());
        producer.setPollNameServerInterval(1_000);
        producer.start();
        closer.track(producer::shutdown);
        return producer;
    }

    private static void send(DefaultMQProducer producer, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String body = prefix + i;
            await("send " + body).atMost(WAIT).ignoreExceptions().until(() -> producer.send(
                    new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8))).getSendStatus() == SendStatus.SEND_OK);
        }
    }

    private DefaultMQPushConsumer consumer(List<String> received) throws Exception {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(GROUP);
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName(GROUP + "-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPollNameServerInterval(1_000);
        consumer.setPersistConsumerOffsetInterval(1_000);
        consumer.setPullTimeDelayMillsWhenException(300);
        consumer.setConsumeThreadMin(1);
        consumer.setConsumeThreadMax(1);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        closer.track(consumer::shutdown);
        return consumer;
    }
}
