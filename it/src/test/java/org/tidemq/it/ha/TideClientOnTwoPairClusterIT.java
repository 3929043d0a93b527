package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.remoting.protocol.body.HARuntimeInfo;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.TopicSpec;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.OfficialAdmin;

/**
 * The shipped {@code conf/2m-2s-async} and {@code 2m-2s-sync} folders run with {@code bin/mqcluster} (free ports,
 * temp stores, 127.0.0.1): TideMQ's own Producer and PushConsumer produce to and consume from both broker groups,
 * and the replication status (GET_BROKER_HA_STATUS, 907) is checked three ways — decoded by the official 5.2.0 admin
 * client, printed by {@code mqadmin haStatus} for master and slave, and as the lag column of
 * {@code mqcluster status}.
 */
class TideClientOnTwoPairClusterIT {
    private static final String TOPIC = "TopicTwoPairs";
    private static final int QUEUES = 4;
    private static final int MESSAGES = 40;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @ParameterizedTest
    @ValueSource(strings = {"2m-2s-async", "2m-2s-sync"})
    void tideClientsUseBothGroupsAndHaStatusShowsTheSlavesCaughtUp(String folder) throws Exception {
        ShippedCluster cluster = ShippedCluster.start(dir, folder);
        closer.track(cluster);
        AdminClient admin = AdminClient.builder().namesrvAddr(cluster.namesrvAddr()).build();
        closer.track(admin::close);
        for (String master : List.of("broker-a", "broker-b")) {
            admin.createOrUpdateTopic(cluster.brokerAddr(master), new TopicSpec(TOPIC, QUEUES, QUEUES, 6, false));
        }
        await("route with both pairs").atMost(WAIT).ignoreExceptions().until(() -> {
            List<BrokerData> groups = admin.topicRoute(TOPIC).brokerDatas();
            return groups.size() == 2 && groups.stream().allMatch(g -> g.brokerAddrs().size() == 2);
        });
        DefaultMQAdminExt officialAdmin = OfficialAdmin.start(cluster.namesrvAddr(),
                "two-pairs-admin-" + System.nanoTime());
        closer.track(officialAdmin::shutdown);
        for (String master : List.of("broker-a", "broker-b")) {
            await(master + " has its slave in sync").atMost(WAIT).ignoreExceptions().until(() -> {
                HARuntimeInfo info = officialAdmin.getBrokerHAStatus(cluster.brokerAddr(master));
                return info.isMaster() && info.getInSyncSlaveNums() == 1
                        && info.getHaConnectionInfo().get(0).getSlaveAckOffset() >= 0;
            });
        }

        Producer producer = Producer.builder().namesrvAddr(cluster.namesrvAddr()).group("PG_TWO_PAIRS")
                .sendTimeout(Duration.ofSeconds(10)).build();
        closer.track(producer);
        producer.start();
        Map<String, String> brokerOfBody = new HashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            String body = folder + "-message-" + i;
            SendResult result = producer.send(Message.builder(TOPIC).tags("TagPairs").body(body).build());
            assertEquals(SendStatus.SEND_OK, result.status(), body);
            brokerOfBody.put(body, result.queue().brokerName());
        }
        assertEquals(Set.of("broker-a", "broker-b"), Set.copyOf(brokerOfBody.values()),
                "round-robin sends reach both groups");

        Map<String, String> received = new ConcurrentHashMap<>();
        PushConsumer consumer = PushConsumer.builder().namesrvAddr(cluster.namesrvAddr()).group("CG_TWO_PAIRS")
                .subscribe(TOPIC, "*").consumeFrom(ConsumeFromWhere.FIRST_OFFSET)
                .rebalanceInterval(Duration.ofSeconds(2)).persistOffsetInterval(Duration.ofSeconds(1))
                .offsetStoreDir(dir.resolve("offsets"))
                .concurrentListener(messages -> {
                    messages.forEach(m -> received.put(m.bodyAsString(), m.brokerName()));
                    return ConcurrentListener.Result.SUCCESS;
                }).build();
        closer.track(consumer);
        consumer.start();
        await("every message consumed").atMost(WAIT).until(() -> received.size() >= MESSAGES);
        assertEquals(new TreeMap<>(brokerOfBody), new TreeMap<>(received),
                "each body consumed, from the group it was sent to");

        for (String pair : List.of("broker-a", "broker-b")) {
            await(pair + "-s caught up").atMost(WAIT).ignoreExceptions().until(() -> {
                HARuntimeInfo info = officialAdmin.getBrokerHAStatus(cluster.brokerAddr(pair));
                return info.getHaConnectionInfo().get(0).getDiff() == 0;
            });
            assertMqadminHaStatus(cluster, pair);
        }
        await("mqcluster status shows no lag").atMost(WAIT).until(() -> {
            Map<String, String[]> rows = statusRows(cluster);
            return rows.size() == 4 && rows.get("broker-a-s")[6].equals("0") && rows.get("broker-b-s")[6].equals("0")
                    && rows.get("broker-a")[5].equals(rows.get("broker-a-s")[5])
                    && Long.parseLong(rows.get("broker-b")[5]) > 0;
        });
    }

    /** {@code mqadmin haStatus} on a caught-up master and on its slave: roles, offsets and lag as printed. */
    private static void assertMqadminHaStatus(ShippedCluster cluster, String master) throws Exception {
        ShippedCluster.Result onMaster = cluster.mqadmin("haStatus", "-n", cluster.namesrvAddr(), "-b",
                cluster.brokerAddr(master));
        assertEquals(0, onMaster.exitCode(), onMaster.output());
        Map<String, String> m = hashLines(onMaster);
        assertEquals(cluster.brokerAddr(master), m.get("#MasterAddr"), onMaster.output());
        long masterMax = Long.parseLong(m.get("#MasterCommitLogMaxOffset"));
        assertTrue(masterMax > 0, onMaster.output());
        assertEquals("1", m.get("#SlaveNum"), onMaster.output());
        assertEquals("1", m.get("#InSyncSlaveNum"), onMaster.output());
        String[] slaveRow = onMaster.lines().stream().filter(l -> l.startsWith("127.0.0.1:")).findFirst()
                .orElseThrow(() -> new AssertionError("no slave row:\n" + onMaster.output())).trim().split("\\s+");
        assertEquals(Long.toString(masterMax), slaveRow[1], "slave ack offset: " + onMaster.output());
        assertEquals("0", slaveRow[2], "diff: " + onMaster.output());
        assertEquals("OK", slaveRow[4], onMaster.output());
        assertEquals(Long.toString(masterMax), slaveRow[5], "next transfer offset: " + onMaster.output());

        ShippedCluster.Result onSlave = cluster.mqadmin("haStatus", "-n", cluster.namesrvAddr(), "-b",
                cluster.brokerAddr(master + "-s"));
        assertEquals(0, onSlave.exitCode(), onSlave.output());
        Map<String, String> s = hashLines(onSlave);
        assertEquals(cluster.haAddr(master), s.get("#MasterAddr"), onSlave.output());
        assertEquals(Long.toString(masterMax), s.get("#CommitLogMaxOffset"), onSlave.output());
        assertTrue(s.containsKey("#LastReadTime") && s.containsKey("#LastWriteTime"), onSlave.output());
    }

    /** {@code #Key<TAB>value} lines of mqadmin's output. */
    private static Map<String, String> hashLines(ShippedCluster.Result result) {
        Map<String, String> values = new HashMap<>();
        for (String line : result.lines()) {
            int tab = line.indexOf('\t');
            if (line.startsWith("#") && tab > 0) {
                values.put(line.substring(0, tab), line.substring(tab + 1).trim());
            }
        }
        return values;
    }

    /** BROKER STATE ROLE GROUP ADDRESS MAX_OFFSET LAG_BYTES, by broker name. */
    private static Map<String, String[]> statusRows(ShippedCluster cluster) throws Exception {
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : cluster.mqcluster("status").lines()) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 7 && cells[0].startsWith("broker-") && cells[1].equals("running")) {
                rows.put(cells[0], cells);
            }
        }
        return rows;
    }
}
