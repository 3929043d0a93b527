package org.tidemq.tools.admin.command.topic;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code topicRoute}: the topic's route as pretty JSON, or with {@code -l} as a table with totals. */
@Command(name = "topicRoute", description = "Examine topic route info.")
public final class TopicRouteCommand extends AdminCommand {
    static final String LIST_FORMAT = "%-45s %-32s %-50s %-10s %-11s %-5s%n";
    private static final int RULE_WIDTH = 158;

    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Option(names = {"-l", "--list"}, description = "Use list format to print data")
    boolean list;

    @Override
    protected void run(AdminClient admin) {
        TopicRouteData route = admin.topicRoute(topic.trim());
        if (!list) {
            printf("%s%n", Columns.prettyJson(route.toJson(IntKeyStyle.QUOTED)));
            return;
        }
        Map<String, QueueData> queuesByBroker = new HashMap<>();
        route.queueDatas().forEach(queues -> queuesByBroker.put(queues.brokerName(), queues));
        List<BrokerData> brokers = route.brokerDatas().stream()
                .sorted(Comparator.comparing(BrokerData::brokerName)).toList();
        printf(LIST_FORMAT, "#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm");
        int totalRead = 0;
        int totalWrite = 0;
        for (BrokerData broker : brokers) {
            QueueData queues = queuesByBroker.get(broker.brokerName());
            if (queues == null) {
                continue;
            }
            totalRead += queues.readQueueNums();
            totalWrite += queues.writeQueueNums();
            printf(LIST_FORMAT, broker.cluster(), broker.brokerName(), broker.brokerAddrs(), queues.readQueueNums(),
                    queues.writeQueueNums(), queues.perm());
        }
        printf("%s%n", "-".repeat(RULE_WIDTH));
        printf(LIST_FORMAT, "Total:", queuesByBroker.size(), "", totalRead, totalWrite, "");
    }
}
