package org.tidemq.tools.admin.command.message;

import java.util.List;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code queryMsgByUniqueKey}: the message whose producer-side id ({@code UNIQ_KEY}) is given, in detail. */
@Command(name = "queryMsgByUniqueKey", description = "Query Message by Unique key.")
public final class QueryMsgByUniqueKeyCommand extends AdminCommand {
    @Option(names = {"-i", "--msgId"}, required = true, description = "Message Id")
    String msgId;

    @Option(names = {"-t", "--topic"}, required = true, description = "The topic of msg")
    String topic;

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
        MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
        for (ReceivedMessage message : showAll ? messages : messages.subList(0, 1)) {
            printer.print(message, MessagePrinter.charset(bodyFormat));
        }
    }
}
