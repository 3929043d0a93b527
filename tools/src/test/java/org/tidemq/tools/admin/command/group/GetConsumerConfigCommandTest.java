package org.tidemq.tools.admin.command.group;

import org.junit.jupiter.api.Test;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.tools.admin.FakeCluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getConsumerConfig: Apache's per-broker block of {@code field = value} lines; brokers without the group skipped. */
class GetConsumerConfigCommandTest {
    private static final ClusterInfo CLUSTER = new ClusterInfo(Map.of(
            "b1", new BrokerData("C", "b1", Map.of(0L, "h1:1")),
            "b2", new BrokerData("C", "b2", Map.of(0L, "h2:1"))), Map.of("C", Set.of("b1", "b2")));

    @Test
    void printsEveryFieldOfTheBrokersThatHaveTheGroup() {
        SubscriptionGroupConfig config = new SubscriptionGroupConfig("G", true, false, false, false, 1, 7, 0, 1,
                true, 0, 15, null, Map.of("tier", "gold"));
        FakeCluster cluster = new FakeCluster().on("clusterInfo", args -> CLUSTER)
                .on("subscriptionGroup", args -> args[0].equals("h2:1") ? Optional.of(config) : Optional.empty());

        assertEquals(0, cluster.run("getConsumerConfig", "-g", "G", "-n", "ns:1"));

        List<String> lines = cluster.outLines();
        assertEquals("=============================C:b2=============================", lines.get(0));
        assertEquals(16, lines.size(), cluster.out::toString);
        assertEquals(String.format("%-40s=  %s", "groupName", "G"), lines.get(1));
        assertEquals(String.format("%-40s=  %s", "retryMaxTimes", "7"), lines.get(7));
        assertEquals(String.format("%-40s=  %s", "groupRetryPolicy",
                "GroupRetryPolicy{type=CUSTOMIZED, exponentialRetryPolicy=null, customizedRetryPolicy=null}"),
                lines.get(8));
        assertEquals(String.format("%-40s=  %s", "attributes", "{tier=gold}"), lines.get(15));
    }

    @Test
    void unknownGroupEverywhereIsOneErrorLine() {
        FakeCluster cluster = new FakeCluster().on("clusterInfo", args -> CLUSTER)
                .on("subscriptionGroup", args -> Optional.empty());
        assertEquals(1, cluster.run("getConsumerConfig", "-g", "nope", "-n", "ns:1"));
        assertTrue(cluster.err.toString().contains("subscription group nope does not exist on any broker"),
                cluster.err::toString);
    }
}
