package org.tidemq.tools.admin.command.consumer;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Columns;
import org.tidemq.tools.admin.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code resetOffsetByTime}: moves a group's offsets of a topic to a point in time, online consumers included. With
 * {@code -b} and {@code -q} only that queue on that broker moves, to {@code -o} or to the time's offset.
 */
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

    @Option(names = {"-c", "--cplus"}, description = "reset c++ client offset. Deprecated.")
    boolean cplus;

    @Option(names = {"-b", "--broker"}, description = "broker addr (with -q: reset only that queue on that broker)")
    String brokerAddr;

    @Option(names = {"-q", "--queue"}, description = "queue id (with -b)")
    Integer queueId;

    @Option(names = {"-o", "--offset"}, description = "Expect queue offset, not support old version broker "
            + "(with -b and -q; default: the offset of the timestamp)")
    Long offset;

    @Override
    protected void run(AdminClient admin) {
        long millis = Timestamps.parse(timestamp, context().clock());
        if (brokerAddr != null && queueId != null && queueId >= 0) {
            resetOneQueue(admin, brokerAddr.trim(), queueId, millis);
            return;
        }
        Map<MessageQueue, Long> offsets = admin.resetOffsetByTime(group.trim(), topic.trim(), millis, force, cplus);
        printf("start reset consumer offset by specified, group[%s], topic[%s], force[%s], timestamp(string)[%s], "
                + "timestamp(long)[%s]%n", group.trim(), topic.trim(), force, timestamp.trim(), millis);
        printf(HEADER, "#brokerName", "#queueId", "#offset");
        offsets.forEach((queue, offset) -> printf(ROW, Columns.front(queue.brokerName(), 32), queue.queueId(),
                offset));
    }

    private void resetOneQueue(AdminClient admin, String broker, int queue, long millis) {
        printf("start reset consumer offset by specified, group[%s], topic[%s], queueId[%s], broker[%s], "
                + "timestamp(string)[%s], timestamp(long)[%s]%n", group.trim(), topic.trim(), queue, broker,
                timestamp.trim(), millis);
        long target = offset != null ? offset : admin.searchOffset(broker, topic.trim(), queue, millis);
        printf("reset consumer offset to %d%n", target);
        if (target >= 0) {
            admin.resetQueueOffset(broker, group.trim(), topic.trim(), queue, target);
        }
    }
}
