package org.tidemq.tools.admin.command.message;

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

    @Override
    protected void run(AdminClient admin) {
        ReceivedMessage message = admin.queryByUniqueKey(topic.trim(), msgId.trim())
                .orElseThrow(() -> new ToolFailure("no message with unique key " + msgId.trim() + " in topic "
                        + topic.trim()));
        MessagePrinter.forTool(context().out(), context().clock().getZone())
                .print(message, MessagePrinter.charset(bodyFormat));
    }
}
