package org.tidemq.it.namesrv;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.protocol.body.ClusterInfo;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.it.support.FakeBroker;
import org.tidemq.it.support.FreePort;
import org.tidemq.it.support.JavaProcess;
import org.tidemq.it.support.NamesrvProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code bin/mqnamesrv} process, brokers registered through TideMQ's client, and the official RocketMQ 5.2.0
 * admin API and {@code mqadmin} reading it back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamesrvAdminToolIT {
    private static final String CLUSTER = "ItCluster";

    @TempDir
    static Path dir;

    private NamesrvProcess namesrv;
    private NettyRemotingClient brokerClient;
    private DefaultMQAdminExt admin;
    private FakeBroker masterA;
    private FakeBroker slaveA;
    private FakeBroker masterB;

    @BeforeAll
    void startNamesrvAndRegisterBrokers() throws Exception {
        // The RocketMQ client logs under rocketmq.client.logRoot; keep it in the temp dir.
        System.setProperty("rocketmq.client.logRoot", dir.resolve("client-logs").toString());
        namesrv = NamesrvProcess.start(dir.resolve("namesrv"));

        // Nothing listens on these addresses: mqadmin's per-broker runtime queries fail fast (connection refused).
        masterA = new FakeBroker(CLUSTER, "broker-a", 0, "127.0.0.1:" + FreePort.pick(),
                List.of(new TopicConfig("TopicA", 8, 8, 6), new TopicConfig("TopicShared", 4, 4, 6)));
        slaveA = new FakeBroker(CLUSTER, "broker-a", 1, "127.0.0.1:" + FreePort.pick(), masterA.topics());
        masterB = new FakeBroker(CLUSTER, "broker-b", 0, "127.0.0.1:" + FreePort.pick(),
                List.of(new TopicConfig("TopicB", 2, 2, 6), new TopicConfig("TopicShared", 4, 4, 6)));
        brokerClient = new NettyRemotingClient(NettyClientConfig.defaults());
        brokerClient.start();
        masterA.register(brokerClient, namesrv.address());
        RemotingCommand slaveResponse = slaveA.register(brokerClient, namesrv.address());
        assertEquals(masterA.brokerAddr(), slaveResponse.field("masterAddr"));
        assertEquals(masterA.haAddress(), slaveResponse.field("haServerAddr"));
        masterB.register(brokerClient, namesrv.address());

        admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(namesrv.address());
        admin.setInstanceName("tidemq-it-" + namesrv.port());
        admin.start();
    }

    @AfterAll
    void stopAll() {
        if (admin != null) {
            admin.shutdown();
        }
        if (brokerClient != null) {
            brokerClient.shutdown();
        }
        if (namesrv != null) {
            namesrv.close();
        }
    }

    @Test
    void clusterInfoShowsExactlyTheRegisteredBrokers() throws Exception {
        ClusterInfo info = admin.examineBrokerClusterInfo();
        assertEquals(Map.of(CLUSTER, Set.of("broker-a", "broker-b")), Map.of(CLUSTER, new HashSet<>(info.getClusterAddrTable().get(CLUSTER))));
        assertEquals(Set.of(CLUSTER), info.getClusterAddrTable().keySet());
        assertEquals(Set.of("broker-a", "broker-b"), info.getBrokerAddrTable().keySet());
        BrokerData a = info.getBrokerAddrTable().get("broker-a");
        assertEquals(CLUSTER, a.getCluster());
        assertEquals(new TreeMap<>(Map.of(0L, masterA.brokerAddr(), 1L, slaveA.brokerAddr())), new TreeMap<>(a.getBrokerAddrs()));
        assertEquals(Map.of(0L, masterB.brokerAddr()), Map.copyOf(info.getBrokerAddrTable().get("broker-b").getBrokerAddrs()));
    }

    @Test
    void topicListHasRegisteredTopicsAndClusterAndBrokerNames() throws Exception {
        Set<String> expected = Set.of("TopicA", "TopicB", "TopicShared", CLUSTER, "broker-a", "broker-b");
        assertEquals(expected, Set.copyOf(admin.fetchAllTopicList().getTopicList()));
        assertEquals(expected, Set.copyOf(admin.fetchTopicsByCLuster(CLUSTER).getTopicList()));
    }

    @Test
    void topicRouteHasMasterContributedQueuesAndAllMembers() throws Exception {
        TopicRouteData shared = admin.examineTopicRouteInfo("TopicShared");
        List<QueueData> queues = shared.getQueueDatas().stream().sorted(Comparator.comparing(QueueData::getBrokerName)).toList();
        assertEquals(List.of("broker-a", "broker-b"), queues.stream().map(QueueData::getBrokerName).toList());
        assertEquals(4, queues.get(0).getReadQueueNums());
        assertEquals(4, queues.get(0).getWriteQueueNums());
        assertEquals(6, queues.get(0).getPerm());
        assertEquals(2, shared.getBrokerDatas().size());

        TopicRouteData a = admin.examineTopicRouteInfo("TopicA");
        assertEquals(1, a.getQueueDatas().size());
        assertEquals(8, a.getQueueDatas().get(0).getReadQueueNums());
        assertEquals(Map.of(0L, masterA.brokerAddr(), 1L, slaveA.brokerAddr()), Map.copyOf(a.getBrokerDatas().get(0).getBrokerAddrs()));
        assertNull(a.getOrderTopicConf());

        MQClientException missing = assertThrows(MQClientException.class, () -> admin.examineTopicRouteInfo("NoSuchTopic"));
        assertEquals(17, missing.getResponseCode());
    }

    @Test
    void nameServerConfigIsReadable() throws Exception {
        Map<String, Properties> configs = admin.getNameServerConfig(List.of(namesrv.address()));
        Properties properties = configs.get(namesrv.address());
        assertEquals(Integer.toString(namesrv.port()), properties.getProperty("listenPort"));
        assertEquals("127.0.0.1", properties.getProperty("bindAddress"));
        assertEquals(namesrv.workDir().resolve("kvConfig.json").toString(), properties.getProperty("kvConfigPath"));
    }

    @Test
    void kvConfigRoundTripsThroughTheAdminApi() throws Exception {
        admin.createAndUpdateKvConfig("IT_NS", "alpha", "1");
        admin.createAndUpdateKvConfig("IT_NS", "beta", "two words");
        assertEquals("1", admin.getKVConfig("IT_NS", "alpha"));
        KVTable table = admin.getKVListByNamespace("IT_NS");
        assertEquals(Map.of("alpha", "1", "beta", "two words"), table.getTable());

        admin.deleteKvConfig("IT_NS", "alpha");
        MQClientException gone = assertThrows(MQClientException.class, () -> admin.getKVConfig("IT_NS", "alpha"));
        assertEquals(22, gone.getResponseCode());
        assertEquals(Map.of("beta", "two words"), admin.getKVListByNamespace("IT_NS").getTable());
        assertTrue(Files.readString(namesrv.workDir().resolve("kvConfig.json")).contains("\"beta\":\"two words\""));
    }

    @Test
    void mqadminClusterListPrintsOurBrokers() throws Exception {
        JavaProcess.Result result = mqadmin("clusterList", "-n", namesrv.address());
        String output = result.output();
        assertTrue(output.contains("#Cluster Name"), output);
        assertRow(output, CLUSTER, "broker-a", "0", masterA.brokerAddr());
        assertRow(output, CLUSTER, "broker-a", "1", slaveA.brokerAddr());
        assertRow(output, CLUSTER, "broker-b", "0", masterB.brokerAddr());
    }

    @Test
    void mqadminTopicListPrintsOurTopics() throws Exception {
        String output = mqadmin("topicList", "-n", namesrv.address()).output();
        Set<String> lines = Set.copyOf(output.lines().map(String::trim).toList());
        for (String topic : List.of("TopicA", "TopicB", "TopicShared", CLUSTER, "broker-a", "broker-b")) {
            assertTrue(lines.contains(topic), topic + " missing from:\n" + output);
        }
    }

    private JavaProcess.Result mqadmin(String... args) throws Exception {
        return JavaProcess.run(dir.resolve("mqadmin"), Duration.ofSeconds(60),
                List.of("-Drocketmq.client.logRoot=" + dir.resolve("mqadmin-logs"), "-Duser.home=" + dir.resolve("mqadmin-home")),
                "org.apache.rocketmq.tools.command.MQAdminStartup", args);
    }

    private static void assertRow(String output, String... columns) {
        Pattern row = Pattern.compile("(?m)^" + String.join("\\s+", Arrays.stream(columns).map(Pattern::quote).toList()) + "\\s");
        assertTrue(row.matcher(output).find(), "no row " + List.of(columns) + " in:\n" + output);
    }
}
