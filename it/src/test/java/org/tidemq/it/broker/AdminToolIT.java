package org.tidemq.it.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.admin.TopicOffset;
import org.apache.rocketmq.remoting.protocol.admin.TopicStatsTable;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.JavaProcess;
import org.tidemq.it.support.NamesrvProcess;

/**
 * bin/mqnamesrv and bin/mqbroker as real processes, administered with the official RocketMQ 5.2.0
 * {@link DefaultMQAdminExt}: topic creation shows up in routes at once, topic stats follow sends, cluster info and
 * runtime stats parse as {@code mqadmin clusterList} parses them, and deletion removes the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminToolIT {
    private static final String BROKER_NAME = "broker-admin-it";

    private Path dir;
    private NamesrvProcess namesrv;
    private BrokerProcess broker;
    private DefaultMQAdminExt admin;
    private DefaultMQProducer producer;

    @BeforeAll
    void startServers(@TempDir Path dir) throws Exception {
        this.dir = dir;
        System.setProperty("rocketmq.client.logRoot", dir.resolve("client-logs").toString());
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        broker = BrokerProcess.start(dir.resolve("broker"), BROKER_NAME, namesrv.address(),
                Map.of("autoCreateTopicEnable", "false"));
        admin = new DefaultMQAdminExt(5_000);
        admin.setNamesrvAddr(namesrv.address());
        admin.setInstanceName("admin-it-" + namesrv.port());
        admin.start();
        producer = new DefaultMQProducer("PG_ADMIN_IT");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("admin-it-producer-" + namesrv.port());
        producer.setSendMsgTimeout(5_000);
        producer.start();
    }

    @AfterAll
    void stopServers() {
        if (producer != null) {
            producer.shutdown();
        }
        if (admin != null) {
            admin.shutdown();
        }
        if (broker != null) {
            broker.close();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    private static TopicConfig topic(String name, int queues) {
        return new TopicConfig(name, queues, queues, 6);
    }

    @Test
    void createdTopicIsRoutedAndItsStatsFollowSends() throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), topic("AdminIT_Topic", 3));

        TopicRouteData route = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo("AdminIT_Topic"), r -> !r.getQueueDatas().isEmpty());
        QueueData queues = route.getQueueDatas().get(0);
        assertEquals(BROKER_NAME, queues.getBrokerName());
        assertEquals(3, queues.getWriteQueueNums());
        assertEquals(3, queues.getReadQueueNums());
        assertEquals(6, queues.getPerm());
        assertEquals(3, admin.examineTopicConfig(broker.address(), "AdminIT_Topic").getWriteQueueNums());

        MessageQueue queue1 = new MessageQueue("AdminIT_Topic", BROKER_NAME, 1);
        for (int i = 0; i < 2; i++) {
            SendResult result = producer.send(new Message("AdminIT_Topic", ("m" + i).getBytes(StandardCharsets.UTF_8)),
                    queue1);
            assertEquals(SendStatus.SEND_OK, result.getSendStatus());
        }
        TopicStatsTable stats = await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.examineTopicStats("AdminIT_Topic"),
                        s -> s.getOffsetTable().get(queue1).getMaxOffset() == 2);
        assertEquals(3, stats.getOffsetTable().size());
        TopicOffset offset = stats.getOffsetTable().get(queue1);
        assertEquals(0, offset.getMinOffset());
        assertTrue(offset.getLastUpdateTimestamp() > 0);
        assertEquals(0, stats.getOffsetTable().get(new MessageQueue("AdminIT_Topic", BROKER_NAME, 0))
                .getMaxOffset());
    }

    @Test
    void clusterInfoAndRuntimeStatsParseAsClusterListParsesThem() throws Exception {
        ClusterInfo cluster = admin.examineBrokerClusterInfo();
        String brokerAddr = cluster.getBrokerAddrTable().get(BROKER_NAME).getBrokerAddrs().get(0L);
        assertEquals(broker.address(), brokerAddr);
        assertTrue(cluster.getClusterAddrTable().get("TideCluster").contains(BROKER_NAME));

        KVTable runtime = admin.fetchBrokerRuntimeStats(brokerAddr);
        Map<String, String> table = runtime.getTable();
        long inYesterday = Long.parseLong(table.get("msgPutTotalTodayMorning"))
                - Long.parseLong(table.get("msgPutTotalYesterdayMorning"));
        long outToday = Long.parseLong(table.get("msgGetTotalTodayNow"))
                - Long.parseLong(table.get("msgGetTotalTodayMorning"));
        assertTrue(inYesterday >= 0 && outToday >= 0);
        assertTrue(Double.parseDouble(table.get("putTps").split(" ")[0]) >= 0.0);
        assertTrue(Double.parseDouble(table.get("getTransferredTps").split(" ")[0]) >= 0.0);
        assertTrue(Double.parseDouble(table.get("commitLogDiskRatio")) > 0.0);
        Long.parseLong(table.get("earliestMessageTimeStamp"));
        assertEquals("true", table.get("brokerActive"));
        assertNotNull(table.get("brokerVersionDesc"));

        Properties config = admin.getBrokerConfig(brokerAddr);
        assertEquals(BROKER_NAME, config.getProperty("brokerName"));
        assertEquals("false", config.getProperty("autoCreateTopicEnable"));
    }

    @Test
    void deletedTopicLeavesTheBroker() throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), topic("AdminIT_Doomed", 2));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo("AdminIT_Doomed"), r -> !r.getQueueDatas().isEmpty());

        admin.deleteTopicInBroker(Set.of(broker.address()), "AdminIT_Doomed");

        assertThrows(Exception.class, () -> admin.examineTopicConfig(broker.address(), "AdminIT_Doomed"));
        Map<String, TopicConfig> remaining = admin.getAllTopicConfig(broker.address(), 5_000).getTopicConfigTable();
        assertTrue(remaining.containsKey("SCHEDULE_TOPIC_XXXX"), remaining.keySet().toString());
        assertTrue(!remaining.containsKey("AdminIT_Doomed"), remaining.keySet().toString());
    }

    @Test
    void mqadminCreatesATopicAndListsTheBrokerWithoutParseErrors() throws Exception {
        JavaProcess.Result update = mqadmin("updateTopic", "-n", namesrv.address(), "-b", broker.address(),
                "-t", "AdminIT_Cli", "-r", "2", "-w", "2");
        assertEquals(0, update.exitCode(), update.output());
        assertTrue(update.output().contains("create topic to " + broker.address() + " success"), update.output());
        assertEquals(2, admin.examineTopicConfig(broker.address(), "AdminIT_Cli").getWriteQueueNums());

        JavaProcess.Result clusterList = mqadmin("clusterList", "-n", namesrv.address());
        String output = clusterList.output();
        Pattern row = Pattern.compile("(?m)^TideCluster\\s+" + Pattern.quote(BROKER_NAME) + "\\s+0\\s+"
                + Pattern.quote(broker.address()) + "\\s+V5_2_0\\s");
        assertTrue(row.matcher(output).find(), output);
        assertTrue(!output.contains("Exception"), output);
    }

    @Test
    void mqadminBrokerStatusAndTopicStatusReadTheBroker() throws Exception {
        admin.createAndUpdateTopicConfig(broker.address(), topic("AdminIT_Status", 2));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.examineTopicRouteInfo("AdminIT_Status"), r -> !r.getQueueDatas().isEmpty());

        JavaProcess.Result brokerStatus = mqadmin("brokerStatus", "-n", namesrv.address(), "-b", broker.address());
        assertEquals(0, brokerStatus.exitCode(), brokerStatus.output());
        assertTrue(Pattern.compile("(?m)^brokerVersionDesc\\s+: V5_2_0$").matcher(brokerStatus.output()).find(),
                brokerStatus.output());

        JavaProcess.Result topicStatus = mqadmin("topicStatus", "-n", namesrv.address(), "-t", "AdminIT_Status");
        assertEquals(0, topicStatus.exitCode(), topicStatus.output());
        for (int queueId = 0; queueId < 2; queueId++) {
            Pattern row = Pattern.compile("(?m)^" + Pattern.quote(BROKER_NAME) + "\\s+" + queueId + "\\s+0\\s+0\\s");
            assertTrue(row.matcher(topicStatus.output()).find(), topicStatus.output());
        }
    }

    private JavaProcess.Result mqadmin(String... args) throws Exception {
        return JavaProcess.run(dir.resolve("mqadmin"), Duration.ofSeconds(60),
                List.of("-Drocketmq.client.logRoot=" + dir.resolve("mqadmin-logs"),
                        "-Duser.home=" + dir.resolve("mqadmin-home")),
                "org.apache.rocketmq.tools.command.MQAdminStartup", args);
    }
}
