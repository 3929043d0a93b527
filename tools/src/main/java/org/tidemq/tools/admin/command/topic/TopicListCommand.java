package org.tidemq.tools.admin.command.topic;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Set;

/** {@code topicList}: every topic name, or with {@code -c} each topic's cluster and consumer groups. */
@Command(name = "topicList", description = "Fetch all topic list from name server.")
public final class TopicListCommand extends AdminCommand {
    static final String CLUSTER_HEADER = "%-20s  %-48s  %-48s%n";
    static final String CLUSTER_ROW = "%-20s  %-64s  %-64s%n";
    private static final String RETRY_PREFIX = "%RETRY%";
    private static final String DLQ_PREFIX = "%DLQ%";

    @Option(names = {"-c", "--clusterModel"}, description = "clusterModel")
    boolean clusterModel;

    @Override
    protected void run(AdminClient admin) {
        Set<String> topics = admin.topicList();
        if (!clusterModel) {
            topics.forEach(topic -> printf("%s%n", topic));
            return;
        }
        ClusterInfo info = admin.clusterInfo();
        printf(CLUSTER_HEADER, "#Cluster Name", "#Topic", "#Consumer Group");
        for (String topic : topics) {
            if (topic.startsWith(RETRY_PREFIX) || topic.startsWith(DLQ_PREFIX)) {
                continue;
            }
            String cluster = "";
            List<String> groups = List.of("");
            try {
                TopicRouteData route = admin.topicRoute(topic);
                cluster = TopicClusters.of(route, info).stream().findFirst().orElse("");
                Set<String> consumers = admin.topicConsumers(topic);
                if (!consumers.isEmpty()) {
                    groups = List.copyOf(consumers);
                }
            } catch (AdminException e) {
                // Pseudo topics (cluster and broker names) have no consumers; Apache lists them with blanks too.
            }
            for (String group : groups) {
                printf(CLUSTER_ROW, Columns.front(cluster, 20), Columns.front(topic, 64), Columns.front(group, 64));
            }
        }
    }
}
