package org.tidemq.tools.admin.command.message;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.QueueStats;
import org.tidemq.client.admin.TopicStats;
import org.tidemq.tools.admin.AdminCommand;
import org.tidemq.tools.admin.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code printMsg}: every message of a topic (or of a time range), queue by queue, one line each. */
@Command(name = "printMsg", description = "Print Message Detail.")
public final class PrintMsgCommand extends AdminCommand {
    @Option(names = {"-t", "--topic"}, required = true, description = "topic name")
    String topic;

    @Option(names = {"-c", "--charsetName"}, description = "CharsetName(eg: UTF-8,GBK)")
    String charsetName = "UTF-8";

    @Option(names = {"-s", "--subExpression"}, description = "Subscribe Expression(eg: TagA || TagB)")
    String subExpression = "*";

    @Option(names = {"-b", "--beginTimestamp"}, description = "Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]")
    String begin;

    @Option(names = {"-e", "--endTimestamp"}, description = "End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]")
    String end;

    @Option(names = {"-d", "--printBody"}, arity = "1", description = "print body (default true)")
    boolean printBody = true;

    @Override
    protected void run(AdminClient admin) {
        Charset charset = MessagePrinter.charset(charsetName);
        Set<String> tags = tags(subExpression);
        MessagePrinter printer = MessagePrinter.forTool(context().out(), context().clock().getZone());
        TopicStats stats = admin.topicStats(topic.trim());
        for (Map.Entry<MessageQueue, QueueStats> entry : stats.queues().entrySet()) {
            MessageQueue queue = entry.getKey();
            long from = begin == null ? entry.getValue().minOffset()
                    : admin.searchOffset(queue, Timestamps.parse(begin, context().clock()));
            long to = end == null ? entry.getValue().maxOffset()
                    : admin.searchOffset(queue, Timestamps.parse(end, context().clock()));
            printf("minOffset=%s, maxOffset=%s, %s%n", from, to, describe(queue));
            QueueScan.scan(admin, queue, from, to, message -> {
                if (tags.isEmpty() || tags.contains(message.tags())) {
                    printer.printLine(message, charset, printBody);
                }
            });
            context().out().flush();
            printf("--------------------------------------------------------%n");
        }
    }

    /** {@code *} → every tag (empty set); {@code A || B} → those tags. */
    static Set<String> tags(String expression) {
        String trimmed = expression.trim();
        if (trimmed.isEmpty() || "*".equals(trimmed)) {
            return Set.of();
        }
        return Arrays.stream(trimmed.split("\\|\\|")).map(String::trim).filter(tag -> !tag.isEmpty())
                .collect(Collectors.toSet());
    }

    static String describe(MessageQueue queue) {
        return "MessageQueue [topic=" + queue.topic() + ", brokerName=" + queue.brokerName() + ", queueId="
                + queue.queueId() + "]";
    }
}
