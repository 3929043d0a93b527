package org.tidemq.tools.admin.command.message;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.consumer.ReceivedMessage;
import org.tidemq.tools.admin.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code queryMsgByKey}: ids, queues and offsets of the messages carrying a key. */
@Command(name = "queryMsgByKey", description = "Query Message by Key.")
public final class QueryMsgByKeyCommand extends AdminCommand {
    static final String HEADER = "%-50s %4s %40s%n";
    static final String ROW = "%-50s %4d %40d%n";

    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Option(names = {"-k", "--msgKey"}, required = true, description = "Message Key")
    String key;

    @Option(names = {"-b", "--beginTimestamp"}, description = "Begin timestamp(ms). default:0")
    long beginMillis;

    @Option(names = {"-e", "--endTimestamp"}, description = "End timestamp(ms). default:Long.MAX_VALUE")
    long endMillis = Long.MAX_VALUE;

    @Option(names = {"-c", "--maxNum"}, description = "The maximum number of messages returned by the query, "
            + "default:64")
    int maxNum = 64;

    @Override
    protected void run(AdminClient admin) {
        List<ReceivedMessage> messages = admin.queryByKey(topic.trim(), key.trim(), maxNum, beginMillis, endMillis);
        printf(HEADER, "#Message ID", "#QID", "#Offset");
        for (ReceivedMessage message : messages) {
            printf(ROW, message.messageId(), message.queueId(), message.queueOffset());
        }
    }
}
