package org.tidemq.tools.admin.command.group;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code getConsumerConfig}: a subscription group's config on every broker that has it, one
 * {@code field = value} line per SubscriptionGroupConfig field in Apache's declaration order.
 */
@Command(name = "getConsumerConfig", description = "Get consumer config by subscription group name.")
public final class GetConsumerConfigCommand extends AdminCommand {
    @Option(names = {"-g", "--groupName"}, required = true, description = "subscription group name")
    String groupName;

    @Override
    protected void run(AdminClient admin) {
        String group = groupName.trim();
        ClusterInfo cluster = admin.clusterInfo();
        boolean found = false;
        for (BrokerData broker : new TreeMap<>(cluster.brokerAddrTable()).values()) {
            String address = broker.masterAddr() != null ? broker.masterAddr()
                    : broker.brokerAddrs().values().stream().findFirst().orElse(null);
            if (address == null) {
                continue;
            }
            Optional<SubscriptionGroupConfig> config = admin.subscriptionGroup(address, group);
            if (config.isEmpty()) {
                continue;
            }
            found = true;
            printf("=============================%s:%s=============================%n",
                    clusterOf(broker.brokerName(), cluster.clusterAddrTable()), broker.brokerName());
            fields(config.get()).forEach((name, value) -> printf("%-40s=  %s%n", name, value));
        }
        if (!found) {
            throw new ToolFailure("subscription group " + group + " does not exist on any broker");
        }
    }

    private static String clusterOf(String brokerName, Map<String, Set<String>> clusters) {
        return clusters.entrySet().stream().filter(entry -> entry.getValue().contains(brokerName))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The fields Apache's command prints by reflection, in its SubscriptionGroupConfig's declaration order. */
    static Map<String, String> fields(SubscriptionGroupConfig c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("groupName", c.groupName());
        fields.put("consumeEnable", String.valueOf(c.consumeEnable()));
        fields.put("consumeFromMinEnable", String.valueOf(c.consumeFromMinEnable()));
        fields.put("consumeBroadcastEnable", String.valueOf(c.consumeBroadcastEnable()));
        fields.put("consumeMessageOrderly", String.valueOf(c.consumeMessageOrderly()));
        fields.put("retryQueueNums", String.valueOf(c.retryQueueNums()));
        fields.put("retryMaxTimes", String.valueOf(c.retryMaxTimes()));
        fields.put("groupRetryPolicy", "GroupRetryPolicy{type=" + c.groupRetryPolicyType()
                + ", exponentialRetryPolicy=null, customizedRetryPolicy=null}");
        fields.put("brokerId", String.valueOf(c.brokerId()));
        fields.put("whichBrokerWhenConsumeSlowly", String.valueOf(c.whichBrokerWhenConsumeSlowly()));
        fields.put("notifyConsumerIdsChangedEnable", String.valueOf(c.notifyConsumerIdsChangedEnable()));
        fields.put("groupSysFlag", String.valueOf(c.groupSysFlag()));
        fields.put("consumeTimeoutMinute", String.valueOf(c.consumeTimeoutMinute()));
        fields.put("subscriptionDataSet", "");
        fields.put("attributes", c.attributes().toString());
        return fields;
    }
}
