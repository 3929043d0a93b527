package org.tidemq.tools.admin.command.message;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sendMessage}: sends one message, optionally to a chosen broker and queue, and prints where it went. */
@Command(name = "sendMessage", description = "Send a message.")
public final class SendMessageCommand extends AdminCommand {
    static final String FORMAT = "%-32s  %-4s  %-20s    %s%n";
    private static final String PRODUCER_GROUP = "DEFAULT_PRODUCER";

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic name")
    String topic;

    @Option(names = {"-p", "--body"}, required = true, description = "UTF-8 string format of the message body")
    String body;

    @Option(names = {"-k", "--key"}, description = "Message keys (space separated)")
    String keys;

    @Option(names = {"-c", "--tags"}, description = "Message tags")
    String tags;

    @Option(names = {"-b", "--broker"}, description = "Send message to target broker (name)")
    String brokerName;

    @Option(names = {"-i", "--qid"}, description = "Send message to target queue (needs -b)")
    Integer queueId;

    @Option(names = {"-m", "--msgTraceEnable"}, arity = "1", hidden = true,
            description = "Message trace (not supported: accepted and ignored)")
    boolean msgTrace;

    @Override
    protected void run(AdminClient admin) {
        if (queueId != null && brokerName == null) {
            throw new ToolFailure("-i (queue id) needs -b (broker name)");
        }
        Message.Builder builder = Message.builder(topic.trim()).body(body.trim());
        if (keys != null) {
            builder.keys(keys.trim().split(" +"));
        }
        if (tags != null) {
            builder.tags(tags.trim());
        }
        Message message = builder.build();
        SendResult result;
        try (Producer producer = Producer.builder().namesrvAddr(resolveNamesrv()).group(PRODUCER_GROUP).build()) {
            producer.start();
            if (brokerName != null) {
                String broker = brokerName.trim();
                result = producer.send(message, (queues, sent) -> queues.stream()
                        .filter(queue -> broker.equals(queue.brokerName()))
                        .filter(queue -> queueId == null || queue.queueId() == queueId)
                        .findFirst()
                        .orElseThrow(() -> new ToolFailure("topic " + topic.trim() + " has no writable queue "
                                + (queueId == null ? "" : queueId + " ") + "on broker " + broker)));
            } else {
                result = producer.send(message);
            }
        }
        MessageQueue queue = result.queue();
        printf(FORMAT, "#Broker Name", "#QID", "#Send Result", "#MsgId");
        printf(FORMAT, queue.brokerName(), queue.queueId(), result.status(), result.msgId());
    }
}
