package org.tidemq.tools.admin.command.message;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code queryMsgById}: the message an offset message id (the broker's id) names, in detail. */
@Command(name = "queryMsgById", description = "Query Message by Id.")
public final class QueryMsgByIdCommand extends AdminCommand {
    @Option(names = {"-i", "--msgId"}, required = true, description = "Message Id (offset msg id; several: comma separated)")
    String msgId;

    @Option(names = {"-f", "--bodyFormat"}, description = "print message body by the specified format (charset)")
    String bodyFormat;

    @Override
    protected void run(AdminClient admin) {
        MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
        for (String id : msgId.split(",")) {
            printer.print(admin.viewMessage(id.trim()), MessagePrinter.charset(bodyFormat));
        }
    }
}
