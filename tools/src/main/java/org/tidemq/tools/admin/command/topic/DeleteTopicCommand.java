package org.tidemq.tools.admin.command.topic;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deleteTopic}: removes a topic from a cluster's masters and from every name server. */
@Command(name = "deleteTopic", description = "Delete topic from broker and NameServer.")
public final class DeleteTopicCommand extends AdminCommand {
    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Option(names = {"-c", "--clusterName"}, required = true, description = "delete topic from which cluster")
    String clusterName;

    @Override
    protected void run(AdminClient admin) {
        String name = topic.trim();
        String cluster = clusterName.trim();
        admin.topicRoute(name);
        admin.deleteTopic(cluster, name);
        printf("delete topic [%s] from cluster [%s] success.%n", name, cluster);
        printf("delete topic [%s] from NameServer success.%n", name);
    }
}
