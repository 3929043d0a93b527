package org.tidemq.tools.admin.command.topic;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topicClusterList}: the clusters serving a topic, one per line. */
@Command(name = "topicClusterList", description = "Get cluster info for topic.")
public final class TopicClusterListCommand extends AdminCommand {
    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Override
    protected void run(AdminClient admin) {
        TopicClusters.of(admin.topicRoute(topic.trim()), admin.clusterInfo()).forEach(cluster -> printf("%s%n", cluster));
    }
}
