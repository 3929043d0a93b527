package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.FreePort;
import org.tidemq.it.support.OfficialAdmin;
import org.tidemq.it.support.TideMqHome;

/**
 * {@code bin/mqcluster start|status|stop} on copies of the shipped {@code conf/2m-2s-async} and {@code 2m-2s-sync}
 * folders whose ports, store dirs and name server are moved to free ports and temp dirs (and brokerIP1/2 to
 * 127.0.0.1): the NameServer and four brokers come up, the official client produces across both groups and
 * consumes everything, status shows both slaves caught up (lag 0), and stop leaves no process behind.
 */
class MqClusterIT {
    private static final String TOPIC = "TopicCluster";
    private static final int MESSAGES = 40;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String JAVA_OPT = "-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MaxDirectMemorySize=192m "
            + "-XX:TieredStopAtLevel=1";

    @TempDir
    Path dir;

    private Path clusterDir;
    private Path runHome;
    @RegisterExtension
    final Closer closer = new Closer();

    @AfterEach
    void stopAll() throws Exception {
        closer.closeAll();
        if (clusterDir != null) {
            mqcluster("stop");
            killLeftovers();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2m-2s-async", "2m-2s-sync"})
    void startStatusAndStopATwoPairClusterFromTheShippedFolder(String folder) throws Exception {
        clusterDir = dir.resolve(folder);
        runHome = dir.resolve("run");
        int namesrvPort = FreePort.pick();
        Map<String, Integer> ports = ShippedCluster.copyWithFreePorts(TideMqHome.root().resolve("conf").resolve(folder),
                clusterDir, namesrvPort);
        String namesrv = "127.0.0.1:" + namesrvPort;

        Result started = mqcluster("start");
        assertEquals(0, started.exitCode(), started.output());
        assertEquals(5, started.output().split("boot success", -1).length - 1, started.output());

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv, "cluster-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        for (String master : List.of("broker-a", "broker-b")) {
            admin.createAndUpdateTopicConfig("127.0.0.1:" + ports.get(master), new TopicConfig(TOPIC, 4, 4, 6));
        }
        await("route with both pairs").atMost(WAIT).ignoreExceptions().until(() -> {
            List<BrokerData> groups = admin.examineTopicRouteInfo(TOPIC).getBrokerDatas();
            return groups.size() == 2 && groups.stream().allMatch(g -> g.getBrokerAddrs().size() == 2);
        });

        DefaultMQProducer producer = new DefaultMQProducer("PG_CLUSTER");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("PG_CLUSTER-" + System.nanoTime());
        producer.start();
        closer.track(producer::shutdown);
        Set<String> sent = new HashSet<>();
        Set<String> groupsWritten = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            String body = "cluster-" + i;
            // A SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave has connected: send again until SEND_OK.
            SendResult result = await("SEND_OK for " + body).atMost(WAIT).ignoreExceptions().until(
                    () -> producer.send(new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8))),
                    r -> r.getSendStatus() == SendStatus.SEND_OK);
            sent.add(body);
            groupsWritten.add(result.getMessageQueue().getBrokerName());
        }
        assertEquals(Set.of("broker-a", "broker-b"), groupsWritten);

        Set<String> received = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_CLUSTER");
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("CG_CLUSTER-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            messages.forEach(m -> received.add(new String(m.getBody(), StandardCharsets.UTF_8)));
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        closer.track(consumer::shutdown);
        await("every message consumed").atMost(WAIT).until(() -> received.containsAll(sent));

        await("both slaves caught up").atMost(WAIT).until(() -> {
            Map<String, String[]> rows = statusRows();
            return rows.size() == 4 && rows.values().stream().allMatch(r -> r[1].equals("running"))
                    && rows.get("broker-a-s")[6].equals("0") && rows.get("broker-b-s")[6].equals("0")
                    && Long.parseLong(rows.get("broker-a")[5]) > 0 && Long.parseLong(rows.get("broker-b")[5]) > 0;
        });

        Result withLag = mqcluster("status", 1);
        String lagLine = withLag.output().lines().filter(l -> l.startsWith("DefaultCluster: Replication lag (ms): "))
                .findFirst().orElseThrow(() -> new AssertionError("no replication lag line\n" + withLag.output()));
        assertTrue(lagLine.contains(", 2 slaves, 0 pending, 0 unanswered)"), lagLine);

        Result stopped = mqcluster("stop");
        assertEquals(0, stopped.exitCode(), stopped.output());
        Map<String, String[]> rows = statusRows();
        assertTrue(rows.values().stream().allMatch(r -> r[1].equals("stopped")), mqcluster("status").output());
        try (Stream<Path> pids = Files.list(runHome.resolve(folder))) {
            assertEquals(List.of(), pids.filter(p -> p.toString().endsWith(".pid")).toList(), "pid files removed");
        }
    }

    /** BROKER STATE ROLE GROUP ADDRESS MAX_OFFSET LAG_BYTES, by broker name. */
    private Map<String, String[]> statusRows() throws Exception {
        Result status = mqcluster("status");
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : status.output().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 7 && cells[0].startsWith("broker-")) {
                rows.put(cells[0], cells);
            }
        }
        return rows;
    }

    private record Result(int exitCode, String output) {
    }

    private Result mqcluster(String action) throws Exception {
        return mqcluster(action, 0);
    }

    /** @param lagSeconds how long status samples the replication lag (0: not at all, keeps polling fast) */
    private Result mqcluster(String action, int lagSeconds) throws Exception {
        Path output = Files.createTempFile(dir, "mqcluster-" + action, ".txt");
        ProcessBuilder builder = new ProcessBuilder("sh", TideMqHome.root().resolve("bin").resolve("mqcluster")
                .toString(), action, clusterDir.toString());
        builder.environment().put("TIDEMQ_HOME", TideMqHome.root().toString());
        builder.environment().put("TIDEMQ_CLUSTER_HOME", runHome.toString());
        builder.environment().put("JAVA_OPT", JAVA_OPT);
        builder.environment().put("STATUS_LAG_SECONDS", Integer.toString(lagSeconds));
        String buildDir = TideMqHome.buildDir();
        if (buildDir != null) {
            builder.environment().put("TIDEMQ_BUILD_DIR", buildDir);
        } else {
            builder.environment().remove("TIDEMQ_BUILD_DIR");
        }
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mqcluster " + action + " did not finish: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** Whatever the script's stop left running (it failed, or the test did) is killed by its pid file. */
    private void killLeftovers() throws IOException {
        Path run = runHome.resolve(clusterDir.getFileName().toString());
        if (!Files.isDirectory(run)) {
            return;
        }
        try (Stream<Path> pids = Files.list(run)) {
            for (Path pid : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
