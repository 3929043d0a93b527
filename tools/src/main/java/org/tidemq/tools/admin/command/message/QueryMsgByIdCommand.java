package org.tidemq.tools.admin.command.message;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.client.producer.Producer;
import org.tidemq.client.producer.SendResult;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/**
 * {@code queryMsgById}: the message an offset message id (the broker's id) names, in detail, followed by which
 * consumer groups consumed it. With {@code -g} and {@code -d} one push consumer consumes it again instead; with
 * {@code -s true} it is sent again to its topic.
 */
@Command(name = "queryMsgById", description = "Query Message by Id.")
public final class QueryMsgByIdCommand extends AdminCommand {
    /** The producer group Apache's tool resends as. */
    static final String RESEND_GROUP = "ReSendMsgById";

    @Option(names = {"-i", "--msgId"}, required = true, description = "Message Id (offset msg id; several: comma separated)")
    String msgId;

    @Option(names = {"-g", "--consumerGroup"}, description = "consumer group name (with -d: consume the message "
            + "directly on that consumer)")
    String consumerGroup;

    @Option(names = {"-d", "--clientId"}, description = "The consumer's client id")
    String clientId;

    @Option(names = {"-s", "--sendMessage"}, description = "resend message (true|false)")
    String sendMessage;

    @Option(names = {"-u", "--unitName"}, description = "unit name of the resending producer (accepted; TideMQ's "
            + "client has no unit names, so it does not change the resend)")
    String unitName;

    @Option(names = {"-f", "--bodyFormat"}, description = "print message body by the specified format (charset)")
    String bodyFormat;

    @Override
    protected void run(AdminClient admin) {
        List<String> ids = Arrays.stream(msgId.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
        if (consumerGroup != null && clientId != null) {
            DirectConsume direct = new DirectConsume(admin, context().out(), consumerGroup.trim(), clientId.trim());
            for (String id : ids) {
                direct.byOffsetId(admin.viewMessage(id).topic(), id);
            }
        } else if (sendMessage != null) {
            if (Boolean.parseBoolean(sendMessage.trim())) {
                resend(admin, ids);
            }
        } else {
            MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
            for (String id : ids) {
                ReceivedMessage message = admin.viewMessage(id);
                printer.print(message, MessagePrinter.charset(bodyFormat));
                printer.printTracks(admin, message, context().err());
            }
        }
    }

    private void resend(AdminClient admin, List<String> ids) {
        try (Producer producer = Producer.builder().namesrvAddr(resolveNamesrv()).group(RESEND_GROUP).build()) {
            producer.start();
            for (String id : ids) {
                ReceivedMessage message = admin.viewMessage(id);
                printf("prepare resend msg. originalMsgId=%s%n", id);
                printf("%s%n", describe(producer.send(Resend.copyOf(message))));
            }
        }
    }

    /** Apache's {@code SendResult.toString()}. */
    static String describe(SendResult result) {
        MessageQueue queue = result.queue();
        return "SendResult [sendStatus=" + result.status() + ", msgId=" + result.msgId() + ", offsetMsgId="
                + result.offsetMsgId() + ", messageQueue=MessageQueue [topic=" + queue.topic() + ", brokerName="
                + queue.brokerName() + ", queueId=" + queue.queueId() + "], queueOffset=" + result.queueOffset()
                + "]";
    }
}
