package org.tidemq.tools.admin.command.message;

import java.util.List;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code queryMsgByUniqueKey}: the message whose producer-side id ({@code UNIQ_KEY}) is given, in detail, followed by
 * which consumer groups consumed it; with {@code -g} and {@code -d} one push consumer consumes it directly instead.
 */
@Command(name = "queryMsgByUniqueKey", description = "Query Message by Unique key.")
public final class QueryMsgByUniqueKeyCommand extends AdminCommand {
    @Option(names = {"-i", "--msgId"}, required = true, description = "Message Id")
    String msgId;

    @Option(names = {"-t", "--topic"}, required = true, description = "The topic of msg")
    String topic;

    @Option(names = {"-g", "--consumerGroup"}, description = "consumer group name (with -d: consume the message "
            + "directly on that consumer)")
    String consumerGroup;

    @Option(names = {"-d", "--clientId"}, description = "The consumer's client id")
    String clientId;

    @Option(names = {"-f", "--bodyFormat"}, description = "print message body by the specified format (charset)")
    String bodyFormat;

    @Option(names = {"-a", "--showAll"}, description = "Print all message, the limit is 32")
    boolean showAll;

    @Override
    protected void run(AdminClient admin) {
        List<ReceivedMessage> messages = admin.queryAllByUniqueKey(topic.trim(), msgId.trim());
        if (messages.isEmpty()) {
            throw new ToolFailure("no message with unique key " + msgId.trim() + " in topic " + topic.trim());
        }
        if (consumerGroup != null && clientId != null) {
            new DirectConsume(admin, context().out(), consumerGroup.trim(), clientId.trim())
                    .byUniqueKey(topic.trim(), messages.get(0).offsetMessageId());
            return;
        }
        MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
        for (ReceivedMessage message : showAll ? messages : messages.subList(0, 1)) {
            printer.print(message, MessagePrinter.charset(bodyFormat));
            printer.printTracks(admin, message, context().err());
        }
    }
}
