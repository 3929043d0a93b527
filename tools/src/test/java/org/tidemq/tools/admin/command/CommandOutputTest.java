package org.tidemq.tools.admin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.ConsumeStats;
import org.tidemq.client.admin.HaStatus;
import org.tidemq.client.admin.QueueConsumeStats;
import org.tidemq.client.admin.QueueStats;
import org.tidemq.client.admin.TopicStats;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.tools.admin.FakeCluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each command's columns, exactly as Apache's tool prints them, from scripted cluster answers. */
class CommandOutputTest {
    private static final String NS = "ns:9876";

    @Test
    void topicStatusPrintsOneRowPerQueueSortedWithLocalTimes() {
        FakeCluster cluster = new FakeCluster().on("topicStats", args -> new TopicStats("T", Map.of(
                new MessageQueue("T", "b", 1), new QueueStats(0, 7, 1_709_288_130_123L),
                new MessageQueue("T", "b", 0), new QueueStats(2, 5, 0))));

        assertEquals(0, cluster.run("topicStatus", "-t", "T", "-n", NS));

        assertEquals(List.of(
                String.format("%-32s  %-4s  %-20s  %-20s    %s", "#Broker Name", "#QID", "#Min Offset", "#Max Offset",
                        "#Last Updated"),
                String.format("%-32s  %-4d  %-20d  %-20d    %s", "b", 0, 2, 5, ""),
                String.format("%-32s  %-4d  %-20d  %-20d    %s", "b", 1, 0, 7, "2024-03-01 10:15:30,123")),
                cluster.outLines());
    }

    @Test
    void consumerProgressPrintsDiffInflightAndTotals() {
        FakeCluster cluster = new FakeCluster().on("consumeStats", args -> {
            assertEquals("G", args[0]);
            assertEquals("T", args[1]);
            return new ConsumeStats("G", Map.of(
                    new MessageQueue("T", "b", 0), new QueueConsumeStats(10, 4, 6, 0),
                    new MessageQueue("T", "b", 1), new QueueConsumeStats(3, 3, 3, 1_709_288_130_123L)), 1.5);
        });

        assertEquals(0, cluster.run("consumerProgress", "-g", "G", "-t", "T", "-n", NS));

        List<String> lines = cluster.outLines();
        assertEquals(String.format("%-64s  %-32s  %-4d  %-20d  %-20d  %-20d %-20d %s", "T", "b", 0, 10, 4, 6, 2,
                "N/A"), lines.get(1));
        assertEquals(String.format("%-64s  %-32s  %-4d  %-20d  %-20d  %-20d %-20d %s", "T", "b", 1, 3, 3, 0, 0,
                "2024-03-01 10:15:30"), lines.get(2));
        assertEquals(List.of("", "Consume TPS: 1.50", "Consume Diff Total: 6", "Consume Inflight Total: 2"),
                lines.subList(3, 7));
    }

    @Test
    void consumerProgressOfAGroupWithoutOffsetsFails() {
        FakeCluster cluster = new FakeCluster()
                .on("consumeStats", args -> new ConsumeStats("G", Map.of(), 0));

        assertEquals(1, cluster.run("consumerProgress", "-g", "G", "-n", NS));

        assertTrue(cluster.err.toString().contains("consumer group 'G' has no offsets"), cluster.err.toString());
    }

    @Test
    void topicRouteListFormatHasTotals() {
        TopicRouteData route = new TopicRouteData(null,
                List.of(new QueueData("b2", 2, 3, 6, 0), new QueueData("b1", 4, 4, 4, 0)),
                List.of(new BrokerData("C", "b2", Map.of(0L, "h2:1")), new BrokerData("C", "b1", Map.of(0L, "h1:1"))),
                Map.of());
        FakeCluster cluster = new FakeCluster().on("topicRoute", args -> route);

        assertEquals(0, cluster.run("topicRoute", "-t", "T", "-l", "-n", NS));

        String format = "%-45s %-32s %-50s %-10s %-11s %-5s";
        assertEquals(List.of(
                String.format(format, "#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue",
                        "#Perm"),
                String.format(format, "C", "b1", "{0=h1:1}", 4, 4, 4),
                String.format(format, "C", "b2", "{0=h2:1}", 2, 3, 6),
                "-".repeat(158),
                String.format(format, "Total:", 2, "", 6, 7, "")), cluster.outLines());
    }

    @Test
    void clusterListReadsRuntimeInfoPerBroker() {
        ClusterInfo info = new ClusterInfo(Map.of("b1", new BrokerData("C", "b1", Map.of(0L, "h1:1", 1L, "h1:2"))),
                Map.of("C", Set.of("b1")));
        FakeCluster cluster = new FakeCluster().on("clusterInfo", args -> info)
                .on("brokerRuntimeInfo", args -> Map.of("brokerVersionDesc", "V5_2_0", "putTps", "12.5 11 10",
                        "getTransferredTps", "3.25 1 1", "sendThreadPoolQueueSize", "0",
                        "sendThreadPoolQueueHeadWaitTimeMills", "0", "pullThreadPoolQueueSize", "1",
                        "pullThreadPoolQueueHeadWaitTimeMills", "2", "pageCacheLockTimeMills", "0",
                        "commitLogDiskRatio", "0.5", "brokerActive", "true"));

        assertEquals(0, cluster.run("clusterList", "-n", NS));
        String row = "%-22s  %-22s  %-4s  %-22s %-16s  %16s  %16s  %-22s  %11s  %-12s  %-8s  %10s";
        assertEquals(String.format(row, "C", "b1", 0, "h1:1", "V5_2_0", "    12.50(0,0ms)", "     3.25(1,2ms)",
                "0-0(0.0w, 0.0, 0.0)", "0", "0.00", "0.5000", true), cluster.outLines().get(1));
        assertEquals(3, cluster.outLines().size());

        FakeCluster more = new FakeCluster().on("clusterInfo", args -> info)
                .on("brokerRuntimeInfo", args -> Map.of("msgPutTotalTodayNow", "30", "msgPutTotalTodayMorning", "10",
                        "msgPutTotalYesterdayMorning", "4"));
        assertEquals(0, more.run("clusterList", "-m", "-n", NS));
        assertEquals(String.format("%-16s  %-32s %14d %14d %14d %14d", "C", "b1", 6, 0, 20, 0), more.outLines().get(1));
    }

    @Test
    void resetOffsetByTimeAcceptsApachesTimestampForms() {
        FakeCluster cluster = new FakeCluster().on("resetOffsetByTime", args -> {
            assertEquals(1_709_288_130_123L, args[2]);
            return Map.of(new MessageQueue("T", "b", 0), 42L);
        });

        assertEquals(0, cluster.run("resetOffsetByTime", "-g", "G", "-t", "T", "-s", "2024-03-01#10:15:30:123",
                "-n", NS));
        assertEquals(String.format("%-40s  %-40d  %-40d", "b", 0, 42), cluster.outLines().get(2));

        FakeCluster bad = new FakeCluster();
        assertEquals(1, bad.run("resetOffsetByTime", "-g", "G", "-t", "T", "-s", "yesterday", "-n", NS));
        assertTrue(bad.err.toString().contains("invalid timestamp 'yesterday'"), bad.err.toString());
    }

    @Test
    void updateTopicNeedsExactlyOneTargetAndSendsTheSpec() {
        FakeCluster neither = new FakeCluster();
        assertEquals(2, neither.run("updateTopic", "-t", "T", "-n", NS));

        FakeCluster cluster = new FakeCluster().on("createOrUpdateTopic", args -> {
            assertEquals("C", args[0]);
            assertEquals("TopicSpec[name=T, readQueues=3, writeQueues=5, perm=4, order=true]", args[1].toString());
            return null;
        });
        assertEquals(0, cluster.run("updateTopic", "-c", "C", "-t", "T", "-r", "3", "-w", "5", "-p", "4", "-o",
                "true", "-n", NS));
        assertEquals("create topic to C success.", cluster.outLines().get(0));
    }

    @Test
    void updateSubGroupMapsApachesOptionsOntoTheConfig() {
        FakeCluster cluster = new FakeCluster().on("createOrUpdateSubscriptionGroup", args -> {
            assertEquals("C", args[0]);
            SubscriptionGroupConfig config = (SubscriptionGroupConfig) args[1];
            assertEquals("G", config.groupName());
            assertEquals(3, config.retryMaxTimes());
            assertEquals(true, config.consumeMessageOrderly());
            assertEquals(false, config.consumeBroadcastEnable());
            assertEquals("EXPONENTIAL", config.groupRetryPolicyType());
            return List.of("h1:1", "h2:1");
        });

        assertEquals(0, cluster.run("updateSubGroup", "-c", "C", "-g", "G", "-r", "3", "-o", "true", "-d", "false",
                "-p", "{\"type\":\"EXPONENTIAL\",\"exponentialRetryPolicy\":{\"initial\":1000}}", "-n", NS));

        assertEquals(List.of("create subscription group to h1:1 success.", "create subscription group to h2:1 success."),
                cluster.outLines().subList(0, 2));
        assertTrue(cluster.outLines().get(2).startsWith("SubscriptionGroupConfig{groupName=G, consumeEnable=true, "
                + "consumeFromMinEnable=false, consumeBroadcastEnable=false, consumeMessageOrderly=true,"),
                cluster.out::toString);

        FakeCluster badPolicy = new FakeCluster();
        assertEquals(1, badPolicy.run("updateSubGroup", "-b", "h:1", "-g", "G", "-p", "{oops", "-n", NS));
        assertTrue(badPolicy.err.toString().contains("retry policy is not valid JSON"), badPolicy.err.toString());
    }

    @Test
    void haStatusOfAMasterListsItsSlaves() {
        FakeCluster cluster = new FakeCluster().on("haStatus", args -> new HaStatus(true, 4096, 1,
                List.of(new HaStatus.SlaveConnection("s:1", 4000, 96, true, 2048, 0)), null));

        assertEquals(0, cluster.run("haStatus", "-b", "m:1", "-n", NS));

        assertEquals(List.of("", "#MasterAddr\tm:1", "#MasterCommitLogMaxOffset\t4096", "#SlaveNum\t1",
                "#InSyncSlaveNum\t1",
                String.format("%-32s  %-16s %16s %16s %16s %16s", "#SlaveAddr", "#SlaveAckOffset", "#Diff",
                        "#TransferSpeed(KB/s)", "#Status", "#TransferFromWhere"),
                String.format("%-32s  %-16d %16d %16.2f %16s %16d", "s:1", 4000, 96, 2.0, "OK", 0)),
                cluster.outLines());
    }
}
