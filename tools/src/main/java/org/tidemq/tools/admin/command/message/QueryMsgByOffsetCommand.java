package org.tidemq.tools.admin.command.message;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code queryMsgByOffset}: the message at one queue offset, in detail; nothing printed when there is none. */
@Command(name = "queryMsgByOffset", description = "Query Message by offset.")
public final class QueryMsgByOffsetCommand extends AdminCommand {
    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Option(names = {"-b", "--brokerName"}, required = true, description = "Broker Name")
    String brokerName;

    @Option(names = {"-i", "--queueId"}, required = true, description = "Queue Id")
    int queueId;

    @Option(names = {"-o", "--offset"}, required = true, description = "Queue Offset")
    long offset;

    @Option(names = {"-f", "--bodyFormat"}, description = "print message body by the specified format (charset)")
    String bodyFormat;

    @Override
    protected void run(AdminClient admin) {
        MessageQueue queue = new MessageQueue(topic.trim(), brokerName.trim(), queueId);
        List<ReceivedMessage> found = admin.pullMessages(queue, offset, 1);
        if (!found.isEmpty()) {
            MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
            printer.print(found.get(0), MessagePrinter.charset(bodyFormat));
            printer.printTracks(admin, found.get(0), context().err());
        }
    }
}
