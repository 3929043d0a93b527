package org.tidemq.tools.admin.command.message;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.QueueStats;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Timestamps;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code consumeMessage}: reads (without committing) up to {@code -c} messages of a topic, of one queue, or of one
 * queue from an offset, oldest first, one line each.
 */
@Command(name = "consumeMessage", description = "Consume message.")
public final class ConsumeMessageCommand extends AdminCommand {
    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name")
    String topic;

    @Option(names = {"-b", "--brokerName"}, description = "Broker name")
    String brokerName;

    @Option(names = {"-i", "--queueId"}, description = "Queue Id (needs -b)")
    Integer queueId;

    @Option(names = {"-o", "--offset"}, description = "Queue offset (needs -i)")
    Long offset;

    @Option(names = {"-g", "--consumerGroup"}, description = "Consumer group name (accepted; nothing is committed)")
    String group;

    @Option(names = {"-s", "--beginTimestamp"}, description = "Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]")
    String begin;

    @Option(names = {"-e", "--endTimestamp"}, description = "End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]")
    String end;

    @Option(names = {"-c", "--MessageNumber"}, description = "Number of message to be consumed (default 128)")
    long messageCount = 128;

    @Override
    protected void run(AdminClient admin) {
        if (messageCount <= 0) {
            throw new ToolFailure("-c must be a positive message count but was " + messageCount);
        }
        if (queueId != null && brokerName == null) {
            throw new ToolFailure("-i (queue id) needs -b (broker name)");
        }
        if (offset != null && queueId == null) {
            throw new ToolFailure("-o (offset) needs -i (queue id)");
        }
        long beginMillis = begin == null ? 0 : Timestamps.parse(begin, context().clock());
        long endMillis = end == null ? 0 : Timestamps.parse(end, context().clock());
        if (begin != null && end != null && beginMillis > endMillis) {
            throw new ToolFailure("the begin timestamp must not be after the end timestamp");
        }
        MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
        long left = messageCount;
        for (Map.Entry<MessageQueue, QueueStats> entry : admin.topicStats(topic.trim()).queues().entrySet()) {
            MessageQueue queue = entry.getKey();
            if (left == 0 || !selected(queue)) {
                continue;
            }
            long from = offset != null ? offset : beginMillis > 0 ? admin.searchOffset(queue, beginMillis)
                    : entry.getValue().minOffset();
            long to = endMillis > 0 ? admin.searchOffset(queue, endMillis) : entry.getValue().maxOffset();
            if (to - from > left) {
                printf("The older %d message of the %d queue will be provided%n", left, queue.queueId());
                to = from + left;
            }
            left -= QueueScan.scan(admin, queue, from, to, message -> {
                printf("Consume ok%n");
                printer.printLine(message, StandardCharsets.UTF_8, true);
            });
            context().out().flush();
        }
    }

    private boolean selected(MessageQueue queue) {
        return (brokerName == null || brokerName.trim().equals(queue.brokerName()))
                && (queueId == null || queueId == queue.queueId());
    }
}
