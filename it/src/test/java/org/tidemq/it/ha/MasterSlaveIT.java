package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
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
 * A TideMQ SYNC_MASTER and its SLAVE started through bin/mqbroker (loopback, temp dirs): every message the official
 * 5.2.0 producer got SEND_OK for is read by the official push consumer from the slave after the master is stopped and
 * its store deleted. The slave learns its master's HA address from the name server (no haMasterAddress).
 */
class MasterSlaveIT {
    private static final String BROKER_NAME = "broker-ha";
    private static final String TOPIC = "TopicHa";
    private static final int QUEUES = 4;
    private static final int MESSAGES = 40;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private static String body(int i) {
        return "ha-message-" + i;
    }

    @Test
    void theOfficialConsumerReadsEveryAcknowledgedMessageFromTheSlaveOnceTheMasterIsGone() throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "SYNC_MASTER", "waitTimeMillsInSendQueue", "5000")));
        BrokerProcess slave = closer.track(BrokerProcess.start(dir.resolve("slave"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "SLAVE", "brokerId", "1")));

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "ha-admin-" + ProcessHandle.current().pid());
        closer.track(admin::shutdown);
        TopicConfig topic = new TopicConfig(TOPIC, QUEUES, QUEUES, 6);
        // On the master only: the slave gets the topic by metadata sync (or from the replicated CommitLog).
        admin.createAndUpdateTopicConfig(master.address(), topic);
        OfficialAdmin.awaitMasterAndSlave(admin, TOPIC, WAIT);

        DefaultMQProducer producer = new DefaultMQProducer("PG_HA");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_HA-" + ProcessHandle.current().pid());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        closer.track(producer::shutdown);
        // A SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave has connected; wait for the first SEND_OK.
        await("the slave is in sync").atMost(WAIT).until(() -> producer.send(message(-1)).getSendStatus()
                == SendStatus.SEND_OK);
        Set<String> acked = new TreeSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            SendResult result = producer.send(message(i));
            assertEquals(SendStatus.SEND_OK, result.getSendStatus(), "message " + i);
            acked.add(body(i));
        }
        producer.shutdown();

        master.close();
        deleteTree(master.workDir().resolve("store"));
        await("route shows only the slave").atMost(WAIT).ignoreExceptions().until(() -> {
            BrokerData group = admin.examineTopicRouteInfo(TOPIC).getBrokerDatas().get(0);
            return group.getBrokerAddrs().size() == 1 && group.getBrokerAddrs().containsKey(1L);
        });

        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_HA");
        consumer.setNamesrvAddr(namesrv.address());
        consumer.setInstanceName("CG_HA-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setPullTimeDelayMillsWhenException(500);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        closer.track(consumer::shutdown);

        await("every acknowledged message from the slave").atMost(WAIT)
                .until(() -> received.containsAll(acked));
        assertTrue(slave.isAlive());
        assertFalse(Files.exists(master.workDir().resolve("store")), "nothing could come from the master's disk");
    }

    private static Message message(int i) {
        return new Message(TOPIC, "TagHa", i < 0 ? "probe" : body(i), (i < 0 ? "probe" : body(i))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
