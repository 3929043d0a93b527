package org.tidemq.tools.admin.command.topic;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.QueueStats;
import org.tidemq.client.admin.TopicStats;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code topicStatus}: min/max offset and last store time of every queue of a topic. */
@Command(name = "topicStatus", description = "Examine topic Status info.")
public final class TopicStatusCommand extends AdminCommand {
    static final String HEADER = "%-32s  %-4s  %-20s  %-20s    %s%n";
    static final String ROW = "%-32s  %-4d  %-20d  %-20d    %s%n";

    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Override
    protected void run(AdminClient admin) {
        TopicStats stats = admin.topicStats(topic.trim());
        printf(HEADER, "#Broker Name", "#QID", "#Min Offset", "#Max Offset", "#Last Updated");
        for (Map.Entry<MessageQueue, QueueStats> queue : stats.queues().entrySet()) {
            QueueStats value = queue.getValue();
            String updated = value.lastUpdateTimestamp() > 0
                    ? Columns.humanMillis(value.lastUpdateTimestamp(), context().clock().getZone()) : "";
            printf(ROW, Columns.front(queue.getKey().brokerName(), 32), queue.getKey().queueId(), value.minOffset(),
                    value.maxOffset(), updated);
        }
    }
}
