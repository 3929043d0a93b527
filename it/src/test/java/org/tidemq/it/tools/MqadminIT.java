package org.tidemq.it.tools;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.PullConsumer;
import org.tidemq.client.consumer.push.ConcurrentListener;
import org.tidemq.client.consumer.push.PushConsumer;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.it.support.ApacheRocketMqCluster;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.FreePort;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.tools.MqadminScript.Result;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/mqadmin} run as a process against a TideMQ name server + broker and against Apache RocketMQ 5.2.0: the
 * output is parsed and checked against what the test did to the cluster (topics, queue counts, offsets, lag,
 * message contents, configuration values), and failures must be one line on stderr with a non-zero exit.
 */
class MqadminIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgainstTideMq extends Scenarios {
        private NamesrvProcess namesrv;
        private BrokerProcess broker;

        @BeforeAll
        void startCluster(@TempDir Path dir) throws Exception {
            namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
            broker = BrokerProcess.start(dir.resolve("broker"), "broker-mqadmin-it", namesrv.address(), Map.of());
            connect(dir.resolve("mqadmin"), namesrv.address(), "TideCluster", "broker-mqadmin-it", broker.address(),
                    "Tide");
        }

        /** Needs no cluster of a particular kind, so it runs once. */
        @Test
        void commandLineProblemsAndUnreachableNameServerAreOneLine() {
            assertEquals(2, fails("topicRoute", "-n", namesrvAddr()).exitCode());
            assertTrue(fails("noSuchCommand").stderr().contains("noSuchCommand"));
            Result unreachable = fails("clusterList", "-n", "127.0.0.1:" + FreePort.pick());
            assertEquals(1, unreachable.exitCode());
            Result verbose = tool().run("clusterList", "-n", "127.0.0.1:" + FreePort.pick(), "--verbose");
            assertEquals(1, verbose.exitCode());
            assertTrue(verbose.stderr().contains("\tat "), verbose::toString);
        }

        @Test
        void listsAndDocumentsCommands() {
            Result list = tool().run();
            assertEquals(0, list.exitCode(), list::toString);
            for (String command : List.of("updateTopic", "topicStatus", "consumerProgress", "queryMsgByOffset",
                    "wipeWritePerm", "getNamesrvConfig", "statsAll", "clusterRT", "queryMsgTraceById")) {
                assertTrue(list.stdout().contains(command), command + "\n" + list);
            }
            Result help = tool().run("help", "updateSubGroup");
            assertEquals(0, help.exitCode(), help::toString);
            assertTrue(help.stdout().contains("--groupName"), help::toString);
            assertTrue(help.stdout().contains("--retryMaxTimes"), help::toString);
            Result traceHelp = tool().run("help", "queryMsgTraceById");
            assertEquals(0, traceHelp.exitCode(), traceHelp::toString);
            for (String option : List.of("--msgId", "--traceTopic", "--beginTimestamp", "--endTimestamp",
                    "--maxNum")) {
                assertTrue(traceHelp.stdout().contains(option), traceHelp::toString);
            }
        }

        @AfterAll
        void stopCluster() {
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
    class AgainstApacheRocketMq extends Scenarios {
        private ApacheRocketMqCluster cluster;

        @BeforeAll
        void startCluster(@TempDir Path dir) throws Exception {
            cluster = ApacheRocketMqCluster.start(dir.resolve("apache"));
            connect(dir.resolve("mqadmin"), cluster.namesrvAddr(), "TideInteropCluster",
                    ApacheRocketMqCluster.BROKER_NAME, cluster.brokerAddr(), "Apache");
        }

        @AfterAll
        void stopCluster() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** The checks, run once per cluster kind. */
    abstract static class Scenarios {
        private MqadminScript mqadmin;
        private String namesrvAddr;
        private String clusterName;
        private String brokerName;
        private String brokerAddr;
        private String prefix;

        void connect(Path workDir, String namesrv, String cluster, String broker, String address, String namePrefix) {
            this.mqadmin = new MqadminScript(workDir);
            this.namesrvAddr = namesrv;
            this.clusterName = cluster;
            this.brokerName = broker;
            this.brokerAddr = address;
            this.prefix = "Mqadmin" + namePrefix;
            try (AdminClient admin = admin()) {
                await("broker registration").atMost(WAIT).ignoreExceptions()
                        .until(() -> admin.clusterInfo().clusterAddrTable().containsKey(cluster));
            }
        }

        MqadminScript tool() {
            return mqadmin;
        }

        String namesrvAddr() {
            return namesrvAddr;
        }

        private AdminClient admin() {
            return AdminClient.builder().namesrvAddr(namesrvAddr).build();
        }

        @Test
        void haStatusShowsTheMastersCommitLogEnd() {
            try (Producer producer = Producer.builder().namesrvAddr(namesrvAddr).group(prefix + "HaPG").build()) {
                producer.start();
                producer.send(Message.builder(brokerName).body("ha").build());
            }
            Result status = ok("haStatus", "-b", brokerAddr);
            assertEquals("#MasterAddr\t" + brokerAddr, status.lines().get(1));
            assertTrue(Long.parseLong(status.lines().get(2).split("\t")[1]) > 0, status::toString);
            assertEquals("#SlaveNum\t0", status.lines().get(3));
            assertEquals("#InSyncSlaveNum\t0", status.lines().get(4));
            assertTrue(status.lines().get(5).startsWith("#SlaveAddr"), status::toString);
        }

        private Result ok(String... args) {
            Result result = mqadmin.run(withNamesrv(args));
            assertEquals(0, result.exitCode(), () -> String.join(" ", args) + "\n" + result);
            return result;
        }

        /** Runs until it succeeds: brokers register topic changes with the name server asynchronously. */
        private Result eventually(String... args) {
            return await(String.join(" ", args)).atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .until(() -> mqadmin.run(withNamesrv(args)), result -> result.exitCode() == 0);
        }

        Result fails(String... args) {
            Result result = mqadmin.run(args);
            assertNotEquals(0, result.exitCode(), () -> String.join(" ", args) + "\n" + result);
            List<String> errorLines = result.stderr().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(1, errorLines.size(), () -> "one error line expected\n" + result);
            assertFalse(result.stderr().contains("Exception") || result.stderr().contains("\tat "), result::toString);
            return result;
        }

        private String[] withNamesrv(String... args) {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "-n";
            all[args.length + 1] = namesrvAddr;
            return all;
        }

        private static Optional<String[]> statsRow(Result stats, String topic, String group) {
            return stats.lines().stream().map(Scenarios::columns)
                    .filter(cols -> cols.length == 7 && cols[0].equals(topic) && cols[1].equals(group)).findFirst();
        }

        private static String[] columns(String line) {
            return line.trim().split("\\s+");
        }

        /** The value after {@code label} on the line that starts with it. */
        private static String field(Result result, String label) {
            return result.lines().stream().filter(line -> line.startsWith(label)).findFirst()
                    .map(line -> line.substring(label.length()).trim())
                    .orElseThrow(() -> new AssertionError("no '" + label + "' line in\n" + result));
        }

        private String createTopic(String topic, int readQueues, int writeQueues) {
            Result created = ok("updateTopic", "-c", clusterName, "-t", topic, "-r", Integer.toString(readQueues),
                    "-w", Integer.toString(writeQueues));
            assertTrue(created.stdout().contains("create topic to " + clusterName + " success."), created::toString);
            assertTrue(created.stdout().contains("topicName=" + topic), created::toString);
            try (AdminClient admin = admin()) {
                await("route of " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> admin.topicRoute(topic).queueDatas().size() == 1);
            }
            return topic;
        }

        private Producer producer(String group) {
            Producer producer = Producer.builder().namesrvAddr(namesrvAddr).group(group)
                    .sendTimeout(Duration.ofSeconds(5)).build();
            producer.start();
            return producer;
        }

        private List<SendResult> send(Producer producer, String topic, int from, int count) {
            List<SendResult> results = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                results.add(producer.send(Message.builder(topic).tags("TagA").keys("key-" + i)
                        .body("body-" + i).build()));
            }
            return results;
        }

        @Test
        void clusterListShowsTheBrokerAndMoreStats() {
            Result base = ok("clusterList");
            assertTrue(base.lines().get(0).startsWith("#Cluster Name"), base::toString);
            assertTrue(base.lines().get(0).contains("#InTPS(LOAD)"), base::toString);
            String[] row = base.lines().stream().filter(line -> line.startsWith(clusterName)).map(Scenarios::columns)
                    .findFirst().orElseThrow(() -> new AssertionError(base.toString()));
            assertEquals(brokerName, row[1]);
            assertEquals("0", row[2]);
            assertEquals(brokerAddr, row[3]);

            Result more = ok("clusterList", "-m", "-c", clusterName);
            assertEquals(List.of("#Cluster", "Name", "#Broker", "Name", "#InTotalYest", "#OutTotalYest",
                    "#InTotalToday", "#OutTotalToday"), List.of(columns(more.lines().get(0))));
            String[] stats = columns(more.lines().get(1));
            assertEquals(List.of(clusterName, brokerName), List.of(stats[0], stats[1]));
            for (int i = 2; i < 6; i++) {
                assertTrue(Long.parseLong(stats[i]) >= 0, more::toString);
            }
        }

        @Test
        void topicIsCreatedListedRoutedAndDeleted() {
            String topic = createTopic(prefix + "_Life", 3, 5);

            assertTrue(ok("topicList").lines().contains(topic));
            Result byCluster = ok("topicList", "-c");
            assertTrue(byCluster.lines().stream().map(Scenarios::columns)
                    .anyMatch(cols -> cols.length >= 2 && cols[0].equals(clusterName) && cols[1].equals(topic)),
                    byCluster::toString);
            assertEquals(List.of(clusterName), ok("topicClusterList", "-t", topic).lines());

            Result table = ok("topicRoute", "-t", topic, "-l");
            String[] row = table.lines().stream().map(Scenarios::columns)
                    .filter(cols -> cols[0].equals(clusterName)).findFirst()
                    .orElseThrow(() -> new AssertionError(table.toString()));
            assertEquals(List.of(brokerName, "{0=" + brokerAddr + "}", "3", "5", "6"),
                    List.of(row[1], row[2], row[3], row[4], row[5]));
            String[] total = columns(table.lines().get(table.lines().size() - 1));
            assertEquals(List.of("Total:", "1", "3", "5"), List.of(total));

            Result json = ok("topicRoute", "-t", topic);
            assertTrue(json.stdout().contains("\"readQueueNums\":3"), json::toString);
            assertTrue(json.stdout().contains("\"writeQueueNums\":5"), json::toString);
            assertTrue(json.stdout().contains("\"brokerName\":\"" + brokerName + "\""), json::toString);

            Result deleted = ok("deleteTopic", "-c", clusterName, "-t", topic);
            assertTrue(deleted.stdout().contains("delete topic [" + topic + "] from cluster [" + clusterName
                    + "] success."), deleted::toString);
            assertFalse(ok("topicList").lines().contains(topic));
            fails("topicRoute", "-t", topic, "-n", namesrvAddr);
        }

        @Test
        void topicStatusAndMessageQueriesShowWhatWasSent() {
            String topic = createTopic(prefix + "_Msg", 2, 2);
            List<SendResult> sent;
            try (Producer producer = producer(prefix + "_MsgPG")) {
                sent = send(producer, topic, 0, 6);
            }
            Result sendOne = ok("sendMessage", "-t", topic, "-p", "hello mqadmin", "-k", "the-key", "-c", "TagZ",
                    "-b", brokerName, "-i", "1");
            String[] sendRow = columns(sendOne.lines().get(1));
            assertEquals(List.of(brokerName, "1", "SEND_OK"), List.of(sendRow[0], sendRow[1], sendRow[2]));
            String uniqueId = sendRow[3];

            Result status = ok("topicStatus", "-t", topic);
            assertTrue(status.lines().get(0).startsWith("#Broker Name"), status::toString);
            Map<Integer, Long> maxOffsets = new HashMap<>();
            status.lines().stream().skip(1).map(Scenarios::columns)
                    .forEach(cols -> maxOffsets.put(Integer.parseInt(cols[1]), Long.parseLong(cols[3])));
            Map<Integer, Long> expected = new HashMap<>(Map.of(0, 0L, 1, 1L));
            sent.forEach(result -> expected.merge(result.queue().queueId(), 1L, Long::sum));
            assertEquals(expected, maxOffsets);

            Result byUniqueKey = ok("queryMsgByUniqueKey", "-t", topic, "-i", uniqueId, "-f", "UTF-8");
            assertEquals(topic, field(byUniqueKey, "Topic:"));
            assertEquals("[TagZ]", field(byUniqueKey, "Tags:"));
            assertEquals("[the-key]", field(byUniqueKey, "Keys:"));
            assertEquals("1", field(byUniqueKey, "Queue ID:"));
            assertEquals("hello mqadmin", field(byUniqueKey, "Message Body:"));
            String offsetId = field(byUniqueKey, "OffsetID:");
            Result allCopies = ok("queryMsgByUniqueKey", "-t", topic, "-i", uniqueId, "-a");
            assertEquals(1, allCopies.lines().stream().filter(line -> line.startsWith("Topic:")).count(),
                    allCopies::toString);

            Result byId = ok("queryMsgById", "-i", offsetId, "-f", "UTF-8");
            assertEquals("hello mqadmin", field(byId, "Message Body:"));
            assertEquals(field(byUniqueKey, "CommitLog Offset:"), field(byId, "CommitLog Offset:"));

            SendResult third = sent.get(3);
            Result byKey = eventually("queryMsgByKey", "-t", topic, "-k", "key-3");
            assertEquals(List.of("#Message", "ID", "#QID", "#Offset"), List.of(columns(byKey.lines().get(0))));
            assertEquals(List.of(third.msgId(), Integer.toString(third.queue().queueId()),
                    Long.toString(third.queueOffset())), List.of(columns(byKey.lines().get(1))));

            Result byOffset = ok("queryMsgByOffset", "-t", topic, "-b", third.queue().brokerName(), "-i",
                    Integer.toString(third.queue().queueId()), "-o", Long.toString(third.queueOffset()), "-f", "UTF-8");
            assertEquals("body-3", field(byOffset, "Message Body:"));
            assertEquals("[key-3]", field(byOffset, "Keys:"));
        }

        @Test
        void groupProgressConnectionsCloneAndReset() {
            String topic = createTopic(prefix + "_Grp", 2, 2);
            String group = prefix + "_CG";
            String clone = prefix + "_CG_CLONE";
            Result created = ok("updateSubGroup", "-b", brokerAddr, "-g", group);
            assertTrue(created.stdout().contains("create subscription group to " + brokerAddr + " success."),
                    created::toString);
            assertTrue(created.stdout().contains("groupName=" + group), created::toString);

            String producerGroup = prefix + "_GrpPG";
            try (Producer producer = producer(producerGroup)) {
                send(producer, topic, 0, 6);
                Result producers = eventually("producerConnection", "-g", producerGroup, "-t", topic);
                String[] producerRow = columns(producers.lines().get(0));
                assertEquals("0001", producerRow[0]);
                assertTrue(producerRow[1].contains("@"), producers::toString);
                assertEquals("JAVA", producerRow[3]);

                try (PullConsumer consumer = PullConsumer.builder().namesrvAddr(namesrvAddr).group(group)
                        .consumeFromWhere(ConsumeFromWhere.FIRST_OFFSET).autoCommit(false)
                        .longPollTimeout(Duration.ofSeconds(2)).rebalanceInterval(Duration.ofSeconds(2)).build()) {
                    consumer.start();
                    consumer.subscribe(topic, "*");
                    Set<String> received = new HashSet<>();
                    await("6 distinct messages").atMost(WAIT).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(message -> received.add(message.messageId()));
                        return received.size() >= 6;
                    });
                    consumer.commit();

                    Result connection = eventually("consumerConnection", "-g", group);
                    assertTrue(connection.lines().get(0).startsWith("#ClientId"), connection::toString);
                    assertTrue(columns(connection.lines().get(1))[0].contains("@"), connection::toString);
                    assertTrue(connection.lines().stream().map(Scenarios::columns)
                            .anyMatch(cols -> cols.length == 2 && cols[0].equals(topic) && cols[1].equals("*")),
                            connection::toString);
                    assertEquals("CONSUME_ACTIVELY", field(connection, "ConsumeType:"));
                    assertEquals("CLUSTERING", field(connection, "MessageModel:"));
                    awaitLag(group, topic, 0);
                }
                send(producer, topic, 6, 3);
            }

            Result progress = ok("consumerProgress", "-g", group, "-t", topic);
            assertTrue(progress.lines().get(0).startsWith("#Topic"), progress::toString);
            long brokerOffsets = 0;
            long consumerOffsets = 0;
            for (String line : progress.lines().subList(1, 3)) {
                String[] cols = columns(line);
                assertEquals(topic, cols[0]);
                assertEquals(brokerName, cols[1]);
                brokerOffsets += Long.parseLong(cols[3]);
                consumerOffsets += Long.parseLong(cols[4]);
                assertEquals(Long.parseLong(cols[3]) - Long.parseLong(cols[4]), Long.parseLong(cols[5]));
            }
            assertEquals(9, brokerOffsets);
            assertEquals(6, consumerOffsets);
            assertEquals(Optional.of(3L), diffTotal(progress));

            Result cloned = ok("cloneGroupOffset", "-s", group, "-d", clone, "-t", topic, "-o", "true");
            assertTrue(cloned.stdout().contains("clone group offset success."), cloned::toString);
            assertEquals(Optional.of(3L), diffTotal(ok("consumerProgress", "-g", clone, "-t", topic)));

            Result reset = ok("resetOffsetByTime", "-g", group, "-t", topic, "-s", "0");
            List<String[]> resetRows = reset.lines().stream().skip(2).map(Scenarios::columns).toList();
            assertEquals(2, resetRows.size(), reset::toString);
            resetRows.forEach(cols -> assertEquals(List.of(brokerName, "0"), List.of(cols[0], cols[2])));
            assertEquals(Optional.of(9L), diffTotal(ok("consumerProgress", "-g", group, "-t", topic)));

            Result oneQueue = ok("resetOffsetByTime", "-g", group, "-t", topic, "-s", "now", "-b", brokerAddr, "-q",
                    "0", "-o", "1");
            assertTrue(oneQueue.lines().get(0).contains("queueId[0], broker[" + brokerAddr + "]"), oneQueue::toString);
            assertEquals("reset consumer offset to 1", oneQueue.lines().get(1));
            Result afterOneQueue = ok("consumerProgress", "-g", group, "-t", topic);
            assertEquals(Optional.of(8L), diffTotal(afterOneQueue));
            assertEquals(List.of("1", "0"), afterOneQueue.lines().subList(1, 3).stream().map(Scenarios::columns)
                    .sorted(java.util.Comparator.comparing(cols -> cols[2])).map(cols -> cols[4]).toList(),
                    afterOneQueue::toString);

            Result deleted = ok("deleteSubGroup", "-b", brokerAddr, "-g", clone);
            assertTrue(deleted.stdout().contains("delete subscription group [" + clone + "] from broker ["
                    + brokerAddr + "] success."), deleted::toString);
        }

        private static final Pattern DIRECT_RESULT = Pattern.compile("ConsumeMessageDirectlyResult \\[order=(\\w+), "
                + "autoCommit=(\\w+), consumeResult=(\\w+), remark=(.*), spentTimeMills=(\\d+)]");

        /** The one ConsumeMessageDirectlyResult line: order, autoCommit, consumeResult, remark, spentTimeMills. */
        private static List<String> directResult(Result result) {
            List<Matcher> matches = result.lines().stream().map(DIRECT_RESULT::matcher).filter(Matcher::matches)
                    .toList();
            assertEquals(1, matches.size(), result::toString);
            Matcher m = matches.get(0);
            return List.of(m.group(1), m.group(2), m.group(3), m.group(4));
        }

        /** The MessageTrack lines after the message block. */
        private static List<String> tracks(Result result) {
            return result.lines().stream().filter(line -> line.startsWith("MessageTrack [")).toList();
        }

        @ParameterizedTest
        @EnumSource(OnlinePushConsumer.Kind.class)
        void directConsumptionResendAndConsumerTracks(OnlinePushConsumer.Kind kind, @TempDir Path offsets)
                throws Exception {
            String topic = createTopic(prefix + "_Direct" + kind, 1, 1);
            String group = prefix + "_DirectCG_" + kind;
            String body = "direct-" + kind;
            SendResult sent;
            try (Producer producer = producer(prefix + "_DirectPG")) {
                sent = producer.send(Message.builder(topic).tags("TagA").keys("direct-key").body(body).build());
            }
            String offsetId = sent.offsetMsgId();
            try (OnlinePushConsumer consumer = OnlinePushConsumer.start(kind, namesrvAddr, group, topic, offsets);
                 AdminClient admin = admin()) {
                await("first delivery").atMost(WAIT).until(() -> consumer.deliveriesOf(body) == 1);
                awaitLag(group, topic, 0);
                String clientId = await("client id").atMost(WAIT).ignoreExceptions()
                        .until(() -> admin.consumerConnection(group).connections().get(0).clientId(),
                                id -> id != null);

                Result tracked = ok("queryMsgById", "-i", offsetId);
                assertEquals(List.of("MessageTrack [consumerGroup=" + group + ", trackType=CONSUMED, "
                        + "exceptionDesc=null]"), tracks(tracked), tracked::toString);

                Result direct = ok("queryMsgById", "-i", offsetId, "-g", group, "-d", clientId);
                assertEquals(List.of("false", "true", "CR_SUCCESS", "null"), directResult(direct));
                assertEquals(2, consumer.deliveriesOf(body), () -> consumer.bodies + "\n" + direct);

                consumer.rejectNext();
                Result byKey = ok("queryMsgByUniqueKey", "-t", topic, "-i", sent.msgId(), "-g", group, "-d",
                        clientId);
                assertEquals(List.of("false", "true", "CR_LATER", "null"), directResult(byKey));
                assertEquals(3, consumer.deliveriesOf(body), () -> consumer.bodies + "\n" + byKey);

                Result resent = ok("queryMsgById", "-i", offsetId, "-s", "true");
                assertEquals("prepare resend msg. originalMsgId=" + offsetId, resent.lines().get(0));
                assertTrue(resent.lines().get(1).startsWith("SendResult [sendStatus=SEND_OK, msgId="),
                        resent::toString);
                assertTrue(resent.lines().get(1).contains("topic=" + topic), resent::toString);
                await("resent copy delivered").atMost(WAIT).until(() -> consumer.deliveriesOf(body) == 4);
            }
            try (AdminClient admin = admin()) {
                await("group offline").atMost(WAIT).until(() -> {
                    try {
                        admin.consumerConnection(group);
                        return false;
                    } catch (AdminException e) {
                        return true;
                    }
                });
            }
            Result offline = ok("queryMsgById", "-i", offsetId);
            assertEquals(1, tracks(offline).size(), offline::toString);
            assertTrue(tracks(offline).get(0).startsWith("MessageTrack [consumerGroup=" + group
                    + ", trackType=NOT_ONLINE, exceptionDesc=CODE:206 DESC:"), offline::toString);
        }

        @Test
        void subscriptionGroupAttributesAreChangedAndShown() {
            String group = prefix + "_AttrCG";
            ok("updateSubGroup", "-b", brokerAddr, "-g", group, "-r", "7");
            Result config = ok("getConsumerConfig", "-g", group);
            assertEquals("=============================" + clusterName + ":" + brokerName
                    + "=============================", config.lines().get(0));
            assertEquals(group, configField(config, "groupName"));
            assertEquals("7", configField(config, "retryMaxTimes"));
            assertEquals("false", configField(config, "consumeBroadcastEnable"));
            assertEquals("{}", configField(config, "attributes"));

            Result added = mqadmin.run(withNamesrv("updateSubGroup", "-b", brokerAddr, "-g", group, "--attributes",
                    "+tier=gold,+zone=z1"));
            if (prefix.endsWith("Apache")) {
                // RocketMQ 5.2.0 defines no subscription group attribute, so its broker refuses every key.
                assertEquals(1, added.exitCode(), added::toString);
                assertEquals(1, added.stderr().lines().count(), added::toString);
                assertTrue(added.stderr().contains("unsupported key: "), added::toString);
                assertEquals("{}", configField(ok("getConsumerConfig", "-g", group), "attributes"));
                return;
            }
            assertEquals(0, added.exitCode(), added::toString);
            assertTrue(added.stdout().contains("attributes={+tier=gold, +zone=z1}"), added::toString);
            assertEquals("{tier=gold, zone=z1}", configField(ok("getConsumerConfig", "-g", group), "attributes"));

            ok("updateSubGroup", "-b", brokerAddr, "-g", group, "--attributes", "+tier=silver,-zone");
            assertEquals("{tier=silver}", configField(ok("getConsumerConfig", "-g", group), "attributes"));
            // A value starting with '-' must be attached (as with Apache's parser, "-n…" would read as -n).
            Result missing = mqadmin.run(withNamesrv("updateSubGroup", "-b", brokerAddr, "-g", group,
                    "--attributes=-nothere"));
            assertEquals(1, missing.exitCode(), missing::toString);
            assertTrue(missing.stderr().contains("attempt to delete a nonexistent key: nothere"), missing::toString);
            assertEquals("{tier=silver}", configField(ok("getConsumerConfig", "-g", group), "attributes"));
        }

        /** The value of {@code name} in getConsumerConfig's {@code %-40s=  %s} lines. */
        private static String configField(Result config, String name) {
            return config.lines().stream().filter(line -> line.startsWith(String.format("%-40s=  ", name)))
                    .map(line -> line.substring(43)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " in\n" + config));
        }

        /** Waits in-process (no tool runs) until the group's lag on the topic is {@code lag}. */
        private void awaitLag(String group, String topic, long lag) {
            try (AdminClient admin = admin()) {
                await("lag " + lag + " of " + group).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions().until(() -> admin.consumeStats(group, topic).diffTotal() == lag);
            }
        }

        private static Optional<Long> diffTotal(Result progress) {
            return progress.lines().stream().filter(line -> line.startsWith("Consume Diff Total: ")).findFirst()
                    .map(line -> Long.parseLong(line.substring("Consume Diff Total: ".length()).trim()));
        }

        @Test
        void pushConsumerStatusScansStatsAndSendRt(@TempDir Path offsets) throws Exception {
            String topic = createTopic(prefix + "_Push", 2, 2);
            String group = prefix + "_PushCG";
            try (Producer producer = producer(prefix + "_PushPG")) {
                send(producer, topic, 0, 4);
            }
            AtomicInteger consumed = new AtomicInteger();
            try (PushConsumer consumer = PushConsumer.builder().namesrvAddr(namesrvAddr).group(group)
                    .consumeFrom(ConsumeFromWhere.FIRST_OFFSET).subscribe(topic, "*")
                    .rebalanceInterval(Duration.ofSeconds(2)).persistOffsetInterval(Duration.ofSeconds(1))
                    .offsetStoreDir(offsets).concurrentListener(messages -> {
                        consumed.addAndGet(messages.size());
                        return ConcurrentListener.Result.SUCCESS;
                    }).build()) {
                consumer.start();
                await("4 deliveries").atMost(WAIT).until(() -> consumed.get() >= 4);

                Result status = eventually("consumerStatus", "-g", group);
                assertEquals(List.of("#Index", "#ClientId", "#Version", "#ConsumerRunningInfoFile"),
                        List.of(columns(status.lines().get(0))));
                String[] row = columns(status.lines().get(1));
                assertEquals("1", row[0]);
                String clientId = row[1];
                assertTrue(clientId.contains("@"), status::toString);
                String saved = Files.readString(status.workDir().resolve(row[3]));
                assertTrue(saved.contains(topic), saved);
                assertTrue(status.stdout().contains("Same subscription in the same group of consumer"),
                        status::toString);
                assertTrue(status.stdout().contains("Rebalance OK"), status::toString);

                Result one = ok("consumerStatus", "-g", group, "-i", clientId);
                assertTrue(one.stdout().contains("\"subscriptionSet\""), one::toString);
                assertTrue(one.stdout().contains(topic), one::toString);

                Result groups = eventually("consumerProgress");
                assertTrue(groups.lines().get(0).startsWith("#Group"), groups::toString);
                assertTrue(groups.lines().stream().map(Scenarios::columns).anyMatch(cols -> cols[0].equals(group)
                        && cols[1].equals("1") && cols[3].equals("PUSH") && cols[4].equals("CLUSTERING")),
                        groups::toString);
                awaitLag(group, topic, 0);
            }

            Result printed = ok("printMsg", "-t", topic);
            assertEquals(2, printed.lines().stream().filter(line -> line.startsWith("minOffset=0, maxOffset="))
                    .count(), printed::toString);
            List<String> bodies = printed.lines().stream().filter(line -> line.startsWith("MSGID: "))
                    .map(line -> line.substring(line.lastIndexOf("BODY: ") + 6)).sorted().toList();
            assertEquals(List.of("body-0", "body-1", "body-2", "body-3"), bodies);

            Result consumedByTool = ok("consumeMessage", "-t", topic, "-c", "3");
            assertEquals(3, consumedByTool.lines().stream().filter(line -> line.equals("Consume ok")).count(),
                    consumedByTool::toString);
            assertEquals(3, consumedByTool.lines().stream().filter(line -> line.startsWith("MSGID: ")).count(),
                    consumedByTool::toString);

            // The broker samples its counters every 10 s (VIEW_BROKER_STATS_DATA): poll until the 4 puts and the
            // push group's 4 gets show as the last 24 hours' counts.
            Result stats = await("statsAll counts").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ok("statsAll", "-t", topic), result -> statsRow(result, topic, group)
                            .filter(cols -> cols[5].equals("4") && cols[6].equals("4")).isPresent());
            assertEquals(List.of("#Topic", "#Consumer", "Group", "#Accumulation", "#InTPS", "#OutTPS",
                    "#InMsg24Hour", "#OutMsg24Hour"), List.of(columns(stats.lines().get(0))));
            String[] statsRow = statsRow(stats, topic, group).orElseThrow();
            assertEquals(7, statsRow.length, stats::toString);
            assertEquals("0", statsRow[2]);
            assertTrue(Double.parseDouble(statsRow[3]) >= 0 && Double.parseDouble(statsRow[4]) >= 0, stats::toString);
            Result activeOnly = ok("statsAll", "-a");
            assertTrue(statsRow(activeOnly, topic, group).isPresent(), activeOnly::toString);

            Result rt = ok("clusterRT", "-a", "3", "-c", clusterName);
            assertTrue(rt.lines().get(0).startsWith("#Cluster Name"), rt::toString);
            String[] rtRow = columns(rt.lines().get(1));
            assertEquals(List.of(clusterName, brokerName, "3", "0"), List.of(rtRow[0], rtRow[1], rtRow[3], rtRow[4]));
            assertTrue(Double.parseDouble(rtRow[2]) >= 0, rt::toString);
        }

        @Test
        void unknownTopicOrGroupIsOneLineAndNonZero() {
            assertTrue(fails("topicStatus", "-t", prefix + "_NoSuchTopic", "-n", namesrvAddr).stderr()
                    .contains(prefix + "_NoSuchTopic"));
            assertTrue(fails("consumerProgress", "-g", prefix + "_NoSuchGroup", "-n", namesrvAddr).stderr()
                    .contains(prefix + "_NoSuchGroup"));
        }

        @Test
        void brokerStatusAndConfigReadAndChange() {
            Result status = ok("brokerStatus", "-b", brokerAddr);
            Map<String, String> table = new HashMap<>();
            status.lines().forEach(line -> {
                int colon = line.indexOf(':');
                table.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            });
            assertTrue(table.get("brokerVersionDesc").startsWith("V"), status::toString);
            assertTrue(table.containsKey("putTps"), status::toString);

            Result byCluster = ok("brokerStatus", "-c", clusterName);
            assertTrue(byCluster.lines().stream().allMatch(line -> line.startsWith(brokerAddr)), byCluster::toString);

            Result changed = ok("updateBrokerConfig", "-b", brokerAddr, "-k", "maxTransferCountOnMessageInMemory",
                    "-v", "321");
            assertEquals("update broker config success, " + brokerAddr, changed.lines().get(0));
            Result config = ok("getBrokerConfig", "-c", clusterName);
            assertEquals("============Master: " + brokerAddr + "============", config.lines().get(0));
            assertTrue(config.lines().contains(String.format("%-50s=  %s", "maxTransferCountOnMessageInMemory",
                    "321")), config::toString);
            assertTrue(config.lines().contains(String.format("%-50s=  %s", "brokerName", brokerName)),
                    config::toString);
        }

        @Test
        void nameServerConfigKvItemsAndWritePermission() {
            Result changed = ok("updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "true");
            assertTrue(changed.stdout().startsWith("update name server config success!"), changed::toString);
            Result config = ok("getNamesrvConfig");
            assertEquals("============" + namesrvAddr + "============", config.lines().get(0));
            assertTrue(config.lines().contains(String.format("%-50s=  %s", "orderMessageEnable", "true")),
                    config::toString);
            ok("updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "false");

            String key = prefix + "_KvTopic";
            ok("updateKvConfig", "-s", "ORDER_TOPIC_CONFIG", "-k", key, "-v", brokerName + ":4");
            try (AdminClient admin = admin()) {
                assertEquals(Optional.of(brokerName + ":4"), admin.kvConfig("ORDER_TOPIC_CONFIG", key));
                Result deleted = ok("deleteKvConfig", "-s", "ORDER_TOPIC_CONFIG", "-k", key);
                assertEquals("delete kv config from namespace success.", deleted.lines().get(0));
                assertEquals(Optional.empty(), admin.kvConfig("ORDER_TOPIC_CONFIG", key));
            }

            String topic = createTopic(prefix + "_Perm", 2, 2);
            Result wiped = ok("wipeWritePerm", "-b", brokerName);
            String wipeLine = wiped.lines().get(0);
            assertTrue(wipeLine.startsWith("wipe write perm of broker[" + brokerName + "] in name server["
                    + namesrvAddr + "] OK, "), wiped::toString);
            assertTrue(Integer.parseInt(wipeLine.substring(wipeLine.lastIndexOf(' ') + 1)) > 0, wiped::toString);
            assertEquals("4", columns(ok("topicRoute", "-t", topic, "-l").lines().get(1))[5]);
            Result added = ok("addWritePerm", "-b", brokerName);
            assertTrue(added.lines().get(0).startsWith("add write perm of broker[" + brokerName + "]"),
                    added::toString);
            assertEquals("6", columns(ok("topicRoute", "-t", topic, "-l").lines().get(1))[5]);
        }
    }
}
