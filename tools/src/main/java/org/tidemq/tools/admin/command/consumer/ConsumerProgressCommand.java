package org.tidemq.tools.admin.command.consumer;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;
import org.tidemq.client.admin.ConsumeStats;
import org.tidemq.client.admin.ConsumerConnection;
import org.tidemq.client.admin.QueueConsumeStats;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code consumerProgress}: a group's offsets and lag per queue, or with no {@code -g} a summary of every group. */
@Command(name = "consumerProgress", description = "Query consumer's progress, speed.")
public final class ConsumerProgressCommand extends AdminCommand {
    static final String HEADER = "%-64s  %-32s  %-4s  %-20s  %-20s  %-20s %-20s%s%n";
    static final String ROW = "%-64s  %-32s  %-4d  %-20d  %-20d  %-20d %-20d %s%n";
    static final String GROUPS_HEADER = "%-64s  %-6s  %-24s %-5s  %-14s  %-7s  %s%n";
    static final String GROUPS_ROW = "%-64s  %-6d  %-24s %-5s  %-14s  %-7d  %d%n";
    private static final String RETRY_PREFIX = "%RETRY%";

    @Option(names = {"-g", "--groupName"}, description = "consumer group name")
    String groupName;

    @Option(names = {"-t", "--topicName"}, description = "topic name")
    String topicName;

    @Option(names = {"-s", "--showClientIP"}, arity = "1", hidden = true,
            description = "Show Client IP per Queue (not supported: accepted and ignored)")
    boolean showClientIp;

    @Override
    protected void run(AdminClient admin) {
        if (groupName == null) {
            printAllGroups(admin);
            return;
        }
        String group = groupName.trim();
        ConsumeStats stats = admin.consumeStats(group, topicName == null ? null : topicName.trim());
        if (stats.queues().isEmpty()) {
            throw new ToolFailure("consumer group '" + group + "' has no offsets on any broker (unknown group, "
                    + "or it never consumed)");
        }
        printf(HEADER, "#Topic", "#Broker Name", "#QID", "#Broker Offset", "#Consumer Offset", "#Diff", "#Inflight",
                "#LastTime");
        long diffTotal = 0;
        long inflightTotal = 0;
        for (Map.Entry<MessageQueue, QueueConsumeStats> entry : stats.queues().entrySet()) {
            MessageQueue queue = entry.getKey();
            QueueConsumeStats offsets = entry.getValue();
            long diff = offsets.brokerOffset() - offsets.consumerOffset();
            long inflight = offsets.pullOffset() - offsets.consumerOffset();
            diffTotal += diff;
            inflightTotal += inflight;
            String lastTime = offsets.lastTimestamp() == 0 ? "N/A"
                    : Columns.seconds(offsets.lastTimestamp(), context().clock().getZone());
            printf(ROW, Columns.front(queue.topic(), 64), Columns.front(queue.brokerName(), 32), queue.queueId(),
                    offsets.brokerOffset(), offsets.consumerOffset(), diff, inflight, lastTime);
        }
        printf("%n");
        printf("Consume TPS: %.2f%n", stats.consumeTps());
        printf("Consume Diff Total: %d%n", diffTotal);
        printf("Consume Inflight Total: %d%n", inflightTotal);
    }

    private void printAllGroups(AdminClient admin) {
        printf(GROUPS_HEADER, "#Group", "#Count", "#Version", "#Type", "#Model", "#TPS", "#Diff Total");
        for (String topic : admin.topicList()) {
            if (!topic.startsWith(RETRY_PREFIX)) {
                continue;
            }
            String group = topic.substring(RETRY_PREFIX.length());
            long diffTotal = 0;
            int tps = 0;
            try {
                ConsumeStats stats = admin.consumeStats(group, null);
                diffTotal = stats.diffTotal();
                tps = (int) stats.consumeTps();
            } catch (AdminException e) {
                // Like Apache's tool: a group without stats still gets its line.
            }
            ConsumerConnection connection = null;
            try {
                connection = admin.consumerConnection(group);
            } catch (AdminException e) {
                // Offline group.
            }
            int count = connection == null ? 0 : connection.connections().size();
            String version = count == 0 ? "OFFLINE" : Columns.versionDesc(connection.connections().stream()
                    .mapToInt(c -> c.version()).min().orElse(0));
            String type = count == 0 ? "" : "CONSUME_ACTIVELY".equals(connection.consumeType()) ? "PULL" : "PUSH";
            String model = count != 0 && "PUSH".equals(type) ? String.valueOf(connection.messageModel()) : "";
            printf(GROUPS_ROW, Columns.front(group, 64), count, version, type, model, tps, diffTotal);
        }
    }
}
