package org.tidemq.tools.admin.command.consumer;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import org.tidemq.tools.admin.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code resetOffsetByTime}: moves a group's offsets of a topic to a point in time, online consumers included. */
@Command(name = "resetOffsetByTime", description = "Reset consumer offset by timestamp(without client restart).")
public final class ResetOffsetByTimeCommand extends AdminCommand {
    static final String HEADER = "%-40s  %-40s  %-40s%n";
    static final String ROW = "%-40s  %-40d  %-40d%n";

    @Option(names = {"-g", "--group"}, required = true, description = "set the consumer group")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "set the topic")
    String topic;

    @Option(names = {"-s", "--timestamp"}, required = true,
            description = "set the timestamp[now|currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]")
    String timestamp;

    @Option(names = {"-f", "--force"}, arity = "1",
            description = "set the force rollback by timestamp switch[true|false]. Deprecated.")
    boolean force = true;

    @Override
    protected void run(AdminClient admin) {
        long millis = Timestamps.parse(timestamp, context().clock());
        Map<MessageQueue, Long> offsets = admin.resetOffsetByTime(group.trim(), topic.trim(), millis, force);
        printf("start reset consumer offset by specified, group[%s], topic[%s], force[%s], timestamp(string)[%s], "
                + "timestamp(long)[%s]%n", group.trim(), topic.trim(), force, timestamp.trim(), millis);
        printf(HEADER, "#brokerName", "#queueId", "#offset");
        offsets.forEach((queue, offset) -> printf(ROW, Columns.front(queue.brokerName(), 32), queue.queueId(),
                offset));
    }
}
